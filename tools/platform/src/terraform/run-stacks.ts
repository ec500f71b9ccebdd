import { join } from 'node:path';
import { STACKS_DIR } from '../manifest';
import { type Mutex, mapConcurrently } from '../pool';
import type { Progress } from '../progress';
import { BATCHES_DIR, formBatches, type StackTarget } from './batch-dir';
import { planBatch } from './batch-plan';
import { validateBatch } from './batch-validate';
import { planStack } from './plan-stack';
import type { StackJob, StackOutcome } from './stack-job';
import { validateStack } from './validate-stack';

export interface RunStacksOptions {
  readonly command: 'validate' | 'plan';
  readonly stacks: readonly StackTarget[];
  /** `<out>/.work`. */
  readonly workRoot: string;
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  readonly concurrency: number;
  /** Stacks per terraform process (see batchSize). */
  readonly batchSize: number;
  readonly initLock?: Mutex;
  /** The committed .terraform.lock.hcl. */
  readonly lockFile?: string;
  readonly progress: Progress;
  /** Says why a batch is re-run one stack per process (a line of the run's output). */
  readonly note: (line: string) => void;
}

const SINGLE = { validate: validateStack, plan: planStack };
const BATCH = { validate: validateBatch, plan: planBatch };

/**
 * Runs validate or plan over the stacks, `concurrency` terraform processes at a time, up to
 * `batchSize` stacks per process: a terraform process spends most of its time loading the
 * provider schema, whatever the number of stacks it checks. A batch whose result cannot be told
 * apart per stack runs again one stack per process. Results keep the stacks' order.
 */
export async function runStacks(
  options: RunStacksOptions,
): Promise<{ stack: string; outcome: StackOutcome }[]> {
  const { command, stacks, progress } = options;
  const batches = formBatches(stacks, options.batchSize);
  const jobFor = (name: string, workDir: string, stackDir = ''): StackJob => ({
    stack: name,
    stackDir,
    workDir,
    terraform: options.terraform,
    env: options.env,
    initLock: options.initLock,
    lockFile: options.lockFile,
  });
  const single = async (stack: StackTarget) => {
    const started = Date.now();
    const job = jobFor(stack.name, join(options.workRoot, STACKS_DIR, stack.name), stack.dir);
    const outcome = await SINGLE[command](job);
    progress.done(stack.name, outcome.ok, Date.now() - started, outcome.detail, outcome.block);
    return [{ stack: stack.name, outcome }];
  };
  const perBatch = await mapConcurrently(batches, options.concurrency, async (batch, index) => {
    const members = batch.stacks;
    if (members.length === 1) return single(members[0]);
    const started = Date.now();
    const label = `batch ${index + 1} (${members.map((stack) => stack.name).join(', ')})`;
    const outcomes = await BATCH[command](
      jobFor(label, join(options.workRoot, BATCHES_DIR, String(index + 1))),
      batch,
    );
    if (!(outcomes instanceof Map)) {
      options.note(
        `${command} ${label}: cannot tell the result apart per stack (${outcomes.retry}); running its stacks one per terraform process`,
      );
      const results = [];
      for (const stack of members) results.push(...(await single(stack)));
      return results;
    }
    const milliseconds = Date.now() - started;
    return members.map((stack) => {
      const outcome = outcomes.get(stack.name) ?? { ok: false, failure: 'no result' };
      progress.done(stack.name, outcome.ok, milliseconds, outcome.detail, outcome.block);
      return { stack: stack.name, outcome };
    });
  });
  return perBatch.flat();
}
