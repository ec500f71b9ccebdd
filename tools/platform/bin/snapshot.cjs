'use strict';
// The CLI's start-up snapshot. Loading the modules a synth needs (cdktf, the provider bindings,
// every app: ~850 files, 15 MB of JavaScript) costs about a second even with the module cache,
// and running them for the first time costs as much again while V8 compiles each function it
// meets. Node can save a heap after a script ran and start later processes from it (a V8 start-up
// snapshot, `node --build-snapshot`): the snapshot here holds every module loaded and the code of
// one synthesis compiled, so each run pays for neither, once per change of the code.
//
// Node 20 snapshots one script that may require built-in modules only, so the workspace's
// compiled dist/ and its dependencies are first bundled into one file with esbuild:
// - a generated entry loads every app and hands them to the CLI (snapshot-main.ts), as the
//   snapshot cannot require them at run time;
// - `__dirname` and `__filename` keep the values of the file they were written in, so modules
//   that find files beside them (the function catalogue, the apps directory) find the same files
//   as when they run from dist/;
// - esbuild, whose native service cannot be snapshotted, is required at run time from the file
//   that uses it, only when a function bundle is not cached.
//
// A snapshot is made for one compiled workspace, one set of installed packages, one Node binary
// and one set of Node options (V8 refuses a snapshot made with other V8 flags): its key, the file
// name, covers the compilation fingerprint, node_modules/.package-lock.json, Node's version, path
// and architecture, its options (execArgv and NODE_OPTIONS), the checkout's place (the snapshot
// holds absolute paths) and this file. A snapshot that could not be made is recorded as failed
// under its key, so later runs do not try again until something changes, and the CLI runs from
// its files instead after a one-line warning naming the file with the reason.
// PLATFORM_SNAPSHOT=off never uses one, PLATFORM_SNAPSHOT=<directory> keeps them there. Plain
// CommonJS: it runs before anything is compiled.
const { spawn, spawnSync } = require('node:child_process');
const { createHash } = require('node:crypto');
const {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} = require('node:fs');
const { basename, dirname, join, resolve } = require('node:path');

/** The repository root: tools/platform/bin -> ../../.. */
const ROOT = join(__dirname, '..', '..', '..');

/** The commands that start from the snapshot: the one whose modules and code it holds. */
const SNAPSHOT_COMMANDS = new Set(['synth']);

/** Node's exit code for "the start-up snapshot could not be loaded"; the CLI never exits with it. */
const SNAPSHOT_LOAD_FAILURE = 14;
/** Signals of a crash (a damaged snapshot makes Node abort or fault), not of a user or a limit. */
const CRASH_SIGNALS = new Set(['SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGILL', 'SIGSEGV', 'SIGTRAP']);

/** A temporary file older than this was left by a build that died: removed. */
const ABANDONED_MS = 60 * 60 * 1000;
/**
 * Another key's snapshot younger than this may be about to start a process of a concurrent run
 * (with other Node options): kept until a later run.
 */
const IN_USE_MS = 60 * 1000;

/**
 * Where snapshots are kept: the directory PLATFORM_SNAPSHOT names, else beside the module and
 * function caches inside the checkout.
 */
function snapshotDirectory(root = ROOT, setting = undefined) {
  return setting
    ? resolve(setting)
    : join(root, 'node_modules', '.cache', 'genai-sandbox-snapshot');
}

/**
 * The key of the snapshot for this process: `resolutionKey` (bin/platform.cjs: the compiled
 * sources' fingerprint, the installed packages, NODE_PATH), Node and its options, the checkout's
 * place and this file.
 */
function snapshotKey(resolutionKey, { root = ROOT, env = process.env } = {}) {
  return createHash('sha256')
    .update(
      JSON.stringify([
        resolutionKey,
        process.version,
        process.arch,
        process.execPath,
        process.execArgv,
        env.NODE_OPTIONS ?? '',
        root,
        readFileSync(__filename, 'utf8'),
      ]),
    )
    .digest('hex')
    .slice(0, 32);
}

