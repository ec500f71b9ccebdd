import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPOSITORY_ROOT, snapshotTree, tempDir } from './helpers';

/**
 * The start-up snapshot of bin/snapshot.cjs, made and used for real: `platform synth` of the
 * checked-in configuration as `npm run synth` runs it, each test with a snapshot directory of its
 * own (PLATFORM_SNAPSHOT=<dir>) so that no other test's snapshot is touched.
 */
function platformSynth(out: string, snapshot: string, extraEnv: Record<string, string> = {}) {
  return spawnSync(process.execPath, ['tools/platform/bin/platform.cjs', 'synth', '--out', out], {
    cwd: REPOSITORY_ROOT,
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      PLATFORM_SNAPSHOT: snapshot,
      ...extraEnv,
    },
  });
}

function filesIn(dir: string): string[] {
  return readdirSync(dir).sort();
}

/** The output of a synth without the snapshot, the reference every test compares with. */
let reference: Record<string, string>;
/** The directory of the snapshot the first synth made, and the output of that synth. */
let made: { dir: string; blob: string; output: Record<string, string> };

beforeAll(() => {
  const out = join(tempDir('snapshot-reference-'), 'out');
  const result = platformSynth(out, 'off');
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  reference = snapshotTree(out);

  const dir = tempDir('snapshot-dir-');
  const first = join(tempDir('snapshot-first-'), 'out');
  const making = platformSynth(first, dir);
  expect(making.stderr).toBe('');
  expect(making.status).toBe(0);
  made = { dir, blob: filesIn(dir).join(' '), output: snapshotTree(first) };
}, 180_000);

test('synth is made into a snapshot once, and a process started from it writes byte for byte what a synth without it writes', () => {
  expect(made.blob).toMatch(/^[0-9a-f]{32}\.blob$/);
  expect(made.output).toEqual(reference);

  // Node started from the snapshot alone, as bin/platform.cjs starts it, with shard workers
  // started from it as well.
  const direct = join(tempDir('snapshot-direct-'), 'out');
  const fromSnapshot = spawnSync(
    process.execPath,
    ['--snapshot-blob', join(made.dir, made.blob), '--', 'synth', '--out', direct],
    {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
      env: { PATH: process.env.PATH, HOME: process.env.HOME, PLATFORM_SYNTH_WORKERS: '2' },
    },
  );
  expect(fromSnapshot.stderr).toBe('');
  expect(fromSnapshot.status).toBe(0);
  expect(snapshotTree(direct)).toEqual(reference);

  // Used again, not made again.
  const again = join(tempDir('snapshot-again-'), 'out');
  expect(platformSynth(again, made.dir).status).toBe(0);
  expect(filesIn(made.dir)).toEqual([made.blob]);
  expect(snapshotTree(again)).toEqual(reference);
}, 120_000);

test('Node options the launcher was started with make a snapshot of their own, which the shard workers start from too', () => {
  // V8 loads a snapshot only under the flags it was made with: a worker started without them
  // would exit with code 14.
  const out = join(tempDir('snapshot-options-'), 'out');
  const snapshots = tempDir('snapshot-dir-');
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=1536', 'tools/platform/bin/platform.cjs', 'synth', '--out', out],
    {
      cwd: REPOSITORY_ROOT,
      encoding: 'utf8',
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        PLATFORM_SNAPSHOT: snapshots,
        PLATFORM_SYNTH_WORKERS: '2',
      },
    },
  );
  expect(result.stderr).toBe('');
  expect(result.status).toBe(0);
  expect(snapshotTree(out)).toEqual(reference);
  const [blob, ...others] = filesIn(snapshots);
  expect(others).toEqual([]);
  expect(blob).not.toBe(made.blob);
}, 120_000);

test('a snapshot Node cannot load: synth still writes the same, says where the reason is, and stops trying until something changes', () => {
  const snapshots = tempDir('snapshot-dir-');
  writeFileSync(join(snapshots, made.blob), 'not a snapshot');

  const out = join(tempDir('snapshot-broken-'), 'out');
  const broken = platformSynth(out, snapshots);
  expect(broken.status).toBe(0);
  const failure = join(snapshots, made.blob.replace(/\.blob$/, '.failed.txt'));
  expect(broken.stderr).toContain(
    `platform: the start-up snapshot cannot be used (the reason is in ${failure}); running without it, which is slower but writes the same.`,
  );
  expect(readFileSync(failure, 'utf8')).toContain(
    `when started from ${join(snapshots, made.blob)}`,
  );
  expect(snapshotTree(out)).toEqual(reference);

  const quiet = platformSynth(join(tempDir('snapshot-quiet-'), 'out'), snapshots);
  expect(quiet.stderr).toBe('');
  expect(quiet.status).toBe(0);
}, 120_000);

test('a snapshot that cannot be made: synth runs without it, and the reason is kept', () => {
  // A preload that fails in the process that makes the snapshot only.
  const preload = join(tempDir('snapshot-preload-'), 'fail-in-builder.cjs');
  writeFileSync(
    preload,
    "if (process.argv[1]?.endsWith('snapshot.cjs')) throw new Error('injected: the builder fails');\n",
  );
  const snapshots = tempDir('snapshot-dir-');
  const out = join(tempDir('snapshot-unmade-'), 'out');
  const result = platformSynth(out, snapshots, { NODE_OPTIONS: `--require ${preload}` });
  expect(result.status).toBe(0);
  const [failure, ...others] = filesIn(snapshots);
  expect(others).toEqual([]);
  expect(failure).toMatch(/^[0-9a-f]{32}\.failed\.txt$/);
  expect(result.stderr).toContain(
    `platform: the start-up snapshot cannot be used (the reason is in ${join(snapshots, failure)})`,
  );
  expect(readFileSync(join(snapshots, failure), 'utf8')).toContain('injected: the builder fails');
  expect(snapshotTree(out)).toEqual(reference);
}, 120_000);

test('a snapshot directory that cannot be one: synth runs without it and says how to fix it', () => {
  const notADirectory = join(tempDir('snapshot-file-'), 'file');
  writeFileSync(notADirectory, '');
  const out = join(tempDir('snapshot-nodir-'), 'out');
  const result = platformSynth(out, notADirectory);
  expect(result.status).toBe(0);
  expect(result.stderr).toContain(
    `platform: the start-up snapshot cannot be kept in ${notADirectory} (`,
  );
  expect(result.stderr).toContain(
    'Point PLATFORM_SNAPSHOT at a writable directory, or set it to "off".',
  );
  expect(snapshotTree(out)).toEqual(reference);
}, 120_000);
