import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The configuration is an Nx input of every project whose tests read it: a change to
 * environments/dev.json alone must make `nx affected` (and so CI on a pull request) run their
 * tests again, instead of replaying a cached pass. Asked of the real Nx, without its daemon.
 */
const root = join(__dirname, '..', '..', '..');

function nx(args: readonly string[]): string[] {
  const output = execFileSync(join(root, 'node_modules', '.bin', 'nx'), args, {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
  return JSON.parse(output) as string[];
}

test('editing environments/dev.json affects every app, the configuration package and the platform CLI', () => {
  const affected = nx([
    'show',
    'projects',
    '--affected',
    '--files=environments/dev.json',
    '--json',
  ]);
  const apps = nx(['show', 'projects', '--projects', 'tag:type:app', '--json']);
  expect(apps.length).toBeGreaterThan(0);
  expect(affected).toEqual(expect.arrayContaining([...apps, 'config', 'platform-cli']));
}, 60_000);
