import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { generateConfiguration } from '../bench/generate-config';
import { ensureCompiled } from '../bin/compile.cjs';
import { runCli, tempDir } from './helpers';

const REPO_APPS = join(__dirname, '../../../apps');

/**
 * The SHA-256 of everything `synth` writes for the checked-in configuration grown to 3 projects
 * on the full profile (70 stacks with today's apps). Synthesis must be deterministic and its
 * speed-ups (no token stack traces, one process) must not change a byte. When a change to the
 * synthesized Terraform is intended, update the app snapshots and this hash together, and say
 * why in the commit.
 */
const GOLDEN = {
  stacks: 71,
  sha256: '9187a298e5f734d5828fdd99e893e5e86234c96d5bfd77612683aa81f38c5a26',
};

/** Relative path and content of every file under `dir`, sorted by path. */
function files(dir: string): [string, string][] {
  const found: [string, string][] = [];
  const walk = (current: string): void => {
    for (const entry of readdirSync(current, { withFileTypes: true })) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else found.push([relative(dir, path), readFileSync(path, 'utf8')]);
    }
  };
  walk(dir);
  return found.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function treeHash(dir: string): string {
  const hash = createHash('sha256');
  for (const [path, content] of files(dir)) hash.update(`${path}\0${content}\0`);
  return hash.digest('hex');
}

describe('synth output of a generated configuration', () => {
  it('matches the golden hash, byte for byte', async () => {
    const configDir = generateConfiguration({ projects: 3, outDir: tempDir('golden-config-') });
    const out = join(tempDir('golden-out-'), 'cdktf.out');
    const result = await runCli(['synth', '--config-dir', configDir, '--out', out], {
      appsDir: REPO_APPS,
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(readdirSync(join(out, 'stacks'))).toHaveLength(GOLDEN.stacks);
    expect(treeHash(out)).toBe(GOLDEN.sha256);
  });

  it('is the same bytes when the compiled CLI synthesizes it in three processes', () => {
    ensureCompiled();
    const configDir = generateConfiguration({ projects: 3, outDir: tempDir('golden-config-') });
    const out = join(tempDir('golden-shards-'), 'cdktf.out');
    const result = spawnSync(
      process.execPath,
      [join(__dirname, '../bin/platform.cjs'), 'synth', '--config-dir', configDir, '--out', out],
      { encoding: 'utf8', env: { ...process.env, PLATFORM_SYNTH_WORKERS: '3' } },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['manifest.json', 'stacks']);
    expect(treeHash(out)).toBe(GOLDEN.sha256);
  }, 120_000);
});
