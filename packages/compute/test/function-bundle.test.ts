import { functionSource } from '@genai-sandbox/functions';
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { unzipSync } from 'fflate';
import { bundleFunction, clearFunctionBundleCache } from '../src/function-bundle';
import { FUNCTION_CACHE_VARIABLE } from '../src/function-bundle-cache';
import { deterministicZip } from '../src/deterministic-zip';

const REPO = resolve(__dirname, '../../..');
const router = functionSource('inference-router');

afterEach(() => clearFunctionBundleCache());

/** Runs `work` with the cache on disk in `setting` ('off' or a directory). */
function withDiskCache<T>(setting: string, work: () => T): T {
  const saved = process.env[FUNCTION_CACHE_VARIABLE];
  process.env[FUNCTION_CACHE_VARIABLE] = setting;
  try {
    return work();
  } finally {
    if (saved === undefined) delete process.env[FUNCTION_CACHE_VARIABLE];
    else process.env[FUNCTION_CACHE_VARIABLE] = saved;
  }
}

describe('bundleFunction', () => {
  // These are about esbuild's output: no cache on disk may answer for it.
  beforeEach(() => {
    process.env[FUNCTION_CACHE_VARIABLE] = 'off';
  });
  afterEach(() => {
    delete process.env[FUNCTION_CACHE_VARIABLE];
  });

  it('builds byte-identical zips twice', () => {
    const first = bundleFunction(router);
    clearFunctionBundleCache();
    const second = bundleFunction(router);
    expect(Buffer.from(second.zip).equals(Buffer.from(first.zip))).toBe(true);
    expect(second.sha256).toBe(first.sha256);
    expect(first.fileName).toMatch(/^inference-router-[0-9a-f]{16}\.zip$/);
  });

  it('builds the same zip from a checkout at another path, with no path of either inside', () => {
    const original = bundleFunction(router);
    clearFunctionBundleCache();
    const elsewhere = mkdtempSync(join(tmpdir(), 'other-checkout-'));
    try {
      const functionsDir = join(elsewhere, 'packages', 'functions');
      cpSync(join(REPO, 'packages', 'functions', 'src'), join(functionsDir, 'src'), {
        recursive: true,
      });
      symlinkSync(join(REPO, 'node_modules'), join(elsewhere, 'node_modules'), 'dir');
      const moved = bundleFunction({
        name: 'inference-router',
        entry: join(functionsDir, 'src', 'inference-router', 'handler.ts'),
      });
      expect(moved.sha256).toBe(original.sha256);
      const code = Buffer.from(unzipSync(moved.zip)['index.js']).toString('utf8');
      expect(code).not.toContain(REPO);
      expect(code).not.toContain(elsewhere);
      expect(code).not.toContain('node_modules');
      expect(code).not.toContain('sourceMappingURL');
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it('builds each entry once per process', () => {
    const first = bundleFunction(router);
    const second = bundleFunction(router);
    expect(second.zip).toBe(first.zip);
    expect(second.buildMs).toBe(0);
  });

  it('holds one minified index.js exporting handler, under 1 MB', () => {
    const bundle = bundleFunction(router);
    const files = unzipSync(bundle.zip);
    expect(Object.keys(files)).toEqual(['index.js']);
    const module = { exports: {} as Record<string, unknown> };
    new Function('module', 'exports', 'require', Buffer.from(files['index.js']).toString('utf8'))(
      module,
      module.exports,
      require,
    );
    expect(typeof module.exports.handler).toBe('function');
    expect(bundle.zip.length).toBeLessThan(1024 * 1024);
  });

  it('fails when the entry does not exist, naming the function and the fix', () => {
    expect(() => bundleFunction({ name: 'ghost', entry: '/nowhere/ghost/handler.ts' })).toThrow(
      'Function "ghost": entry /nowhere/ghost/handler.ts is not an existing absolute path; take the source from the functions package\'s catalogue (functionSource("ghost")).',
    );
  });

  it('fails when the handler does not compile, naming the entry', () => {
    const dir = mkdtempSync(join(tmpdir(), 'broken-fn-'));
    try {
      const entry = join(dir, 'handler.ts');
      writeFileSync(entry, 'export const handler = async () => {');
      expect(() => bundleFunction({ name: 'broken', entry })).toThrow(
        `Function "broken": esbuild could not bundle ${entry}:`,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the bundle cache on disk', () => {
  let dir: string;
  let cacheDir: string;
  let entry: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'cached-fn-'));
    cacheDir = join(dir, 'cache');
    entry = join(dir, 'handler.ts');
    writeFileSync(join(dir, 'answer.ts'), 'export const answer = 41;');
    writeFileSync(
      entry,
      "import { answer } from './answer';\nexport const handler = async () => answer + 1;",
    );
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const bundle = () => {
    clearFunctionBundleCache(); // a new process, as far as the memory cache knows
    return withDiskCache(cacheDir, () => bundleFunction({ name: 'cached', entry }));
  };

  it('answers a later process with the same bytes, without esbuild', () => {
    const built = bundle();
    const again = bundle();
    expect(built.from).toBe('esbuild');
    expect(again.from).toBe('disk');
    expect(again.buildMs).toBe(0);
    expect(Buffer.from(again.zip).equals(Buffer.from(built.zip))).toBe(true);
    expect(again.fileName).toBe(built.fileName);
    expect(again.codeBytes).toBe(built.codeBytes);
  });

  it('builds again when any file the bundle read changes, not only the entry', () => {
    const built = bundle();
    writeFileSync(join(dir, 'answer.ts'), 'export const answer = 99;');
    const rebuilt = bundle();
    expect(rebuilt.from).toBe('esbuild');
    expect(rebuilt.sha256).not.toBe(built.sha256);
    expect(bundle().sha256).toBe(rebuilt.sha256);
  });

  it('builds again when a same-sized input changes and its modification time is put back', () => {
    const built = bundle();
    const answer = join(dir, 'answer.ts');
    const { atime, mtime } = statSync(answer);
    writeFileSync(answer, 'export const answer = 13;');
    utimesSync(answer, atime, mtime); // as an archive extraction does; the change time still moves
    expect(bundle().sha256).not.toBe(built.sha256);
  });

  it('answers from disk when an input was only touched', () => {
    const built = bundle();
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'answer.ts'), later, later);
    const touched = bundle();
    expect(touched.from).toBe('disk');
    expect(touched.sha256).toBe(built.sha256);
  });

  it('builds again when a stored zip was damaged', () => {
    const built = bundle();
    const zips = readdirSync(cacheDir).filter((name) => name.endsWith('.zip'));
    expect(zips).toHaveLength(1);
    writeFileSync(join(cacheDir, zips[0]), 'not a zip');
    const rebuilt = bundle();
    expect(rebuilt.from).toBe('esbuild');
    expect(rebuilt.sha256).toBe(built.sha256);
  });

  it('is not used when PLATFORM_FUNCTION_CACHE=off', () => {
    bundle();
    clearFunctionBundleCache();
    const uncached = withDiskCache('off', () => bundleFunction({ name: 'cached', entry }));
    expect(uncached.from).toBe('esbuild');
  });

  it('never fails a synth when it cannot be written', () => {
    writeFileSync(cacheDir, 'a file where the cache directory should be');
    expect(bundle().from).toBe('esbuild');
    expect(bundle().from).toBe('esbuild');
  });
});

describe('deterministicZip', () => {
  it('gives the same bytes in every time zone and for any entry order', () => {
    const saved = process.env.TZ;
    try {
      process.env.TZ = 'UTC';
      const utc = deterministicZip({ 'b.js': 'b', 'a.js': 'a' });
      process.env.TZ = 'Pacific/Kiritimati';
      const plus14 = deterministicZip({ 'a.js': 'a', 'b.js': 'b' });
      expect(Buffer.from(plus14).equals(Buffer.from(utc))).toBe(true);
    } finally {
      process.env.TZ = saved;
    }
  });

  it('writes sorted entries, mode 0644 and the 1980-01-01 timestamp', () => {
    const zip = Buffer.from(deterministicZip({ 'z.js': 'z', 'a.js': 'a' }));
    const names: string[] = [];
    for (
      let offset = zip.indexOf('PK\x01\x02');
      offset >= 0;
      offset = zip.indexOf('PK\x01\x02', offset + 4)
    ) {
      expect(zip.readUInt16LE(offset + 12)).toBe(0); // DOS time 00:00:00
      expect(zip.readUInt16LE(offset + 14)).toBe((0 << 9) | (1 << 5) | 1); // 1980-01-01
      expect(zip.readUInt32LE(offset + 38) >>> 16).toBe(0o100644);
      const length = zip.readUInt16LE(offset + 28);
      names.push(zip.subarray(offset + 46, offset + 46 + length).toString());
    }
    expect(names).toEqual(['a.js', 'z.js']);
  });
});

// A function added later must be bundleable the same way: the catalogue's entries exist.
it('the catalogue points at existing handler files', () => {
  expect(dirname(router.entry)).toBe(
    join(REPO, 'packages', 'functions', 'src', 'inference-router'),
  );
  expect(existsSync(router.entry)).toBe(true);
});
