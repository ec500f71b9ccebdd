import { runProcess, type ProcessResult } from '../terraform/run-process';

/** A terraform step that exited non-zero; its message holds the command and terraform's output. */
export class TerraformFailed extends Error {}

/** Runs terraform with one environment in a stack's directory; a non-zero exit throws. */
export class TerraformRunner {
  constructor(
    readonly binary: string,
    private readonly env: NodeJS.ProcessEnv,
  ) {}

  async step(dir: string, args: readonly string[]): Promise<ProcessResult> {
    const result = await runProcess(this.binary, args, { cwd: dir, env: this.env });
    if (result.code !== 0) {
      throw new TerraformFailed(
        `terraform ${args.join(' ')} failed (exit ${result.code}) in ${dir}:\n${result.output}`,
      );
    }
    return result;
  }
}
