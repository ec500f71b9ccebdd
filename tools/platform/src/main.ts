import { run } from './cli';
import { terminalConfirm } from './confirm';
import { defaultAppsDir } from './paths';

// The AWS SDK warns on every start under Node < 22 that its releases after January 2027 will need
// Node 22 (NodeVersionSupportWarning): noise in every preflight and promote log, which the user
// cannot act on per run. This is the SDK's own switch for that one warning; a value the user set
// is kept, and every other warning is still printed.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

// The entry of `npm run platform -- <command>` (through bin/platform.cjs, compiled), or of
// tsx from source: real process, real streams, real exit code.
run(process.argv.slice(2), {
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
