import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_CONFIG_DIR } from './options';

/**
 * `apps/` of the repository this CLI belongs to (tools/platform/src or dist -> ../../../apps), so
 * that the command finds the apps from any working directory; --config-dir and --out, which users
 * choose, are relative to the working directory instead.
 */
export function defaultAppsDir(): string {
  return resolve(__dirname, '..', '..', '..', 'apps');
}

/**
 * The directory the default paths are relative to: the nearest of the working directory and its
 * parents that holds environments/platform.json, so that the CLI run from apps/foundation or
 * tools/platform finds the repository's configuration and cdktf.out; the working directory when
 * none does.
 */
export function workspaceBase(cwd: string): string {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, DEFAULT_CONFIG_DIR, 'platform.json'))) return dir;
    if (dirname(dir) === dir) return resolve(cwd);
  }
}

/**
 * A path option's absolute path: a value given on the command line is relative to the working
 * directory; the default (`value` equal to `defaultValue`) is the one of the workspace base.
 */
export function optionPath(cwd: string, value: string, defaultValue: string): string {
  return value === defaultValue ? resolve(workspaceBase(cwd), value) : resolve(cwd, value);
}
