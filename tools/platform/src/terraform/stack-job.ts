import type { Mutex } from '../pool';
import { installLockFile } from './provider-source';
import { runProcess } from './run-process';

/** What a validate or plan job of one stack needs. */
export interface StackJob {
  readonly stack: string;
  readonly stackDir: string;
  readonly workDir: string;
  readonly terraform: string;
  readonly env: NodeJS.ProcessEnv;
  /**
   * Set when a shared plugin cache is in use: serializes `terraform init` across stacks, because
   * Terraform documents its plugin cache as unsafe for concurrent writers. Other stacks keep
   * validating and planning while one waits.
   */
  readonly initLock?: Mutex;
  /** The committed .terraform.lock.hcl, put beside the configuration before init. */
  readonly lockFile?: string;
}

/** Runs terraform init, one at a time when a shared plugin cache is in use. */
export function terraformInit(job: StackJob, args: readonly string[]) {
  if (job.lockFile) installLockFile(job.lockFile, job.workDir);
  const init = () => terraformStep(job, ['init', ...args]);
  return job.initLock ? job.initLock.run(init) : init();
}

export interface StackOutcome {
  readonly ok: boolean;
  /** Appended to the progress line, such as "1 to add, 0 to change, 0 to destroy". */
  readonly detail?: string;
  /** Printed under the progress line, such as diagnostics. */
  readonly block?: string;
  /** The failing step and terraform's full output, printed at the end of the run. */
  readonly failure?: string;
}

export class StepFailed extends Error {}

/** Runs one terraform step in the work directory; throws StepFailed with its output unless it exits 0. */
export async function terraformStep(
  job: StackJob,
  args: readonly string[],
  options: { allowExitCodes?: readonly number[] } = {},
) {
  const result = await runProcess(job.terraform, args, { cwd: job.workDir, env: job.env });
  if (result.code !== 0 && !(options.allowExitCodes ?? []).includes(result.code)) {
    throw new StepFailed(
      `terraform ${args.join(' ')} failed (exit ${result.code}) in ${job.workDir}:\n${result.output}`,
    );
  }
  return result;
}

/** Runs a job body, turning any failure into an outcome so that one stack never stops the others. */
export async function settle(body: () => Promise<StackOutcome>): Promise<StackOutcome> {
  try {
    return await body();
  } catch (error) {
    const message =
      error instanceof StepFailed
        ? error.message
        : error instanceof Error
          ? (error.stack ?? error.message)
          : String(error);
    return { ok: false, failure: message };
  }
}
