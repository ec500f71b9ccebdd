import { spawn } from 'node:child_process';

export interface ProcessResult {
  readonly code: number;
  readonly stdout: string;
  /** stdout and stderr interleaved as they arrived, for showing a failure as terraform printed it. */
  readonly output: string;
  readonly milliseconds: number;
}

/** Runs a program without a shell (arguments are never re-parsed) and collects its output. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: { readonly cwd: string; readonly env: NodeJS.ProcessEnv },
): Promise<ProcessResult> {
  const started = Date.now();
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const output: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => {
      stdout.push(chunk);
      output.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => output.push(chunk));
    const finish = (code: number, extra = '') =>
      resolvePromise({
        code,
        stdout: Buffer.concat(stdout).toString('utf8'),
        output: Buffer.concat(output).toString('utf8') + extra,
        milliseconds: Date.now() - started,
      });
    child.on('error', (error) => finish(127, `\n${command}: ${error.message}`));
    child.on('close', (code, signal) =>
      finish(code ?? 128, signal ? `\n${command} stopped by ${signal}` : ''),
    );
  });
}
