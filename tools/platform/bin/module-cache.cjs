'use strict';
// The CLI's module cache: a synth loads ~850 modules, 15 MB of JavaScript (12 MB of it
// @cdktf/provider-aws), and without a cache every start resolves ~1,800 requires (stat calls,
// package.json reads) and has V8 parse and compile all of it. Node 20 has no
// module.enableCompileCache (Node 22), so this does what it does, and remembers resolutions too:
// each module is compiled with vm.Script and the code V8 made for it in an earlier run, including
// the functions compiled lazily while that run worked; a require returns the file it returned
// before while nothing that decides resolution changed.
//
// A code entry is used only for the same file, byte size, modification and change time and inode
// it was made from, and not when the file changed within a second before the run that cached it
// (a later edit in the same timestamp tick would go unnoticed): the code that runs is always the
// code on disk. V8 itself rejects data from another V8 version or other flags
// (script.cachedDataRejected), and the module is then compiled from source. Plain CommonJS,
// because it runs before anything is compiled.
const { Buffer } = require('node:buffer');
const { createHash } = require('node:crypto');
const Module = require('node:module');
const {
  closeSync,
  mkdirSync,
  openSync,
  readSync,
  renameSync,
  statSync,
  writeSync,
} = require('node:fs');
const { dirname, join } = require('node:path');
const vm = require('node:vm');

/** Bumped when the file layout changes; the V8 version and architecture name the file. */
const FORMAT = 1;
/** A file modified this close to the moment it is cached may change again unseen: not cached. */
const RACY_MS = 1000;

/** The identity of a file's content as stat sees it, or undefined when it cannot be trusted. */
function fileKey(filename, now) {
  const stat = statSync(filename, { throwIfNoEntry: false });
  if (!stat || now - Math.max(stat.mtimeMs, stat.ctimeMs) < RACY_MS) return undefined;
  return `${stat.size}:${stat.mtimeMs}:${stat.ctimeMs}:${stat.ino}`;
}

/**
 * The cache file: a 4-byte length, a JSON index `{ format, resolutionKey, resolutions, entries }`
 * (entries: `{ [filename]: [key, offset, length] }`), then the cached code of every entry, read
 * only when its module loads (`platform --help` loads few of them). An unreadable or malformed
 * file is an empty cache.
 */
function openCache(file) {
  const empty = { resolutionKey: undefined, resolutions: new Map(), entries: new Map() };
  let fd;
  try {
    fd = openSync(file, 'r');
  } catch {
    return empty;
  }
  try {
    const length = Buffer.alloc(4);
    readExactly(fd, length, 0);
    const header = Buffer.alloc(length.readUInt32LE(0));
    readExactly(fd, header, 4);
    const index = JSON.parse(header.toString('utf8'));
    if (index.format !== FORMAT) return empty;
    const start = 4 + header.length;
    const entries = new Map();
    for (const [filename, [key, offset, size]] of Object.entries(index.entries)) {
      // Read when its module loads, and not kept: the code V8 made from it is what stays. A
      // concurrent run replaces the file by renaming, so this descriptor keeps the old whole.
      const code = () => readExactly(fd, Buffer.allocUnsafe(size), start + offset);
      entries.set(filename, { key, code });
    }
    return {
      resolutionKey: index.resolutionKey,
      resolutions: new Map(Object.entries(index.resolutions)),
      entries,
    };
  } catch {
    return empty;
  }
}

function readExactly(fd, buffer, position) {
  if (readSync(fd, buffer, 0, buffer.length, position) !== buffer.length) {
    throw new Error('the module cache file is shorter than its index says');
  }
  return buffer;
}

/** Written to a temporary file and renamed, so that a concurrent run reads a whole cache or none. */
function writeCache(file, { resolutionKey, resolutions, entries }) {
  const index = {
    format: FORMAT,
    resolutionKey,
    resolutions: Object.fromEntries(resolutions),
    entries: {},
  };
  const codes = [];
  let offset = 0;
  for (const [filename, entry] of entries) {
    let code;
    try {
      code = entry.code();
    } catch {
      continue; // An unreadable old entry is left out.
    }
    index.entries[filename] = [entry.key, offset, code.length];
    codes.push(code);
    offset += code.length;
  }
  const header = Buffer.from(JSON.stringify(index), 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32LE(header.length, 0);
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    writeSync(fd, length);
    writeSync(fd, header);
    for (const code of codes) writeSync(fd, code);
  } finally {
    closeSync(fd);
  }
  renameSync(temporary, file);
}

