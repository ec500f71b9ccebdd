import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  settle,
  type StackJob,
  type StackOutcome,
  terraformInit,
  terraformStep,
} from './stack-job';
import { prepareWorkDir } from './work-dir';

export const PLAN_JSON = 'plan.json';
const PLAN_FILE = 'tfplan';

/**
 * An offline plan: init with the local backend of the override, plan without refreshing (there
 * is no state, and a refresh would call AWS), then `terraform show -json` into plan.json beside
 * the stack's cdk.tf.json for the policy rules to read.
 */
export function planStack(job: StackJob): Promise<StackOutcome> {
  return settle(async () => {
    // A plan.json left from an earlier run must not pass for this run's result if this one fails.
    const planJson = join(job.stackDir, PLAN_JSON);
    rmSync(planJson, { force: true });
    prepareWorkDir(job.stackDir, job.workDir, 'plan');
    // -reconfigure: the backend always comes from the override; never offer to migrate state.
    await terraformInit(job, ['-reconfigure', '-input=false', '-no-color']);
    await terraformStep(job, [
      'plan',
      '-refresh=false',
      '-lock=false',
      '-input=false',
      '-no-color',
      `-out=${PLAN_FILE}`,
    ]);
    const shown = await terraformStep(job, ['show', '-json', '-no-color', PLAN_FILE]);
    const temporary = `${planJson}.tmp`;
    writeFileSync(temporary, shown.stdout);
    renameSync(temporary, planJson);
    return { ok: true, detail: changeSummary(shown.stdout) };
  });
}

/** "2 to add, 0 to change, 0 to destroy", as terraform prints it; replacements count as add and destroy. */
export function changeSummary(planJson: string): string {
  const plan = JSON.parse(planJson) as { resource_changes?: { change: { actions: string[] } }[] };
  let add = 0;
  let change = 0;
  let destroy = 0;
  for (const { change: resourceChange } of plan.resource_changes ?? []) {
    const actions = resourceChange.actions;
    if (actions.includes('create')) add += 1;
    if (actions.includes('delete')) destroy += 1;
    if (actions.includes('update')) change += 1;
  }
  return `(${add} to add, ${change} to change, ${destroy} to destroy)`;
}
