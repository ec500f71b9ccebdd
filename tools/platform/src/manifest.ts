import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** `<out>/manifest.json` as cdktf 0.21 writes it; `cdktf deploy` and the tools read it. */
export interface CdktfManifest {
  readonly version: string;
  readonly stacks: Readonly<Record<string, StackManifest>>;
}

export interface StackManifest {
  readonly name: string;
  readonly constructPath: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
  readonly stackMetadataPath: string;
  readonly annotations: readonly StackAnnotation[];
  readonly dependencies: readonly string[];
}

export interface StackAnnotation {
  readonly constructPath: string;
  /** `@cdktf/info`, `@cdktf/warn` or `@cdktf/error`. */
  readonly level: string;
  readonly message: string;
  readonly stacktrace?: readonly string[];
}

export const MANIFEST_FILE = 'manifest.json';
export const STACKS_DIR = 'stacks';
export const STACK_FILE = 'cdk.tf.json';

export function readManifest(outDir: string): CdktfManifest | undefined {
  const file = join(outDir, MANIFEST_FILE);
  if (!existsSync(file)) return undefined;
  return JSON.parse(readFileSync(file, 'utf8')) as CdktfManifest;
}

/** The entry cdktf would write for a stack; used for a kept stack missing from an old manifest. */
export function stackManifestEntry(name: string): StackManifest {
  return {
    name,
    constructPath: name,
    workingDirectory: `${STACKS_DIR}/${name}`,
    synthesizedStackPath: `${STACKS_DIR}/${name}/${STACK_FILE}`,
    stackMetadataPath: `${STACKS_DIR}/${name}/metadata.json`,
    annotations: [],
    dependencies: [],
  };
}

/** Writes keys sorted at every level, two-space indented, so equal manifests are equal bytes. */
export function writeManifest(outDir: string, manifest: CdktfManifest): void {
  writeFileSync(join(outDir, MANIFEST_FILE), `${JSON.stringify(sortKeys(manifest), null, 2)}\n`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
