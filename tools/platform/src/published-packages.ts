import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The workspace packages that are released to npm: every package under packages/ whose
 * package.json does not say `"private": true`. They share one version (nx.json, release), so a
 * consumer installs one version of all of them and never meets a pair that was not tested together.
 */
export interface PublishedPackage {
  readonly name: string;
  readonly version: string;
  /** The package folder, absolute. */
  readonly dir: string;
  /** Its package.json, absolute. */
  readonly manifestPath: string;
  readonly manifest: PackageManifest;
}

export interface PackageManifest {
  readonly name: string;
  readonly version: string;
  readonly private?: boolean;
  readonly exports?: Record<string, { readonly types?: string } | string>;
  readonly dependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
}

export function publishedPackages(packagesDir: string): PublishedPackage[] {
  return readdirSync(packagesDir)
    .sort()
    .map((folder) => join(packagesDir, folder))
    .filter((dir) => existsSync(join(dir, 'package.json')))
    .map((dir) => {
      const manifestPath = join(dir, 'package.json');
      const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as PackageManifest;
      return { name: manifest.name, version: manifest.version, dir, manifestPath, manifest };
    })
    .filter((pkg) => !pkg.manifest.private);
}

/** `v1.2.3` or `v1.2.3-rc.1`, the tag `nx release` writes (nx.json, release.releaseTag). */
const RELEASE_TAG = /^v(\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?)$/;

/**
 * What stops `tag` from being published: the tag is not a version, or a published package has
 * another version, or depends on another published package at another version than exactly it
 * (a consumer would then install two copies of that package). Empty when the release is sound.
 */
export function releaseProblems(
  packages: readonly PublishedPackage[],
  tag: string,
  cwd: string,
): string[] {
  const version = RELEASE_TAG.exec(tag)?.[1];
  if (!version) {
    return [
      `The tag "${tag}" is not a release tag: release tags are v<major>.<minor>.<patch> (v1.2.3, or v1.2.3-rc.1), as "npx nx release" writes them.`,
    ];
  }
  const names = new Set(packages.map((pkg) => pkg.name));
  const problems: string[] = [];
  for (const pkg of packages) {
    const file = relative(cwd, pkg.manifestPath);
    if (pkg.version !== version) {
      problems.push(
        `${file}: "version" is "${pkg.version}", but the tag ${tag} releases ${version}. Tag the commit that "npx nx release" made, which sets every package to the same version.`,
      );
    }
    for (const field of ['dependencies', 'peerDependencies'] as const) {
      for (const [name, range] of Object.entries(pkg.manifest[field] ?? {})) {
        if (names.has(name) && range !== version) {
          problems.push(
            `${file}: ${field}["${name}"] is "${range}", but the tag ${tag} releases ${version}. Set it to exactly "${version}" ("npx nx release" does).`,
          );
        }
      }
    }
  }
  return problems;
}

/**
 * What a package's tarball lacks, from the file list `npm pack --dry-run --json` gives: each
 * target of its exports map (JavaScript and types) and its README. Empty when it is complete.
 */
export function packProblems(pkg: PublishedPackage, packedFiles: readonly string[]): string[] {
  const packed = new Set(packedFiles.map((file) => file.replace(/^\.\//, '')));
  const targets = Object.entries(pkg.manifest.exports ?? {}).flatMap(([subpath, target]) =>
    Object.entries(typeof target === 'string' ? { default: target } : target)
      // The source condition names src/, which the tarball has too, and is checked like the rest.
      .map(([condition, file]) => ({ field: `exports["${subpath}"].${condition}`, file })),
  );
  return [...targets, { field: 'README', file: './README.md' }]
    .filter(({ file }) => typeof file === 'string' && !packed.has(file.replace(/^\.\//, '')))
    .map(
      ({ field, file }) =>
        `${pkg.name}: the tarball has no ${String(file).replace(/^\.\//, '')} (${field}). ` +
        'Build the packages ("npm run build") and check "files" in its package.json.',
    );
}
