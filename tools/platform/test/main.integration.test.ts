import { spawnSync } from 'node:child_process';
import { REPOSITORY_ROOT, SOURCE_CLI_ARGS } from './helpers';

/**
 * The entry point as `npm run platform` starts it (node with the source condition and tsx), to
 * check that the exit code and the streams reach the shell. Everything else runs in-process.
 */
function platform(...args: string[]) {
  return spawnSync(process.execPath, [...SOURCE_CLI_ARGS, ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

test('fails with exit code 2 and a message on stderr when a flag is unknown', () => {
  const result = platform('synth', '--bogus');
  expect(result.stderr).toContain('Unknown option "--bogus" for "platform synth"');
  expect(result.stdout).toBe('');
  expect(result.status).toBe(2);
}, 30_000);

/** The compiled CLI as `npm run platform` starts it; compiles the workspace first when stale. */
function compiledPlatform(...args: string[]) {
  return spawnSync(process.execPath, ['tools/platform/bin/platform.cjs', ...args], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
}

describe('bin/platform.cjs', () => {
  test('runs the compiled CLI: help on stdout with exit code 0', () => {
    const result = compiledPlatform('--help');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('Usage: npm run platform -- <command> [options]');
    expect(result.status).toBe(0);
  }, 60_000);

  test('fails with exit code 2 and a message on stderr when a flag is unknown', () => {
    const result = compiledPlatform('synth', '--bogus');
    expect(result.stderr).toContain('Unknown option "--bogus" for "platform synth"');
    expect(result.stdout).toBe('');
    expect(result.status).toBe(2);
  }, 60_000);
});
