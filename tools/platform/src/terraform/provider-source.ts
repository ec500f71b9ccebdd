import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { MIRROR_VARIABLE, mirrorDirectory } from './mirror';

/**
 * Where terraform installs providers from: the public registry by default (what users have), or
 * the filesystem mirror named by TF_PROVIDER_MIRROR (CI machines and air-gapped users). Either
 * way the checksums come from the committed lock file, so a provider that differs from the one
 * reviewed is refused.
 */
export type ProviderSource =
  | { readonly kind: 'registry' }
  | { readonly kind: 'mirror'; readonly path: string };

/** The source TF_PROVIDER_MIRROR selects, or why the mirror it names cannot be used. */
export function providerSource(
  env: NodeJS.ProcessEnv,
): { source: ProviderSource } | { problem: string } {
  if (env[MIRROR_VARIABLE] === undefined || env[MIRROR_VARIABLE] === '') {
    return { source: { kind: 'registry' } };
  }
  const mirror = mirrorDirectory(env);
  return 'path' in mirror ? { source: { kind: 'mirror', path: mirror.path } } : mirror;
}

/** For the first line of a run: where the providers come from. */
export function describeSource(source: ProviderSource): string {
  return source.kind === 'mirror'
    ? `providers from ${MIRROR_VARIABLE}=${source.path}`
    : `providers from registry.terraform.io (set ${MIRROR_VARIABLE} to use a local mirror)`;
}

/**
 * The provider_installation block of the CLI configuration: only the mirror (terraform then
 * cannot download anything), or only the registry (no implied local directories either).
 */
export function providerInstallation(source: ProviderSource): string[] {
  return source.kind === 'mirror'
    ? [
        'provider_installation {',
        '  filesystem_mirror {',
        `    path = ${hclString(source.path)}`,
        '  }',
        '}',
      ]
    : ['provider_installation {', '  direct {}', '}'];
}

/**
 * Writes a Terraform CLI configuration for one run. From the registry, a plugin cache shared by
 * the runs of the output directory keeps the 675 MB AWS provider from being downloaded again for
 * every stack and every synth (terraform links it from the cache).
 */
export function writeCliConfig(
  file: string,
  source: ProviderSource,
  pluginCacheDir: string | undefined,
): void {
  mkdirSync(dirname(file), { recursive: true });
  if (pluginCacheDir) mkdirSync(pluginCacheDir, { recursive: true });
  writeFileSync(
    file,
    [
      '# Written by the platform CLI for one run; see tools/platform/README.md.',
      ...providerInstallation(source),
      ...(pluginCacheDir ? [`plugin_cache_dir = ${hclString(pluginCacheDir)}`] : []),
      'disable_checkpoint = true',
      '',
    ].join('\n'),
  );
}

/**
 * The committed dependency lock file: one for every stack, at the repository root (beside
 * apps/), since every stack pins the same provider versions. It lives outside the output
 * directory, so a new synth never deletes it.
 */
export const LOCK_FILE = '.terraform.lock.hcl';

export function committedLockFile(appsDir: string): string {
  return join(dirname(appsDir), LOCK_FILE);
}

/**
 * Puts the committed lock file where terraform runs, before init: terraform then installs only
 * providers whose checksums it lists. Without a committed one (a fixture repository), terraform
 * writes its own.
 */
export function installLockFile(lockFile: string, workDir: string): void {
  if (existsSync(lockFile)) copyFileSync(lockFile, join(workDir, LOCK_FILE));
}

/** An HCL string literal: JSON escapes plus HCL's template sequences `${` and `%{`. */
export function hclString(value: string): string {
  return JSON.stringify(value)
    .replace(/\$\{/g, () => '$${')
    .replace(/%\{/g, () => '%%{');
}
