import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from './helpers';

/**
 * genai-next-hop.sh, run with bash in a git repository as promote.yml's genai-next-hop job runs it
 * after a push to main: the environment to promote from is the one whose pin the push changed,
 * unless the next environment already serves that version.
 */

const SCRIPT = join(__dirname, '..', 'scripts', 'genai-next-hop.sh');
const A = 'aaaaaaaaaaaaaaaa';
const B = 'bbbbbbbbbbbbbbbb';

function git(cwd: string, ...args: string[]): string {
  const run = spawnSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      GIT_AUTHOR_NAME: 'test',
      GIT_AUTHOR_EMAIL: 'test@example.com',
      GIT_COMMITTER_NAME: 'test',
      GIT_COMMITTER_EMAIL: 'test@example.com',
      GIT_CONFIG_NOSYSTEM: '1',
      HOME: cwd,
    },
  });
  if (run.status !== 0) throw new Error(`git ${args.join(' ')}: ${run.stderr}`);
  return run.stdout.trim();
}

/** Commits the pins (environment -> version, or undefined for a manifest without a pin). */
function commitPins(cwd: string, pins: Record<string, string | undefined>): string {
  mkdirSync(join(cwd, 'environments', 'releases'), { recursive: true });
  for (const [environment, version] of Object.entries(pins))
    writeFileSync(
      join(cwd, 'environments', 'releases', `${environment}.json`),
      `${JSON.stringify({ releases: [], ...(version ? { genaiSettings: { version } } : {}) }, null, 2)}\n`,
    );
  git(cwd, 'add', '-A');
  git(cwd, 'commit', '-q', '--allow-empty', '-m', 'pins');
  return git(cwd, 'rev-parse', 'HEAD');
}

function nextHop(cwd: string, before: string) {
  const run = spawnSync('bash', ['--noprofile', '--norc', SCRIPT, before, 'dev', 'test', 'prod'], {
    cwd,
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: cwd, GITHUB_OUTPUT: '' },
  });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr.trim() };
}

function repository(): string {
  const cwd = tempDir('genai-next-hop-');
  git(cwd, 'init', '-q', '-b', 'main');
  return cwd;
}

describe('genai-next-hop.sh', () => {
  it('names test when a push pins a new version in test that prod does not serve', () => {
    const cwd = repository();
    const before = commitPins(cwd, { test: A, prod: A });
    commitPins(cwd, { test: B, prod: A });
    const result = nextHop(cwd, before);
    expect(result).toMatchObject({ code: 0, stdout: 'source-environment=test' });
    expect(result.stderr).toContain(`test's GenAI settings pin changed to ${B}; prod serves ${A}`);
  });

  it('names no hop when the push changed no pin (a model release, say)', () => {
    const cwd = repository();
    const before = commitPins(cwd, { test: A, prod: A });
    writeFileSync(join(cwd, 'environments', 'releases', 'other.txt'), 'x');
    commitPins(cwd, {});
    expect(nextHop(cwd, before)).toMatchObject({ code: 0, stdout: 'source-environment=' });
  });

  it('names no hop when prod already serves the new pin (the pull request of the last hop)', () => {
    const cwd = repository();
    const before = commitPins(cwd, { test: B, prod: A });
    commitPins(cwd, { test: B, prod: B });
    expect(nextHop(cwd, before)).toMatchObject({ code: 0, stdout: 'source-environment=' });
  });

  it('names test when it receives its first pin, and prod has none', () => {
    const cwd = repository();
    const before = commitPins(cwd, { test: undefined, prod: undefined });
    commitPins(cwd, { test: A });
    expect(nextHop(cwd, before)).toMatchObject({ code: 0, stdout: 'source-environment=test' });
  });

  it('counts every pin as changed after a first push (no commit before it)', () => {
    const cwd = repository();
    commitPins(cwd, { test: A });
    expect(nextHop(cwd, '0000000000000000000000000000000000000000')).toMatchObject({
      code: 0,
      stdout: 'source-environment=test',
    });
  });

  it('refuses a call without the chain', () => {
    const result = nextHop(repository(), '');
    expect(result.code).toBe(0);
    const bad = spawnSync('bash', ['--noprofile', '--norc', SCRIPT, 'abc'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('Usage:');
  });
});
