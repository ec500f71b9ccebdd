import { mkdirSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { STACK_FILE } from '../manifest';
import { CliError } from '../errors';
import { batchMember, StackBatch, type StackTarget } from './batch-member';
import { OFFLINE_INPUTS_FILE, offlineStackInputs, requiredVariables } from './stack-inputs';
import { prepareWorkDir } from './work-dir';

export { StackBatch, type StackTarget } from './batch-member';

type StackJson = Parameters<typeof offlineStackInputs>[0];

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
 * Splits stacks into batches of at most `size`, first fit in order: a stack joins the first batch
 * with room whose shared files agree with its own (see StackBatch). A stack that cannot be a
 * module of a batch (see batchMember) runs alone.
 */
export function formBatches(stacks: readonly StackTarget[], size: number): StackBatch[] {
  const batches: StackBatch[] = [];
  const alone: StackBatch[] = [];
  for (const stack of stacks) {
    const member = batchMember(stack.dir);
    if (member.alone !== undefined) {
      const own = new StackBatch();
      own.add(stack, member);
      alone.push(own);
      continue;
    }
    let batch = batches.find(
      (candidate) => candidate.stacks.length < size && candidate.accepts(stack.name, member),
    );
    if (!batch) {
      batch = new StackBatch();
      batches.push(batch);
    }
    batch.add(stack, member);
  }
  return [...batches, ...alone];
}

/** What Terraform keeps in a batch directory between runs: init is then a quick check. */
const KEPT = new Set(['.terraform', '.terraform.lock.hcl']);

/** The root variable that carries variable `name` of module `stack`. */
export function rootVariable(stack: string, name: string): string {
  return `${stack}__${name}`;
}

/**
 * Lays out a root module that calls each stack of the batch as a module, `<batchDir>/<stack>/`
 * holding what the stack's own work directory would (prepareWorkDir), with the stacks' shared
 * files (assets) linked at the root, where their relative paths resolve as in the stack's own
 * work directory. Terraform then runs once for the whole batch instead of once per stack.
 * Backends inside modules are ignored by Terraform (with a warning the batch runners drop),
 * which validate and the offline plan want anyway.
 *
 * A stack variable without a default (a foundation input) becomes a module argument from a root
 * variable of the same type: unset for validate, so its value is unknown as when the stack is
 * validated alone, and set to the offline placeholder for plan, as the stack's own work
 * directory sets it.
 */
export function prepareBatchDir(
  batchDir: string,
  batch: StackBatch,
  mode: 'validate' | 'plan',
): void {
  mkdirSync(batchDir, { recursive: true });
  for (const entry of readdirSync(batchDir)) {
    if (!KEPT.has(entry)) rmSync(join(batchDir, entry), { recursive: true, force: true });
  }
  const modules: Record<string, Record<string, string>> = {};
  const variables: Record<string, { type?: unknown }> = {};
  const values: Record<string, unknown> = {};
  for (const stack of batch.stacks) {
    prepareWorkDir(stack.dir, join(batchDir, stack.name), mode);
    const json = JSON.parse(readFileSync(join(stack.dir, STACK_FILE), 'utf8')) as StackJson;
    const module: Record<string, string> = { source: `./${stack.name}` };
    for (const name of requiredVariables(json)) {
      const root = rootVariable(stack.name, name);
      const type = json.variable?.[name]?.type;
      variables[root] = type === undefined ? {} : { type };
      module[name] = `\${var.${root}}`;
    }
    if (mode === 'plan') {
      for (const [name, value] of Object.entries(offlineStackInputs(json))) {
        values[rootVariable(stack.name, name)] = value;
      }
    }
    modules[stack.name] = module;
  }
  for (const [path, source] of batch.sharedFiles) {
    mkdirSync(dirname(join(batchDir, path)), { recursive: true });
    symlinkSync(source, join(batchDir, path));
  }
  const root: Record<string, unknown> = {
    '//': 'Written by the platform CLI: each module is one stack of this batch.',
    module: modules,
  };
  if (Object.keys(variables).length > 0) root.variable = variables;
  writeFileSync(join(batchDir, 'main.tf.json'), `${JSON.stringify(root, null, 2)}\n`);
  if (Object.keys(values).length > 0) {
    writeFileSync(join(batchDir, OFFLINE_INPUTS_FILE), `${JSON.stringify(values, null, 2)}\n`);
  }
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