/**
 * Loads every CommonJS module under `root` (the repository: its dist/ and node_modules) with the
 * cache kept in `cacheDir`, and updates the cache when the process exits if this run compiled or
 * resolved anything anew:
 * - code: each module is compiled with the code V8 made for it in an earlier run;
 * - resolution: `require(request)` from a directory under `root` returns the file it returned in
 *   an earlier run, as long as `resolutionKey` is the same. The caller makes that key change with
 *   anything that can change what a request resolves to: the compiled workspace (its source
 *   fingerprint covers every package.json and source file) and the installed node_modules.
 * Returns the cache file and the counts of this run, or undefined when it did not install.
 */
function installModuleCache(root, cacheDir, resolutionKey) {
  // Node maps stack traces through source maps, and pauses on a debugger's first line, only for
  // what it compiles itself.
  const flags = [...process.execArgv, ...(process.env.NODE_OPTIONS ?? '').split(/\s+/)];
  if (process.sourceMapsEnabled || flags.some((flag) => flag.startsWith('--inspect'))) {
    return undefined;
  }
  // V8 rejects code made under other flags, and --conditions changes resolution: one file each.
  const variant = createHash('sha256')
    .update(JSON.stringify([nodeOptions(process.execArgv), process.env.NODE_OPTIONS ?? '']))
    .digest('hex')
    .slice(0, 12);
  const file = join(cacheDir, `node-${process.version}-${process.arch}-${variant}.bin`);
  const started = Date.now();
  const cache = openCache(file);
  if (cache.resolutionKey !== resolutionKey) {
    cache.resolutionKey = resolutionKey;
    cache.resolutions.clear();
  }
  /** The modules of this run whose code V8 made without cached data, by file name. */
  const made = new Map();
  /** What this run took from the cache and what it had to do anew, for tests and curiosity. */
  const counts = { cachedCode: 0, compiled: 0, cachedResolutions: 0, resolved: 0 };
  const prefix = root.endsWith('/') ? root : `${root}/`;
  const compile = Module.prototype._compile;
  const resolveFilename = Module._resolveFilename;

  Module._resolveFilename = function resolveWithCache(request, parent, isMain, options) {
    const from = parent && parent.filename;
    if (options !== undefined || typeof from !== 'string' || !from.startsWith(prefix)) {
      return resolveFilename.apply(this, arguments);
    }
    const key = `${dirname(from)}\0${request}`;
    const known = cache.resolutions.get(key);
    if (known !== undefined) {
      counts.cachedResolutions += 1;
      return known;
    }
    const filename = resolveFilename.apply(this, arguments);
    cache.resolutions.set(key, filename);
    counts.resolved += 1;
    return filename;
  };

  Module.prototype._compile = function compileWithCache(content, filename, format) {
    if (format === 'module' || !filename.startsWith(prefix) || !/\.c?js$/.test(filename)) {
      return compile.apply(this, arguments);
    }
    const entry = cache.entries.get(filename);
    const key = fileKey(filename, started);
    let cachedData;
    try {
      cachedData = entry && key !== undefined && entry.key === key ? entry.code() : undefined;
    } catch {
      cachedData = undefined;
    }
    let script;
    try {
      script = new vm.Script(Module.wrap(content), {
        filename,
        cachedData,
        importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
      });
    } catch {
      // Node reports the syntax error in its own words, or recognises ES module syntax.
      return compile.apply(this, arguments);
    }
    if (cachedData !== undefined && !script.cachedDataRejected) counts.cachedCode += 1;
    else {
      counts.compiled += 1;
      if (key !== undefined) made.set(filename, { key, script });
    }
    const wrapper = script.runInThisContext({ displayErrors: true });
    // The arguments of Node's module wrapper: exports, require, module, __filename, __dirname.
    return wrapper.call(
      this.exports,
      this.exports,
      makeRequire(this),
      this,
      filename,
      dirname(filename),
    );
  };

  process.once('exit', () => {
    if (made.size === 0 && counts.resolved === 0) return;
    try {
      for (const [filename, { key, script }] of made) {
        const code = script.createCachedData();
        cache.entries.set(filename, { key, code: () => code });
      }
      writeCache(file, cache);
    } catch {
      // A cache that cannot be written costs the next run its start-up time, nothing else.
    }
  });
  return { file, counts };
}

/** Node's options without code given with -e or -p, which changes neither code nor resolution. */
function nodeOptions(execArgv) {
  const options = [];
  for (let i = 0; i < execArgv.length; i += 1) {
    if (/^(-e|-p|-pe|--eval|--print)$/.test(execArgv[i])) i += 1;
    else if (!/^--(eval|print)=/.test(execArgv[i])) options.push(execArgv[i]);
  }
  return options;
}

/** The `require` Node gives a module (lib/internal/modules/helpers.js makeRequireFunction). */
function makeRequire(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => Module._resolveFilename(request, module, false, options);
  require.resolve.paths = (request) => Module._resolveLookupPaths(request, module);
  require.main = process.mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

module.exports = { installModuleCache };
