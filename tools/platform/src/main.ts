import { run } from './cli';
import { defaultAppsDir } from './paths';

// The entry of `npm run platform -- <command>`: real process, real streams, real exit code.
run(process.argv.slice(2), {
  cwd: process.cwd(),
  env: process.env,
  appsDir: defaultAppsDir(),
  output: {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
  },
}).then((code) => {
  // exitCode rather than exit(): lets stdout drain when it is a pipe.
  process.exitCode = code;
});
