import { PLATFORM_APP_SCOPES, type PlatformApp } from '@genai-sandbox/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './errors';

/**
 * The export conditions an app's entry is picked by, the same way the CLI's own packages were
 * resolved: from TypeScript source under tsx or Jest (the "@genai-sandbox/source" condition), and
 * from dist/ when the CLI runs compiled (bin/platform.cjs compiles every app with it).
 */
const CONDITIONS = __filename.endsWith('.ts')
  ? ['@genai-sandbox/source', 'require', 'node', 'default']
  : ['require', 'node', 'default'];

/** The app directories under `appsDir` (each holding a package.json), sorted by name. */
export function listAppNames(appsDir: string): string[] {
  if (!existsSync(appsDir)) {
    throw new CliError(
      `The apps directory ${appsDir} does not exist; the CLI looks for one cdktf app per directory there.`,
    );
  }
  return readdirSync(appsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(appsDir, entry.name, 'package.json')))
    .map((entry) => entry.name)
    .sort();
}

/**
 * Loads `platformApp` from each named app under `appsDir` (every app when `names` is absent).
 * Discovery happens at run time because nothing may depend on an app (docs/architecture.md#dependency-direction).
 * Every broken app is reported at once, so one run shows all there is to fix.
 */
export function loadApps(
  appsDir: string,
  names: readonly string[] = listAppNames(appsDir),
): PlatformApp[] {
  const problems: string[] = [];
  const apps: PlatformApp[] = [];
  for (const name of names) {
    try {
      apps.push(loadApp(appsDir, name));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw appsError(appsDir, problems);
  return apps;
}

/** What planning stacks needs of an app: its name and scope, without its code. */
export type AppDescriptor = Pick<PlatformApp, 'name' | 'scope'>;

/** The package.json field that declares an app's scope, so that listing stacks loads no app code. */
export const SCOPE_FIELD = 'platformApp';

interface AppManifest {
  name?: string;
  exports?: unknown;
  main?: string;
  [SCOPE_FIELD]?: { scope?: unknown };
}

function readAppManifest(appsDir: string, name: string) {
  const dir = resolve(appsDir, name);
  const file = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(file, 'utf8')) as AppManifest;
  const label = `${name} (${manifest.name ?? 'package without a name'})`;
  return { dir, file, manifest, label };
}

/** The scope package.json declares, undefined when it declares none; throws when it is malformed. */
function declaredScope(appsDir: string, name: string): AppDescriptor['scope'] | undefined {
  const { file, manifest, label } = readAppManifest(appsDir, name);
  const declared = manifest[SCOPE_FIELD];
  if (declared === undefined) return undefined;
  const scope = PLATFORM_APP_SCOPES.find((candidate) => candidate === declared.scope);
  if (scope) return scope;
  throw new Error(
    `${label}: ${file} has "${SCOPE_FIELD}": ${JSON.stringify(declared)}; expected ${scopeList((scope) => `{"scope": "${scope}"}`)}, the scope its platformApp exports`,
  );
}

/**
 * Name and scope of each named app (every app when `names` is absent), read from the
 * `"platformApp": {"scope": ...}` of its package.json: enough to plan and list its stacks without
 * loading its code and its constructs. An app whose package.json declares no scope is loaded.
 */
export function describeApps(
  appsDir: string,
  names: readonly string[] = listAppNames(appsDir),
): AppDescriptor[] {
  const problems: string[] = [];
  const apps: AppDescriptor[] = [];
  for (const name of names) {
    try {
      const scope = declaredScope(appsDir, name);
      apps.push(scope ? { name, scope } : loadApp(appsDir, name));
    } catch (error) {
      problems.push(error instanceof Error ? error.message : String(error));
    }
  }
  if (problems.length > 0) throw appsError(appsDir, problems);
  return apps;
}

function appsError(appsDir: string, problems: readonly string[]): CliError {
  const count = problems.length === 1 ? 'An app' : `${problems.length} apps`;
  return new CliError(
    `${count} under ${appsDir} could not be loaded:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
      'Each apps/<name>/ package must export `platformApp: PlatformApp` (from @genai-sandbox/core) from its main entry, ' +
      `with \`name\` equal to the directory name, and may declare its scope in package.json as "${SCOPE_FIELD}": {"scope": ${PLATFORM_APP_SCOPES.map((scope) => `"${scope}"`).join(' | ')}}.`,
  );
}

/**
 * The apps' entry modules by absolute file, when the CLI runs from its start-up snapshot
 * (bin/snapshot.cjs), which loaded them while it was built. Unset otherwise.
 */
let preloadedApps: ReadonlyMap<string, Record<string, unknown>> | undefined;

/**
 * Called by the snapshot's entry (snapshot-main.ts) with every app it loaded: from then on apps
 * come from `modules` only. Returns the function that restores the registration before it.
 */
export function preloadApps(
  modules: Readonly<Record<string, Record<string, unknown>>>,
): () => void {
  const before = preloadedApps;
  preloadedApps = new Map(Object.entries(modules));
  return () => {
    preloadedApps = before;
  };
}

/**
 * An app the snapshot holds. Inside the snapshot `require` reaches built-in modules only, and a
 * second copy of the workspace's packages would break their registries, so an app the snapshot
 * lacks is an error, not a load.
 */
function preloadedApp(entryFile: string, label: string): Record<string, unknown> {
  const module = preloadedApps?.get(entryFile);
  if (module) return module;
  throw new Error(
    `${label}: the CLI's start-up snapshot has no app at ${entryFile} (it holds ${[...(preloadedApps?.keys() ?? [])].join(', ')}). ` +
      'The snapshot is rebuilt whenever an app changes, so this is a bug in bin/snapshot.cjs; run with PLATFORM_SNAPSHOT=off meanwhile.',
  );
}

function loadEntry(entryFile: string): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- apps are found at run time, by design
  return require(entryFile) as Record<string, unknown>;
}

