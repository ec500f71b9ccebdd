import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listAppNames, loadApps } from '../src/discover-apps';
import { CliError } from '../src/errors';
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
      'exports platformApp.scope "global", expected "account", "project" or "shared-services"',
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
});
