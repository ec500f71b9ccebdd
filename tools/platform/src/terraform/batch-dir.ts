import { existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { STACK_FILE } from '../manifest';
import { CliError } from '../errors';
import { prepareWorkDir } from './work-dir';

/**
 * Stacks per terraform process, e.g. `PLATFORM_TF_BATCH_SIZE=1` to run one stack per process as
 * `cdktf` does (slower; useful to look at one stack's work directory).
 */
export const BATCH_VARIABLE = 'PLATFORM_TF_BATCH_SIZE';

/**
 * The most stacks one terraform process takes. Every stack keeps its own provider configuration,
 * so a batch runs one provider process per stack; measured with hashicorp/aws 5.100.0, each holds
 * about 75 MB of its own memory while the batch runs (the 675 MB binary is shared), so 20 stacks
 * and 2 batches at a time stay around 3 GB.
 */
export const MAX_BATCH = 20;

/** Where the batches of one run live, under `<out>/.work/`. */
export const BATCHES_DIR = 'batches';

/** The stacks of one batch: each becomes a module of a generated root module. */
export interface StackTarget {
  readonly name: string;
  /** `<out>/stacks/<name>`. */
  readonly dir: string;
}

/**
 * How many stacks go into one terraform process: what BATCH_VARIABLE says, else enough batches
 * to keep `concurrency` processes busy, at most MAX_BATCH stacks each. Throws a message naming
 * the variable when its value is not a whole number of at least 1.
 */
export function batchSize(env: NodeJS.ProcessEnv, stacks: number, concurrency: number): number {
  const configured = env[BATCH_VARIABLE];
  if (configured !== undefined && configured !== '') {
    const size = Number(configured);
    if (!Number.isInteger(size) || size < 1) {
      throw new CliError(
        `${BATCH_VARIABLE}=${configured} is not a whole number of at least 1. Set it to the number of stacks per terraform process (1 runs each stack alone), or unset it for the default (up to ${MAX_BATCH}).`,
      );
    }
    return size;
  }
  return Math.max(1, Math.min(MAX_BATCH, Math.ceil(stacks / Math.max(1, concurrency))));
}

/**
 * Splits stacks into batches of at most `size`, in order. A stack with files besides its
 * cdk.tf.json (assets) runs alone: its relative file paths would resolve against the root
 * module's directory inside a batch.
 */
export function formBatches(stacks: readonly StackTarget[], size: number): StackTarget[][] {
  const alone: StackTarget[][] = [];
  const batchable: StackTarget[] = [];
  for (const stack of stacks) {
    const files = existsSync(stack.dir) ? readdirSync(stack.dir) : [];
    if (files.every((file) => file === STACK_FILE || file === 'plan.json')) batchable.push(stack);
    else alone.push([stack]);
  }
  const batches: StackTarget[][] = [];
  for (let index = 0; index < batchable.length; index += size) {
    batches.push(batchable.slice(index, index + size));
  }
  return [...batches, ...alone];
}

/** What Terraform keeps in a batch directory between runs: init is then a quick check. */
const KEPT = new Set(['.terraform', '.terraform.lock.hcl']);

/**
 * Lays out a root module that calls each stack of the batch as a module, `<batchDir>/<stack>/`
 * holding what the stack's own work directory would (prepareWorkDir). Terraform then loads the
 * provider schema once for the whole batch instead of once per stack: that load is most of what
 * validate and plan cost. Backends inside modules are ignored by Terraform (with a warning the
 * batch runners drop), which validate and the offline plan want anyway.
 */
export function prepareBatchDir(
  batchDir: string,
  stacks: readonly StackTarget[],
  mode: 'validate' | 'plan',
): void {
  mkdirSync(batchDir, { recursive: true });
  for (const entry of readdirSync(batchDir)) {
    if (!KEPT.has(entry)) rmSync(join(batchDir, entry), { recursive: true, force: true });
  }
  const modules: Record<string, { source: string }> = {};
  for (const stack of stacks) {
    prepareWorkDir(stack.dir, join(batchDir, stack.name), mode);
    modules[stack.name] = { source: `./${stack.name}` };
  }
  writeFileSync(
    join(batchDir, 'main.tf.json'),
    `${JSON.stringify({ '//': 'Written by the platform CLI: each module is one stack of this batch.', module: modules }, null, 2)}\n`,
  );
}

/** The stack a module address (`module.<stack>...`) or file name (`<stack>/...`) belongs to. */
export function stackOf(
  stacks: readonly string[],
  where: { address?: string; filename?: string },
): string | undefined {
  return stacks.find(
    (stack) =>
      where.address === `module.${stack}` ||
      where.address?.startsWith(`module.${stack}.`) ||
      where.filename?.startsWith(`${stack}/`),
  );
}

/** `module.<stack>.aws_x.y` -> `aws_x.y`, as the stack alone would name it. */
export function withinStack(stack: string, address: string): string {
  const prefix = `module.${stack}.`;
  return address.startsWith(prefix) ? address.slice(prefix.length) : address;
}
