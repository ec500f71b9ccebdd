import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  appEntryFile,
  describeApps,
  listAppNames,
  loadApps,
  preloadApps,
} from '../src/discover-apps';
import { CliError } from '../src/errors';
import { defaultAppsDir } from '../src/paths';
import { selectStacks } from '../src/select-stacks';
import { FIXTURE_APPS, runCli, tempDir, workspace } from './helpers';

/** Writes apps/<name>/ with a package.json and, unless `entry` is undefined, a plain JS entry. */
function writeApp(
  appsDir: string,
  name: string,
  manifest: Record<string, unknown>,
  entry?: string,
): void {
  mkdirSync(join(appsDir, name, 'src'), { recursive: true });
  writeFileSync(
    join(appsDir, name, 'package.json'),
    JSON.stringify({ name: `fixture-${name}`, ...manifest }),
  );
  if (entry !== undefined) writeFileSync(join(appsDir, name, 'src', 'index.js'), entry);
}

function loadError(appsDir: string): string {
  try {
    loadApps(appsDir);
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return (error as Error).message;
  }
  throw new Error('expected loadApps to fail');
}

describe('app discovery', () => {
  test('finds every directory with a package.json, sorted, and loads platformApp through the source export condition', () => {
    expect(listAppNames(FIXTURE_APPS)).toEqual(['demo', 'genai-bedrock']);
    const apps = loadApps(FIXTURE_APPS);
    expect(apps.map((app) => [app.name, app.scope])).toEqual([
      ['demo', 'account'],
      ['genai-bedrock', 'project'],
    ]);
  });

  describe('apps preloaded by the start-up snapshot', () => {
    const okApp = "exports.platformApp = { name: 'ok', scope: 'account', createStack() {} };";

    test('come from the registration, not from the file', () => {
      const appsDir = tempDir();
      writeApp(appsDir, 'ok', { main: 'src/index.js' }, 'throw new Error("not to be loaded");');
      const platformApp = { name: 'ok', scope: 'account', createStack: () => undefined };
      const restore = preloadApps({ [appEntryFile(appsDir, 'ok')]: { platformApp } });
      try {
        expect(loadApps(appsDir)).toEqual([platformApp]);
      } finally {
        restore();
      }
    });

    test('an app the snapshot lacks is an error naming it, what the snapshot holds and the way out', () => {
      const appsDir = tempDir();
      writeApp(appsDir, 'ok', { main: 'src/index.js' }, okApp);
      writeApp(appsDir, 'new', { main: 'src/index.js' }, okApp.replace("'ok'", "'new'"));
      const platformApp = { name: 'ok', scope: 'account', createStack: () => undefined };
      const restore = preloadApps({ [appEntryFile(appsDir, 'ok')]: { platformApp } });
      let message: string;
      try {
        message = loadError(appsDir);
      } finally {
        restore();
      }
      expect(message).toContain(
        `new (fixture-new): loading ${join(appsDir, 'new', 'src', 'index.js')} failed`,
      );
      expect(message).toContain(
        `the CLI's start-up snapshot has no app at ${join(appsDir, 'new', 'src', 'index.js')}`,
      );
      expect(message).toContain(`(it holds ${join(appsDir, 'ok', 'src', 'index.js')})`);
      expect(message).toContain('PLATFORM_SNAPSHOT=off');
      expect(message).toMatch(/^An app under /);
      // Restored: the files are loaded again.
      expect(loadApps(appsDir).map((app) => app.name)).toEqual(['new', 'ok']);
    });
  });

  test('ignores directories without a package.json', () => {
    const appsDir = tempDir();
    mkdirSync(join(appsDir, 'notes'));
    writeApp(
      appsDir,
      'ok',
      { main: 'src/index.js' },
      "exports.platformApp = { name: 'ok', scope: 'account', createStack() {} };",
    );
    expect(listAppNames(appsDir)).toEqual(['ok']);
  });

  test('fails when an app does not export platformApp, naming the app, the file and what to export', () => {
    const appsDir = tempDir();
    writeApp(
      appsDir,
      'empty',
      { exports: { '.': { '@genai-sandbox/source': './src/index.js' } } },
      'exports.somethingElse = 1;',
    );
    const message = loadError(appsDir);
    expect(message).toContain('empty (fixture-empty)');
    expect(message).toContain(join(appsDir, 'empty', 'src', 'index.js'));
    expect(message).toContain('does not export `platformApp`');
    expect(message).toContain('must export `platformApp: PlatformApp`');
  });

  test('fails when platformApp is malformed, listing every problem of every app at once', () => {
    const appsDir = tempDir();
    writeApp(
      appsDir,
      'alpha',
      { main: 'src/index.js' },
      "exports.platformApp = { name: 'beta', scope: 'global' };",
    );
    writeApp(appsDir, 'gamma', { main: 'src/index.js' }, 'exports.platformApp = 42;');
    const message = loadError(appsDir);
    expect(message).toContain('2 apps under');
    expect(message).toContain('exports platformApp.name "beta", expected "alpha"');
    expect(message).toContain(
      'exports platformApp.scope "global", expected "account", "project", "shared-services" or "every-account"',
    );
    expect(message).toContain('exports platformApp.createStack as undefined, expected a function');
    expect(message).toContain('exports platformApp as number');
  });

  test('fails when the entry file is missing, as for an app that is not written yet', () => {
    const appsDir = tempDir();
    writeApp(appsDir, 'foundation', {
      exports: { '.': { '@genai-sandbox/source': './src/index.ts', default: './dist/index.js' } },
    });
    expect(loadError(appsDir)).toContain(
      `its entry ${join(appsDir, 'foundation', 'src', 'index.ts')} does not exist`,
    );
  });

  test('fails when loading the entry throws, with the reason', () => {
    const appsDir = tempDir();
    writeApp(appsDir, 'thrower', { main: 'src/index.js' }, "throw new Error('cannot load me');");
    expect(loadError(appsDir)).toContain('cannot load me');
  });

  test('fails when the apps directory does not exist', () => {
    expect(() => listAppNames('/nonexistent/apps')).toThrow(
      'The apps directory /nonexistent/apps does not exist',
    );
  });

  test('the CLI exits 1 with the discovery message when an app is broken', async () => {
    const appsDir = tempDir();
    writeApp(appsDir, 'demo', { main: 'src/index.js' }, 'exports.nothing = true;');
    const result = await runCli(['synth'], { cwd: workspace(), appsDir });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('does not export `platformApp`');
  });

  test('only the apps named by --app are loaded, so a broken other app does not block them', async () => {
    const appsDir = tempDir();
    writeApp(
      appsDir,
      'broken',
      { main: 'src/index.js' },
      "throw new Error('should not be loaded');",
    );
    writeApp(
      appsDir,
      'fine',
      { main: 'src/index.js' },
      "exports.platformApp = { name: 'fine', scope: 'project', createStack() { throw new Error('not reached: no project has it'); } };",
    );
    const result = await runCli(['synth', '--app', 'fine'], { cwd: workspace(), appsDir });
    expect(result.stderr).not.toContain('should not be loaded');
    expect(result.stderr).toContain('No stack matches --app fine');
  });

  describe('the scope declared in package.json', () => {
    const THROWS = "throw new Error('the code was loaded');";

    test('describeApps reads name and scope from package.json without loading the code', () => {
      const appsDir = tempDir();
      writeApp(
        appsDir,
        'acct',
        { main: 'src/index.js', platformApp: { scope: 'account' } },
        THROWS,
      );
      writeApp(
        appsDir,
        'proj',
        { main: 'src/index.js', platformApp: { scope: 'project' } },
        THROWS,
      );
      expect(describeApps(appsDir)).toEqual([
        { name: 'acct', scope: 'account' },
        { name: 'proj', scope: 'project' },
      ]);
    });

    test('describeApps loads an app that declares no scope', () => {
      const appsDir = tempDir();
      writeApp(
        appsDir,
        'plain',
        { main: 'src/index.js' },
        "exports.platformApp = { name: 'plain', scope: 'project', createStack() {} };",
      );
      expect(describeApps(appsDir)).toMatchObject([{ name: 'plain', scope: 'project' }]);
    });

    test('fails when the declared scope is malformed, naming the file, the field and the value', () => {
      const appsDir = tempDir();
      writeApp(appsDir, 'odd', { main: 'src/index.js', platformApp: { scope: 'global' } }, THROWS);
      expect(() => describeApps(appsDir)).toThrow(
        `odd (fixture-odd): ${join(appsDir, 'odd', 'package.json')} has "platformApp": {"scope":"global"}; expected {"scope": "account"}, {"scope": "project"}, {"scope": "shared-services"} or {"scope": "every-account"}`,
      );
    });

    test('fails when package.json and the exported platformApp disagree on the scope', () => {
      const appsDir = tempDir();
      writeApp(
        appsDir,
        'split',
        { main: 'src/index.js', platformApp: { scope: 'account' } },
        "exports.platformApp = { name: 'split', scope: 'project', createStack() {} };",
      );
      expect(loadError(appsDir)).toContain(
        `exports platformApp.scope "project", but ${join(appsDir, 'split', 'package.json')} declares "platformApp": {"scope": "account"}; make them agree`,
      );
    });

    test('the fixture apps and the apps of the repository declare the scope they export', () => {
      for (const appsDir of [FIXTURE_APPS, defaultAppsDir()]) {
        const declared = describeApps(appsDir);
        expect(declared.length).toBeGreaterThan(1);
        expect(declared).toEqual(loadApps(appsDir).map(({ name, scope }) => ({ name, scope })));
      }
    }, 30_000);

    test('selectStacks plans without loading app code when asked, with the same stacks', () => {
      const appsDir = tempDir();
      writeApp(
        appsDir,
        'demo',
        { main: 'src/index.js', platformApp: { scope: 'account' } },
        THROWS,
      );
      const configDir = join(workspace(), 'environments');
      const selection = selectStacks(configDir, appsDir, {}, { loadApps: false });
      expect(selection.stacks.map((stack) => stack.name)).toEqual([
        'demo-dev',
        'demo-test',
        'demo-prod',
      ]);
      expect(() => selectStacks(configDir, appsDir, {})).toThrow('the code was loaded');
    });
  });
});
