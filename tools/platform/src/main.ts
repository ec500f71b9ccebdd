import { runProcess } from './run-process';

// The entry of `npm run platform -- <command>` (through bin/platform.cjs, compiled), or of
// tsx from source.
runProcess(process.argv.slice(2));