/**
 * The snapshot to start `argv` from, made now when missing; undefined when the command does not
 * use one, when PLATFORM_SNAPSHOT=off, or when it cannot be made (then `warn` is told why, once
 * per key). PLATFORM_SNAPSHOT=<directory> keeps snapshots there.
 */
function snapshotFor(
  argv,
  resolutionKey,
  { env = process.env, warn, note = () => {}, root = ROOT },
) {
  const setting = env.PLATFORM_SNAPSHOT?.trim() || undefined;
  if (setting === 'off' || !SNAPSHOT_COMMANDS.has(argv[0])) return undefined;
  const directory = snapshotDirectory(root, setting);
  try {
    return ensureSnapshot(join(directory, `${snapshotKey(resolutionKey, { root, env })}.blob`), {
      root,
      warn,
      note,
    });
  } catch (error) {
    // The directory itself is unusable (not a directory, not writable): nothing can be recorded.
    warn(
      `platform: the start-up snapshot cannot be kept in ${directory} (${error instanceof Error ? error.message : error}); running without it, which is slower but writes the same. Point PLATFORM_SNAPSHOT at a writable directory, or set it to "off".`,
    );
    return undefined;
  }
}

/** The snapshot file `blob`, made when missing; undefined when it cannot be made. */
function ensureSnapshot(blob, { root = ROOT, warn, note = () => {} }) {
  if (existsSync(failureFile(blob))) return undefined;
  if (existsSync(blob)) return blob;
  const directory = dirname(blob);
  mkdirSync(directory, { recursive: true });
  removeStale(directory, basename(blob, '.blob'));
  const temporary = `${blob}.${process.pid}.tmp`;
  note(
    'platform: making the start-up snapshot of the CLI (once per change of the code, a few seconds)',
  );
  try {
    // In a process of its own, with this process's Node options: esbuild's plugins need its
    // asynchronous API, and V8 loads a snapshot only under the flags it was made with.
    const made = spawnSync(process.execPath, [...process.execArgv, __filename, temporary], {
      cwd: root,
      encoding: 'utf8',
    });
    if (made.status !== 0 || !existsSync(temporary)) {
      throw new Error(
        `Making the snapshot exited with ${made.status ?? made.signal}:\n${made.stderr}${made.stdout}`,
      );
    }
    // Renamed into place whole: a concurrent run sees no snapshot or a complete one.
    renameSync(temporary, blob);
    return blob;
  } catch (error) {
    rmSync(temporary, { force: true });
    markFailed(blob, error instanceof Error ? (error.stack ?? error.message) : String(error), warn);
    return undefined;
  }
}

function failureFile(blob) {
  return blob.replace(/\.blob$/, '.failed.txt');
}

/**
 * Records why `blob` cannot be used, so that later runs with the same key do not try again (when
 * the record cannot be written either, the warning says so and the next run tries again).
 */
function markFailed(blob, reason, warn) {
  const file = failureFile(blob);
  try {
    writeFileSync(file, `${reason}\n`);
    rmSync(blob, { force: true });
  } catch (error) {
    warn(
      `platform: the start-up snapshot cannot be used: ${reason} (recording it in ${file} failed: ${error.message})`,
    );
    return;
  }
  warn(
    `platform: the start-up snapshot cannot be used (the reason is in ${file}); running without it, which is slower but writes the same. It is made again after the next change of the code, of node_modules or of Node's options; PLATFORM_SNAPSHOT=off stops trying.`,
  );
}

/** The files this module writes: `<key>.blob`, `<key>.failed.txt`, and temporary files. */
const OWN_FILE = /^[0-9a-f]{32}\.(blob|failed\.txt|blob\.[0-9]+\.tmp(\.js)?)$/;

/**
 * Removes other keys' snapshots and failure records (a snapshot is tens of megabytes) once they
 * are a minute old, and temporary files of any key abandoned by builds that died (an interrupted
 * build leaves them); a build in progress keeps its files, and files this module did not write
 * are never touched.
 */
