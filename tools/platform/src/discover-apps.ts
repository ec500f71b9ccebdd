import type { PlatformApp } from '@genai-sandbox/core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { CliError } from './errors';

/**
 * The export condition under which workspace packages resolve to their TypeScript source. The CLI
 * runs from source (tsx with --conditions=@genai-sandbox/source, or Jest with the same custom
 * condition), so apps are loaded the same way, without a build.
 */
const SOURCE_CONDITIONS = ['@genai-sandbox/source', 'require', 'node', 'default'];

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
 * Discovery happens at run time because nothing may depend on an app (ARCHITECTURE.md section 3).
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
  if (problems.length > 0) {
    const count = problems.length === 1 ? 'An app' : `${problems.length} apps`;
    throw new CliError(
      `${count} under ${appsDir} could not be loaded:\n${problems.map((problem) => `  - ${problem}`).join('\n')}\n` +
        'Each apps/<name>/ package must export `platformApp: PlatformApp` (from @genai-sandbox/core) from its main entry, ' +
        'with `name` equal to the directory name.',
    );
  }
  return apps;
}

function loadApp(appsDir: string, name: string): PlatformApp {
  const dir = resolve(appsDir, name);
  const manifestFile = join(dir, 'package.json');
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as {
    name?: string;
    exports?: unknown;
    main?: string;
  };
  const label = `${name} (${manifest.name ?? 'package without a name'})`;
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
  let module: Record<string, unknown>;
  try {
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- apps are found at run time, by design
    module = require(entryFile) as Record<string, unknown>;
  } catch (error) {
    const reason = error instanceof Error ? (error.stack ?? error.message) : String(error);
    throw new Error(`${label}: loading ${entryFile} failed: ${reason}`);
  }
  const app = module.platformApp;
  const problems = platformAppProblems(app, name);
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
  if (!['account', 'project', 'shared-services'].includes(candidate.scope as string)) {
    problems.push(
      `exports platformApp.scope ${JSON.stringify(candidate.scope)}, expected "account", "project" or "shared-services"`,
    );
  }
  if (typeof candidate.createStack !== 'function') {
    problems.push(
      `exports platformApp.createStack as ${typeof candidate.createStack}, expected a function (scope, context) => PlatformStack`,
    );
  }
  return problems;
}

/** The file `require(<package name>)` loads under the source condition: exports["."], else main. */
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
      if (SOURCE_CONDITIONS.includes(condition)) {
        const picked = pickCondition(value);
        if (picked) return picked;
      }
    }
  }
  return undefined;
}
