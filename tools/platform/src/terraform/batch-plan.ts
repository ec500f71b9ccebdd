import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { prepareBatchDir, type StackBatch, withinStack } from './batch-dir';
import { type BatchResult, firstLines } from './batch-result';
import { changeSummary, PLAN_JSON } from './plan-stack';
import { type StackJob, type StackOutcome, terraformInit, terraformStep } from './stack-job';

const PLAN_FILE = 'tfplan';

type Json = Record<string, unknown>;

interface PlanModule {
  address?: string;
  resources?: Json[];
  child_modules?: PlanModule[];
}

/**
 * An offline plan of a batch of stacks in one terraform process (see planStack for one stack),
 * split into one plan.json per stack. Returns why not when init or plan fails, because
 * terraform's plan errors do not reliably name the module: the caller then plans those stacks
 * one by one, so a failure is reported against its stack with terraform's own output.
 */
export async function planBatch(job: StackJob, batch: StackBatch): Promise<BatchResult> {
  const stacks = batch.stacks;
  for (const stack of stacks) rmSync(join(stack.dir, PLAN_JSON), { force: true });
  prepareBatchDir(job.workDir, batch, 'plan');
  let shown;
  try {
    // The root module has no backend, so the state is local; the stacks' own are ignored.
    await terraformInit(job, ['-reconfigure', '-input=false', '-no-color']);
    await terraformStep(job, [
      'plan',
      '-refresh=false',
      '-lock=false',
      '-input=false',
      '-no-color',
      `-out=${PLAN_FILE}`,
    ]);
    shown = await terraformStep(job, ['show', '-json', '-no-color', PLAN_FILE]);
  } catch (error) {
    return { retry: firstLines(error) };
  }
  const plan = JSON.parse(shown.stdout) as Json;
  const outcomes = new Map<string, StackOutcome>();
  for (const stack of stacks) {
    const text = JSON.stringify(stackPlan(plan, stack.name));
    const planJson = join(stack.dir, PLAN_JSON);
    writeFileSync(`${planJson}.tmp`, text);
    renameSync(`${planJson}.tmp`, planJson);
    outcomes.set(stack.name, { ok: true, detail: changeSummary(text) });
  }
  return outcomes;
}

/**
 * The part of a batch's `terraform show -json` that belongs to one stack, addressed as if the
 * stack had been planned alone: its module's planned values become the root module, and its
 * resource changes lose the `module.<stack>.` prefix. The top-level fields (format_version,
 * terraform_version, ...) are kept; configuration, prior_state and output_changes of the batch
 * are left out, as they describe the generated root module rather than the stack.
 */
export function stackPlan(plan: Json, stack: string): Json {
  const address = `module.${stack}`;
  const root = (plan.planned_values as { root_module?: PlanModule } | undefined)?.root_module;
  const own = root?.child_modules?.find((module) => module.address === address);
  const changes = ((plan.resource_changes ?? []) as Json[])
    .filter((change) => belongsTo(change.module_address, address))
    .map((change) => relocate(change, stack));
  const top: Json = {};
  for (const [key, value] of Object.entries(plan)) {
    if (typeof value !== 'object' || value === null) top[key] = value;
  }
  return {
    ...top,
    planned_values: { root_module: own ? asRoot(own, stack) : {} },
    resource_changes: changes,
  };
}

function belongsTo(moduleAddress: unknown, address: string): boolean {
  return (
    typeof moduleAddress === 'string' &&
    (moduleAddress === address || moduleAddress.startsWith(`${address}.`))
  );
}

function relocate(entry: Json, stack: string): Json {
  const moved: Json = { ...entry, address: withinStack(stack, String(entry.address)) };
  const moduleAddress = entry.module_address;
  if (moduleAddress === `module.${stack}`) delete moved.module_address;
  else if (typeof moduleAddress === 'string')
    moved.module_address = withinStack(stack, moduleAddress);
  return moved;
}

function asRoot(module: PlanModule, stack: string): PlanModule {
  const root: PlanModule = {};
  if (module.resources)
    root.resources = module.resources.map((resource) => relocate(resource, stack));
  if (module.child_modules)
    root.child_modules = module.child_modules.map((child) => asChild(child, stack));
  return root;
}

function asChild(module: PlanModule, stack: string): PlanModule {
  return { ...asRoot(module, stack), address: withinStack(stack, String(module.address)) };
}
