import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * `off` turns the bundle cache on disk off; any other non-empty value is the directory to keep it
 * in. Unset: `node_modules/.cache/genai-sandbox-functions` of the checkout, next to esbuild.
 */
export const FUNCTION_CACHE_VARIABLE = 'PLATFORM_FUNCTION_CACHE';

/** What a cached bundle was built from and what it produced. */
interface CacheManifest {
  readonly format: 1;
  /** Every file esbuild read (its metafile's inputs), absolute, with the sha256 of its content. */
  readonly inputs: readonly (readonly [path: string, sha256: string])[];
  /** sha256 of the zip, base64: checked again when the zip is read back. */
  readonly sha256: string;
  readonly codeBytes: number;
}

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
 * (not the modification time) of every input, and the zip's own digest. Files are written under a
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
    // esbuild's own folder is inside the node_modules this checkout installed.
    const esbuildDir = dirname(require.resolve('esbuild/package.json'));
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
      if (manifest.format !== 1) return undefined;
      for (const [path, digest] of manifest.inputs) {
        if (sha256Hex(readFileSync(path)) !== digest) return undefined;
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
        format: 1,
        inputs: inputPaths.map((path) => [path, sha256Hex(readFileSync(path))] as const),
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

function sha256Hex(content: Uint8Array): string {
  return createHash('sha256').update(content).digest('hex');
}
