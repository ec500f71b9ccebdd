import { resolve } from 'node:path';

/**
 * `apps/` of the repository this CLI belongs to (tools/platform/src or dist -> ../../../apps), so
 * that the command finds the apps from any working directory; --config-dir and --out, which users
 * choose, are relative to the working directory instead.
 */
export function defaultAppsDir(): string {
  return resolve(__dirname, '..', '..', '..', 'apps');
}
