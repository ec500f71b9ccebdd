import { run } from './cli';
import { terminalConfirm } from './confirm';
import { defaultAppsDir } from './paths';

/**
 * Runs a command line as this process (real streams, real exit code): what main.ts does when the
 * CLI starts from its files and snapshot-main.ts when it starts from its start-up snapshot.
 */
export function runProcess(argv: readonly string[]): void {
  // The AWS SDK warns on every start under Node < 22 that its releases after January 2027 will
  // need Node 22 (NodeVersionSupportWarning): noise in every preflight and promote log, which the
  // user cannot act on per run. This is the SDK's own switch for that one warning; a value the
  // user set is kept, and every other warning is still printed.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  run(argv, {
    cwd: process.cwd(),
    env: process.env,
    appsDir: defaultAppsDir(),
    confirm: process.stdin.isTTY && process.stdout.isTTY ? terminalConfirm : undefined,
    output: {
      out: (text) => process.stdout.write(`${text}\n`),
      err: (text) => process.stderr.write(`${text}\n`),
    },
  }).then((code) => {
    // exitCode rather than exit(): lets stdout drain when it is a pipe.
    process.exitCode = code;
  });
}