function removeStale(directory, key) {
  const now = Date.now();
  for (const name of readdirSync(directory)) {
    const finished = name.endsWith('.blob') || name.endsWith('.failed.txt');
    if (!OWN_FILE.test(name) || (finished && name.startsWith(key))) continue;
    const path = join(directory, name);
    const age = now - (statSync(path, { throwIfNoEntry: false })?.mtimeMs ?? now);
    if (age > (finished ? IN_USE_MS : ABANDONED_MS)) rmSync(path, { force: true });
  }
}

/**
 * Runs the command line in a process started from `blob`, with this process's streams and Node
 * options, and ends as it ends. Ctrl-C reaches both processes (one process group); this one waits
 * for the child's exit rather than dying first. When Node cannot load the snapshot (exit code 14)
 * or crashes, the snapshot is marked failed and `fallback` runs the command instead: the commands
 * the snapshot runs write all or nothing (synth swaps its output in whole), so running one again
 * is safe.
 */
function runFromSnapshot(blob, argv, { warn, fallback }) {
  const child = spawn(
    process.execPath,
    [...process.execArgv, '--snapshot-blob', blob, '--', ...argv],
    {
      stdio: 'inherit',
    },
  );
  const ignore = () => undefined;
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', ignore);
  process.on('SIGTERM', forward);
  child.on('error', (error) => {
    warn(`platform: could not start ${process.execPath}: ${error.message}`);
    process.exitCode = 1;
  });
  child.on('exit', (code, signal) => {
    process.off('SIGINT', ignore);
    process.off('SIGTERM', forward);
    if (code === SNAPSHOT_LOAD_FAILURE || CRASH_SIGNALS.has(signal)) {
      const ended = signal ? `was killed by ${signal}` : `exited with code ${code}`;
      markFailed(blob, `Node ${ended} when started from ${blob} (its message is above).`, warn);
      fallback();
    } else if (signal) process.kill(process.pid, signal);
    else process.exitCode = code ?? 1;
  });
}

/**
 * Makes the snapshot `blob`: bundles the CLI (bundleCli) beside it and has Node run the bundle
 * and save its heap.
 */
async function makeSnapshot(blob, root = ROOT) {
  const bundle = `${blob}.js`;
  try {
    await bundleCli(root, bundle, { warmUp: fillFunctionBundleCache(root) });
    const made = spawnSync(
      process.execPath,
      [...process.execArgv, '--snapshot-blob', blob, '--build-snapshot', bundle],
      { cwd: root, stdio: 'inherit' },
    );
    if (made.status !== 0) {
      throw new Error(`node --build-snapshot ${bundle} exited with ${made.status ?? made.signal}`);
    }
  } finally {
    rmSync(bundle, { force: true });
  }
}

/**
 * Bundles every function of the catalogue into the bundle cache on disk (already there, this
 * only reads it), so that the warm-up synthesis finds them: a cache miss inside the snapshot
 * builder would load esbuild and fflate, whose native handles cannot be snapshotted. Returns
 * false when there is no cache to fill (PLATFORM_FUNCTION_CACHE=off): no warm-up then.
 */
function fillFunctionBundleCache(root) {
  if (process.env.PLATFORM_FUNCTION_CACHE?.trim() === 'off') return false;
  const { bundleFunction } = require(join(root, 'packages', 'compute', 'dist', 'index.js'));
  const { FUNCTION_NAMES, functionSource } = require(
    join(root, 'packages', 'functions', 'dist', 'index.js'),
  );
  for (const name of FUNCTION_NAMES) bundleFunction(functionSource(name));
  return true;
}

/**
 * Bundles the compiled CLI and every app into `outfile`, with an entry that hands the apps, and
 * the configuration to warm up with when `warmUp`, to snapshot-main.ts.
 */
