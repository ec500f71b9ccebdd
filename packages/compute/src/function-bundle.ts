import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { BuildOptions } from 'esbuild';
import { deterministicZip } from './deterministic-zip';
import { FunctionBundleCache, forgetInputDigests } from './function-bundle-cache';

/** A handler's TypeScript source: what a function runs, from the functions package's catalogue. */
export interface FunctionSource {
  /** kebab-case, part of the function's name and of its zip's file name. */
  readonly name: string;
  /** Absolute path of the handler module, which exports `handler`. */
  readonly entry: string;
}

/** A bundled function, zipped. */
export interface FunctionBundle {
  readonly name: string;
  /** The zip: `index.js`, one minified CommonJS file holding the handler and its dependencies. */
  readonly zip: Uint8Array;
  /** sha256 of the zip, base64: Lambda's CodeSha256 and Terraform's `source_code_hash`. */
  readonly sha256: string;
  /** The zip's file name, content-addressed: `<name>-<first 16 hex digits of the sha256>.zip`. */
  readonly fileName: string;
  /** Bytes of the bundled JavaScript before compression. */
  readonly codeBytes: number;
  /** Time esbuild and the zip took, in milliseconds (0 when a cache answered). */
  readonly buildMs: number;
  /** Who answered: esbuild, this process's cache, or the cache on disk (function-bundle-cache.ts). */
  readonly from: 'esbuild' | 'memory' | 'disk';
}

/** The runtime a bundle targets; PlatformFunction deploys on it. */
export const FUNCTION_RUNTIME = 'nodejs20.x';
export const FUNCTION_HANDLER = 'index.handler';

/** One build per entry per process: 300 stacks deploying the router bundle it once. */
const cache = new Map<string, FunctionBundle>();

/** What esbuild is asked, but for the entry: part of the disk cache's key. */
const BUILD_OPTIONS = {
  outfile: 'index.js',
  bundle: true,
  write: false,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  charset: 'utf8',
  // ES module builds of the SDK tree-shake better than its CommonJS ones.
  mainFields: ['module', 'main'],
  // Naming conditions drops esbuild's default `module`; kept, it saves a quarter of the size.
  conditions: ['@genai-sandbox/source', 'module'],
  // Stated here rather than read from whichever tsconfig.json lies above the entry: a checkout
  // without it (or with another) would otherwise change the output ("use strict").
  tsconfigRaw: { compilerOptions: { strict: true } },
  logLevel: 'silent',
} as const satisfies BuildOptions;

/* eslint-disable @typescript-eslint/no-require-imports -- versions read without loading the packages */
/** The zip's bytes depend on fflate's version too (deterministic-zip.ts). */
const FFLATE_VERSION = (require('fflate/package.json') as { version: string }).version;
/**
 * esbuild's version from its package.json: esbuild itself is loaded only to build (`build`), so a
 * synth that the disk cache answers never starts it, and the CLI's start-up snapshot
 * (tools/platform/bin/snapshot.cjs) holds no esbuild, whose native service cannot be snapshotted.
 */
const ESBUILD_VERSION = (require('esbuild/package.json') as { version: string }).version;
/* eslint-enable @typescript-eslint/no-require-imports */

/**
 * Bundles a handler with esbuild in this process and zips it reproducibly. The AWS SDK v3
 * clients are bundled, not left to the runtime: the runtime's copy changes version without
 * notice, the bundled one is the exact version pinned in package.json and tested against.
 * Minified output carries no comments, so no path of the checkout reaches the zip.
 */
export function bundleFunction(source: FunctionSource): FunctionBundle {
  const cached = cache.get(source.entry);
  if (cached) return { ...cached, buildMs: 0, from: 'memory' };
  if (!isAbsolute(source.entry) || !existsSync(source.entry)) {
    throw new Error(
      `Function "${source.name}": entry ${source.entry} is not an existing absolute path; take the source from the functions package's catalogue (functionSource("${source.name}")).`,
    );
  }
  const disk = FunctionBundleCache.fromEnvironment();
  const key = FunctionBundleCache.key({
    entry: source.entry,
    esbuild: ESBUILD_VERSION,
    fflate: FFLATE_VERSION,
    options: BUILD_OPTIONS,
  });
  const stored = disk?.read(key);
  const bundle = stored
    ? describe(source, stored.zip, stored.codeBytes, 0, 'disk')
    : build(source, disk, key);
  cache.set(source.entry, bundle);
  return bundle;
}

function build(
  source: FunctionSource,
  disk: FunctionBundleCache | undefined,
  key: string,
): FunctionBundle {
  const started = performance.now();
  const workingDir = dirname(source.entry);
  let code: Uint8Array;
  let inputs: string[];
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on a cache miss only, see ESBUILD_VERSION
    const { buildSync } = require('esbuild') as typeof import('esbuild');
    const result = buildSync({
      ...BUILD_OPTIONS,
      entryPoints: [source.entry],
      absWorkingDir: workingDir,
      metafile: true,
    });
    code = result.outputFiles[0].contents;
    inputs = Object.keys(result.metafile.inputs).map((input) => resolve(workingDir, input));
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Function "${source.name}": esbuild could not bundle ${source.entry}:\n${reason}`,
    );
  }
  const zip = deterministicZip({ 'index.js': code });
  const bundle = describe(source, zip, code.length, performance.now() - started, 'esbuild');
  disk?.write(key, bundle, inputs);
  return bundle;
}

function describe(
  source: FunctionSource,
  zip: Uint8Array,
  codeBytes: number,
  buildMs: number,
  from: FunctionBundle['from'],
): FunctionBundle {
  const digest = createHash('sha256').update(zip);
  const hex = digest.copy().digest('hex');
  return {
    name: source.name,
    zip,
    sha256: digest.digest('base64'),
    fileName: `${source.name}-${hex.slice(0, 16)}.zip`,
    codeBytes,
    buildMs: Math.round(buildMs),
    from,
  };
}

/**
 * Forgets what this process remembers of bundles: the bundles themselves and the digests of their
 * inputs, as a new process would. For tests that bundle one entry twice on purpose, and for the
 * CLI's start-up snapshot, which synthesizes once while it is made and must not keep the answers.
 */
export function clearFunctionBundleCache(): void {
  cache.clear();
  forgetInputDigests();
}
