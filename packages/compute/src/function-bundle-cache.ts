import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

/**
 * `off` turns the bundle cache on disk off; any other non-empty value is the directory to keep it
 * in. Unset: `node_modules/.cache/genai-sandbox-functions` of the checkout, next to esbuild.
 */
export const FUNCTION_CACHE_VARIABLE = 'PLATFORM_FUNCTION_CACHE';

/**
 * What a file looked like when its digest was taken. The change time cannot be set by a program
 * (a write, a rename into place or a `touch -r` all move it; `npm install` extracts packages with
 * a fixed modification time, so that alone would miss a new version of a same-sized file), and
 * the inode changes when a file is replaced: the digest is trusted while all four are unchanged.
 */
type FileStamp = readonly [size: number, mtimeMs: number, ctimeMs: number, ino: number];

/** One file esbuild read: absolute path, sha256 of its content (hex), and its stamp then. */
type CacheInput = readonly [path: string, sha256: string, stamp: FileStamp];

/** What a cached bundle was built from and what it produced. */
interface CacheManifest {
  readonly format: 2;
  /** When the manifest was written (ms since the epoch): see isRacy. */
  readonly writtenAtMs: number;
  /** Every file esbuild read (its metafile's inputs). */
  readonly inputs: readonly CacheInput[];
  /** sha256 of the zip, base64: checked again when the zip is read back. */
  readonly sha256: string;
  readonly codeBytes: number;
}

/**
 * A file changed within this long before the manifest was written may change again within the
 * same timestamp granularity without its stamp moving (git's "racily clean" entries): its content
 * is hashed instead of trusting the stamp. Two seconds cover coarse file systems.
 */
const RACY_MS = 2_000;

export interface CachedBundle {
  readonly zip: Uint8Array;
  readonly sha256: string;
  readonly codeBytes: number;
}

/**
 * Bundles that survive the process, keyed by the entry and the build options, valid while every
 * file esbuild read has the content it had. Why: esbuild and the level-9 zip were most of a synth
 * of the checked-in configuration (0.3 to 0.6 s per function, in a synth of 2 s), and the answer
 * only changes when a handler or a bundled dependency does.
 *
 * Safe by construction: a hit needs the same esbuild version and options and the same content
 * of every input, and the zip's own digest. An input's content is known unchanged without reading
 * it when its size, modification and change times and inode are those recorded and were already
 * old when the manifest was written (FileStamp, RACY_MS); any other input is hashed again (about
 * 7,000 inputs for the platform's functions: reading them all was 0.3 s a synth). Files are written under a
 * temporary name and renamed, so concurrent synths or test workers never read half a file. A file
 * that would newly shadow an input's resolution (say, an `index.ts` next to an `index.js` read
 * before) is not seen: `PLATFORM_FUNCTION_CACHE=off` builds everything, as CI's fresh clone does.
 */
export class FunctionBundleCache {
  private constructor(private readonly directory: string) {}

  /** The cache the environment asks for, or none when it says `off`. */
  static fromEnvironment(env: NodeJS.ProcessEnv = process.env): FunctionBundleCache | undefined {
    const setting = env[FUNCTION_CACHE_VARIABLE]?.trim();
    if (setting === 'off') return undefined;
    if (setting) return new FunctionBundleCache(resolve(setting));
    // esbuild's own folder is inside the node_modules this checkout installed. (createRequire:
    // the CLI's start-up snapshot, tools/platform/bin/snapshot.cjs, has no require.resolve.)
    const esbuildDir = dirname(createRequire(__filename).resolve('esbuild/package.json'));
    return new FunctionBundleCache(join(esbuildDir, '..', '.cache', 'genai-sandbox-functions'));
  }

  /** A key for one entry built with one set of options by one esbuild version. */
  static key(parts: unknown): string {
    return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
  }

  /** The bundle stored under `key`, if every input it was built from is unchanged. */
  read(key: string): CachedBundle | undefined {
    let manifest: CacheManifest;
    let zip: Uint8Array;
    try {
      manifest = JSON.parse(readFileSync(this.path(key, 'json'), 'utf8')) as CacheManifest;
      if (manifest.format !== 2) return undefined;
      for (const input of manifest.inputs) {
        if (!unchanged(input, manifest.writtenAtMs)) return undefined;
      }
      zip = readFileSync(this.path(key, 'zip'));
    } catch {
      return undefined; // missing, unreadable or from an older layout: build again
    }
    const sha256 = createHash('sha256').update(zip).digest('base64');
    if (sha256 !== manifest.sha256) return undefined;
    return { zip: new Uint8Array(zip), sha256, codeBytes: manifest.codeBytes };
  }

  /**
   * Stores a bundle built from `inputPaths`. Never fails the synth: a cache that cannot be written
   * (read-only checkout, full disk) only means the next synth builds again.
   */
  write(key: string, bundle: CachedBundle, inputPaths: readonly string[]): void {
    try {
      const manifest: CacheManifest = {
        format: 2,
        writtenAtMs: Date.now(),
        inputs: inputPaths.map((path) => {
          // The stamp before the content: a write in between leaves a stamp that no longer matches.
          const stamp = stampOf(path);
          return [path, contentDigest(path, stamp), stamp] as const;
        }),
        sha256: bundle.sha256,
        codeBytes: bundle.codeBytes,
      };
      mkdirSync(this.directory, { recursive: true });
      // The zip first: a manifest never names a zip that is not there yet.
      this.writeAtomically(this.path(key, 'zip'), bundle.zip);
      this.writeAtomically(this.path(key, 'json'), JSON.stringify(manifest));
    } catch {
      // best effort, see above
    }
  }

  private path(key: string, extension: 'json' | 'zip'): string {
    return join(this.directory, `${key}.${extension}`);
  }

  private writeAtomically(path: string, content: string | Uint8Array): void {
    const temporary = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
    try {
      writeFileSync(temporary, content);
      renameSync(temporary, path);
    } finally {
      rmSync(temporary, { force: true });
    }
  }
}

function stampOf(path: string): FileStamp {
  const stat = statSync(path);
  return [stat.size, stat.mtimeMs, stat.ctimeMs, stat.ino];
}

/** Whether a stamp is too recent to tell two writes apart by it (see RACY_MS). */
function isRacy(stamp: FileStamp, thenMs: number): boolean {
  return Math.max(stamp[1], stamp[2]) > thenMs - RACY_MS;
}

/**
 * Digests taken in this process, by path and stamp: the functions of a platform bundle the same
 * AWS SDK files (about 900 inputs each, most of them shared), so each is read once per synth.
 * A racy stamp is never remembered.
 */
const digests = new Map<string, string>();

/** Empties the digests taken in this process (clearFunctionBundleCache). */
export function forgetInputDigests(): void {
  digests.clear();
}

function contentDigest(path: string, stamp: FileStamp): string {
  const memo = `${path}\0${stamp.join(':')}`;
  const known = digests.get(memo);
  if (known !== undefined) return known;
  const digest = createHash('sha256').update(readFileSync(path)).digest('hex');
  if (!isRacy(stamp, Date.now())) digests.set(memo, digest);
  return digest;
}

/**
 * Whether a file still has the content its digest was taken of: by its stamp when the stamp is
 * the same and older than the manifest by RACY_MS, else by hashing the content again.
 */
function unchanged([path, digest, stamp]: CacheInput, writtenAtMs: number): boolean {
  const now = stampOf(path);
  const sameStamp = now.every((value, index) => value === stamp[index]);
  if (sameStamp && !isRacy(now, writtenAtMs)) return true;
  return contentDigest(path, now) === digest;
}