async function bundleCli(root, outfile, { warmUp = false } = {}) {
  const esbuild = require('esbuild');
  const dist = join(root, 'tools', 'platform', 'dist');
  const { appEntryFile, listAppNames } = require(join(dist, 'discover-apps.js'));
  const { defaultAppsDir } = require(join(dist, 'paths.js'));
  const { DEFAULT_CONFIG_DIR } = require(join(dist, 'options.js'));
  const appsDir = defaultAppsDir();
  const entries = listAppNames(appsDir).map((name) => appEntryFile(appsDir, name));
  const warmUpConfigDir = join(root, DEFAULT_CONFIG_DIR);
  const entry = [
    `require(${JSON.stringify(join(dist, 'snapshot-main.js'))}).buildSnapshot({`,
    ...entries.map((file) => `  ${JSON.stringify(file)}: require(${JSON.stringify(file)}),`),
    `}, ${JSON.stringify(warmUp ? { warmUpConfigDir } : {})});`,
  ].join('\n');
  await esbuild.build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'snapshot-entry.js', loader: 'js' },
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'silent',
    plugins: [
      filePathsAsWritten(),
      requiredAtRunTime(['esbuild']),
      onlyCommands(dist, SNAPSHOT_COMMANDS),
    ],
  });
}

/**
 * The command table's other commands left out (with the AWS SDK, YAML and the policy engine they
 * load): the snapshot only runs `commands`, and every module in it costs start-up time.
 */
function onlyCommands(dist, commands) {
  const table = join(dist, 'commands', 'index.js');
  return {
    name: 'only-commands',
    setup(build) {
      build.onResolve({ filter: /^\.\/[a-z-]+$/ }, (args) => {
        const name = args.path.slice(2);
        if (args.importer !== table || commands.has(name)) return undefined;
        return { path: name, namespace: 'left-out-command' };
      });
      build.onLoad({ filter: /.*/, namespace: 'left-out-command' }, (args) => ({
        contents: `throw new Error(${JSON.stringify(`platform ${args.path} is not in the start-up snapshot, which runs ${[...commands].join(', ')} only (bin/snapshot.cjs)`)});`,
        loader: 'js',
      }));
    },
  };
}

/** `__dirname` and `__filename` of each bundled file as they are where the file lies. */
function filePathsAsWritten() {
  return {
    name: 'file-paths-as-written',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?js$/ }, (args) => {
        const contents = readFileSync(args.path, 'utf8');
        if (!contents.includes('__dirname') && !contents.includes('__filename')) return undefined;
        return {
          contents: contents
            .replace(/\b__dirname\b/g, JSON.stringify(dirname(args.path)))
            .replace(/\b__filename\b/g, JSON.stringify(args.path)),
          loader: 'js',
        };
      });
    },
  };
}

/**
 * Packages required when first used, at run time, as the file requiring them would: inside the
 * snapshot `require` reaches built-in modules only, and `module.createRequire` is one.
 */
function requiredAtRunTime(packages) {
  const filter = new RegExp(`^(${packages.join('|')})$`);
  return {
    name: 'required-at-run-time',
    setup(build) {
      build.onResolve({ filter }, (args) => ({
        path: JSON.stringify([args.path, args.importer]),
        namespace: 'required-at-run-time',
      }));
      build.onLoad({ filter: /.*/, namespace: 'required-at-run-time' }, (args) => {
        const [name, importer] = JSON.parse(args.path);
        return {
          contents: `module.exports = require('node:module').createRequire(${JSON.stringify(importer)})(${JSON.stringify(name)});`,
          loader: 'js',
        };
      });
    },
  };
}

module.exports = {
  bundleCli,
  ensureSnapshot,
  runFromSnapshot,
  snapshotDirectory,
  snapshotFor,
  snapshotKey,
};

// `node snapshot.cjs <blob>`: what ensureSnapshot runs.
if (require.main === module) {
  makeSnapshot(process.argv[2]).catch((error) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : error}\n`);
    process.exitCode = 1;
  });
}
