import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { CliError } from './errors';
import { MANIFEST_FILE, STACKS_DIR } from './manifest';

/** Scratch space of validate and plan inside the output directory (work dirs, CLI config). */
export const WORK_DIR = '.work';

/**
 * Refuses to replace a directory that is not an earlier synth output: `--out src` must not wipe
 * the sources. An earlier output is recognised by its manifest.json.
 */
export function assertReplaceable(out: string): void {
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) {
    throw new CliError(
      `--out ${out} is a file, not a directory. Give a directory path, such as --out cdktf.out.`,
    );
  }
  const entries = readdirSync(out);
  if (entries.length > 0 && !entries.includes(MANIFEST_FILE)) {
    throw new CliError(
      `--out ${out} exists, is not empty and holds no ${MANIFEST_FILE}, so it is not an earlier synth output; ` +
        'synth replaces its output directory and will not delete it. Choose another --out, or remove the directory yourself.',
    );
  }
}

/**
 * A fresh directory beside `out`. Beside, not in /tmp, so that the final rename stays on one
 * file system and is atomic. The `<out>.staging-*` name matches the repository's .gitignore.
 */
export function createStagingDir(out: string): string {
  mkdirSync(dirname(out), { recursive: true });
  // mkdirSync rather than mkdtempSync: the directory becomes the output, so it gets the usual
  // permissions (0777 less the umask), not mkdtemp's 0700.
  const staging = join(dirname(out), `${basename(out)}.staging-${randomBytes(6).toString('hex')}`);
  mkdirSync(staging);
  return staging;
}

/**
 * For a filtered run: copies into `staging` everything of the earlier output that this run does
 * not replace (other stacks, other files), and moves the terraform scratch space along. Returns
 * the names of the stacks kept.
 */
export function carryOver(out: string, staging: string, replaced: ReadonlySet<string>): string[] {
  if (!existsSync(out)) return [];
  const kept: string[] = [];
  const oldStacks = join(out, STACKS_DIR);
  if (existsSync(oldStacks)) {
    for (const name of readdirSync(oldStacks).sort()) {
      if (replaced.has(name)) continue;
      cpSync(join(oldStacks, name), join(staging, STACKS_DIR, name), {
        recursive: true,
        verbatimSymlinks: true,
      });
      kept.push(name);
    }
  }
  for (const entry of readdirSync(out)) {
    if (entry === STACKS_DIR || entry === MANIFEST_FILE || entry === WORK_DIR) continue;
    cpSync(join(out, entry), join(staging, entry), { recursive: true, verbatimSymlinks: true });
  }
  return kept;
}

/**
 * Moves the scratch space of validate/plan from the old output into the new one, last, so that
 * an aborted run leaves the old output whole. It holds only caches: losing it costs a re-init.
 */
export function carryOverWorkDir(out: string, staging: string): void {
  const work = join(out, WORK_DIR);
  if (existsSync(work)) renameSync(work, join(staging, WORK_DIR));
}

/**
 * Puts `staging` in place of `out` with two renames. Node has no atomic exchange of two
 * directories (renameat2 RENAME_EXCHANGE), so for the instant between the renames `out` is
 * absent; it is never a mix of old and new files. If the second rename fails the old output is
 * put back. The old output, moved aside as `<out>.previous-<random>`, is removed in the background
 * (removeInBackground).
 */
export function swapIn(staging: string, out: string): void {
  if (!existsSync(out)) {
    renameSync(staging, out);
    return;
  }
  const leftovers = leftoverPreviousOutputs(out);
  const previous = `${out}${PREVIOUS_MARK}${randomBytes(4).toString('hex')}`;
  renameSync(out, previous);
  try {
    renameSync(staging, out);
  } catch (error) {
    renameSync(previous, out);
    throw error;
  }
  removeInBackground([...leftovers, previous]);
}

/** `<out>.previous-<random>`: an earlier output moved aside, waiting to be removed. */
const PREVIOUS_MARK = '.previous-';

/**
 * Earlier outputs of `out` that a removal did not finish (the machine stopped, say): removed in the
 * background with the next one. They match the repository's `cdktf.out.*` ignore rule meanwhile.
 */
export function leftoverPreviousOutputs(out: string): string[] {
  const parent = dirname(out);
  if (!existsSync(parent)) return [];
  const prefix = `${basename(out)}${PREVIOUS_MARK}`;
  return readdirSync(parent)
    .filter((name) => name.startsWith(prefix))
    .map((name) => join(parent, name));
}

/**
 * Removes directories in a detached process that outlives this one. Why: removing a 300-stack
 * output (some 700 directories) took 2 to 4 s of unlink and rmdir on this project's 2-core
 * machine, as long as synthesizing it, and nothing waits for it: the new output is already in
 * place. `rmSync` removes symbolic links (.work points into the provider mirror) without following
 * them. What a stopped removal leaves behind, the next synth removes (leftoverPreviousOutputs).
 */
export function removeInBackground(directories: readonly string[]): void {
  if (directories.length === 0) return;
  const script =
    "for (const dir of process.argv.slice(1)) require('node:fs').rmSync(dir, { recursive: true, force: true });";
  const child = spawn(process.execPath, ['-e', script, ...directories], {
    detached: true,
    stdio: 'ignore',
  });
  child.unref();
}

export function removeQuietly(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
