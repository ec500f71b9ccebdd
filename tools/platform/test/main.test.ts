import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The entry point as `npm run platform` starts it (node with the source condition and tsx), to
 * check that the exit code and the streams reach the shell. Everything else runs in-process.
 */
const repositoryRoot = join(__dirname, '..', '..', '..');

function platform(...args: string[]) {
  return spawnSync(
    process.execPath,
    [
      '--conditions=@genai-sandbox/source',
      '--import',
      'tsx',
      'tools/platform/src/main.ts',
      ...args,
    ],
    {
      cwd: repositoryRoot,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME },
    },
  );
}

test('fails with exit code 2 and a message on stderr when a flag is unknown', () => {
  const result = platform('synth', '--bogus');
  expect(result.stderr).toContain('Unknown option "--bogus" for "platform synth"');
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
}, 30_000);
