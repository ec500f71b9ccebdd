import { join } from 'node:path';
import { snapshotDirectory, snapshotFor, snapshotKey } from '../bin/snapshot.cjs';
import { REPOSITORY_ROOT } from './helpers';

// Making and using snapshots for real: snapshot.integration.test.ts.
describe('bin/snapshot.cjs', () => {
  test('its key changes with the compiled workspace and with Node options, which V8 checks when it loads one', () => {
    const key = snapshotKey('fingerprint-a', { env: {} });
    expect(key).toMatch(/^[0-9a-f]{32}$/);
    expect(snapshotKey('fingerprint-a', { env: {} })).toBe(key);
    expect(snapshotKey('fingerprint-b', { env: {} })).not.toBe(key);
    expect(
      snapshotKey('fingerprint-a', { env: { NODE_OPTIONS: '--max-old-space-size=2048' } }),
    ).not.toBe(key);
    expect(snapshotKey('fingerprint-a', { env: {}, root: '/elsewhere' })).not.toBe(key);
  });

  test('only synth starts from it, and PLATFORM_SNAPSHOT=off turns it off, without making anything', () => {
    const warnings: string[] = [];
    const warn = (text: string) => warnings.push(text);
    for (const argv of [['--help'], ['validate'], ['check', 'synth']]) {
      expect(snapshotFor(argv, 'key', { env: {}, warn })).toBeUndefined();
    }
    expect(
      snapshotFor(['synth'], 'key', { env: { PLATFORM_SNAPSHOT: 'off' }, warn }),
    ).toBeUndefined();
    expect(warnings).toEqual([]);
  });

  test('lives in node_modules/.cache of the checkout, or where PLATFORM_SNAPSHOT says, relative to the working directory', () => {
    expect(snapshotDirectory(REPOSITORY_ROOT)).toBe(
      join(REPOSITORY_ROOT, 'node_modules', '.cache', 'genai-sandbox-snapshot'),
    );
    expect(snapshotDirectory(REPOSITORY_ROOT, 'snapshots')).toBe(join(process.cwd(), 'snapshots'));
  });
});