/**
 * The file `require(<the app's package>)` loads (exports["."] under CONDITIONS, else main), checked
 * to exist; throws a message naming the app and the fix otherwise.
 */
export function appEntryFile(appsDir: string, name: string): string {
  return entryFileOf(readAppManifest(appsDir, name));
}

function entryFileOf({
  dir,
  file: manifestFile,
  manifest,
  label,
}: ReturnType<typeof readAppManifest>): string {
  const entry = resolveEntry(manifest);
  if (!entry) {
    throw new Error(
      `${label}: ${manifestFile} has no "exports" entry for "." nor a "main"; add "exports": {".": {"@genai-sandbox/source": "./src/index.ts"}}`,
    );
  }
  const entryFile = resolve(dir, entry);
  if (!existsSync(entryFile)) {
    throw new Error(
      `${label}: its entry ${entryFile} does not exist; create it and export platformApp from it`,
    );
  }
  return entryFile;
}

function loadApp(appsDir: string, name: string): PlatformApp {
  const read = readAppManifest(appsDir, name);
  const { file: manifestFile, label } = read;
  const entryFile = entryFileOf(read);
  let module: Record<string, unknown>;
  try {
    module = preloadedApps ? preloadedApp(entryFile, label) : loadEntry(entryFile);
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(`${label}: loading ${entryFile} failed: ${reason}`);
  }
  const app = module.platformApp;
  const problems = platformAppProblems(app, name);
  const declared = declaredScope(appsDir, name);
  const scope = (app as Partial<PlatformApp> | undefined)?.scope;
  if (declared && problems.length === 0 && scope !== declared) {
    problems.push(
      `exports platformApp.scope "${scope}", but ${manifestFile} declares "${SCOPE_FIELD}": {"scope": "${declared}"}; make them agree`,
    );
  }
  if (problems.length > 0) {
    throw new Error(`${label}: ${entryFile} ${problems.join('; ')}`);
  }
  return app as PlatformApp;
}

/** What is wrong with an exported value that should be a PlatformApp named `name`. */
export function platformAppProblems(app: unknown, name: string): string[] {
  if (app === undefined) return ['does not export `platformApp`'];
  if (typeof app !== 'object' || app === null)
    return [
      `exports platformApp as ${typeof app}, expected an object { name, scope, createStack }`,
    ];
  const candidate = app as Partial<Record<keyof PlatformApp, unknown>>;
  const problems: string[] = [];
  if (candidate.name !== name) {
    problems.push(
      `exports platformApp.name ${JSON.stringify(candidate.name)}, expected "${name}" (the directory name, which is also the stack name prefix)`,
    );
  }
  if (!PLATFORM_APP_SCOPES.includes(candidate.scope as PlatformApp['scope'])) {
    problems.push(
      `exports platformApp.scope ${JSON.stringify(candidate.scope)}, expected ${scopeList((scope) => `"${scope}"`)}`,
    );
  }
  if (typeof candidate.createStack !== 'function') {
    problems.push(
      `exports platformApp.createStack as ${typeof candidate.createStack}, expected a function (scope, context) => PlatformStack`,
    );
  }
  return problems;
}

/** `a, b, c or d` of every scope, each written by `quote`. */
function scopeList(quote: (scope: PlatformApp['scope']) => string): string {
  const quoted = PLATFORM_APP_SCOPES.map(quote);
  return `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
}

/** The file `require(<package name>)` loads under CONDITIONS: exports["."], else main. */
function resolveEntry(manifest: { exports?: unknown; main?: string }): string | undefined {
  const exportsField = manifest.exports;
  if (exportsField !== undefined) {
    const root =
      typeof exportsField === 'string' || Array.isArray(exportsField) || !hasSubpaths(exportsField)
        ? exportsField
        : (exportsField as Record<string, unknown>)['.'];
    return pickCondition(root);
  }
  return manifest.main;
}

function hasSubpaths(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).some((key) => key.startsWith('.'))
  );
}

function pickCondition(target: unknown): string | undefined {
  if (typeof target === 'string') return target;
  if (Array.isArray(target)) {
    for (const item of target) {
      const picked = pickCondition(item);
      if (picked) return picked;
    }
    return undefined;
  }
  if (typeof target === 'object' && target !== null) {
    // Conditions are tried in the object's key order, as Node does.
    for (const [condition, value] of Object.entries(target)) {
      if (CONDITIONS.includes(condition)) {
        const picked = pickCondition(value);
        if (picked) return picked;
      }
    }
  }
  return undefined;
}
