import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import {
  packProblems,
  type PublishedPackage,
  publishedPackages,
  releaseProblems,
} from '../src/published-packages';
import { tempDir } from './helpers';

const repositoryRoot = join(__dirname, '..', '..', '..');
const packages = publishedPackages(join(repositoryRoot, 'packages'));
const config = loadPlatformConfiguration(join(repositoryRoot, 'environments'));

interface PublishManifest {
  readonly files?: string[];
  readonly scripts?: Record<string, string>;
  readonly publishConfig?: Record<string, unknown>;
  readonly repository?: { url?: string; directory?: string };
}
const manifest = (pkg: PublishedPackage) => pkg.manifest as PublishManifest;
const sourceFiles = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
/** `@scope/name/sub` -> `@scope/name`, `name/sub` -> `name`. */
const packageName = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/');

describe('published packages', () => {
  it('are the packages that are not private: every construct package, config, functions and policy', () => {
    expect(packages.map((pkg) => pkg.name)).toEqual([
      '@genai-sandbox/bedrock',
      '@genai-sandbox/compute',
      '@genai-sandbox/config',
      '@genai-sandbox/core',
      '@genai-sandbox/eventing',
      '@genai-sandbox/functions',
      '@genai-sandbox/inference',
      '@genai-sandbox/networking',
      '@genai-sandbox/observability',
      '@genai-sandbox/policy',
      '@genai-sandbox/registry',
      '@genai-sandbox/security',
      '@genai-sandbox/smus',
      '@genai-sandbox/storage',
    ]);
  });

  it.each(packages.map((pkg) => [pkg.name, pkg] as const))(
    '%s builds before it packs, ships dist/ with the sources its maps name, and publishes with provenance',
    (_, pkg) => {
      const project = pkg.dir.split('/').pop();
      expect(manifest(pkg).scripts?.prepack).toBe(`nx run ${project}:build`);
      expect(manifest(pkg).files).toEqual(expect.arrayContaining(['dist', 'src', 'CHANGELOG.md']));
      expect(manifest(pkg).publishConfig).toEqual({
        registry: 'https://registry.npmjs.org/',
        access: 'public',
        provenance: true,
      });
      // npm checks provenance against the repository that ran the workflow: platform.json's.
      const { organization, repository } = config.platform.github;
      expect(manifest(pkg).repository).toEqual({
        type: 'git',
        url: `git+https://github.com/${organization}/${repository}.git`,
        directory: `packages/${project}`,
      });
    },
  );

  it('declare every package their sources import, so that an installed package resolves them', () => {
    // In the workspace every package is hoisted and resolves anyway; a consumer's install has only
    // what the manifest declares, and Nx orders the builds by it.
    const undeclared = packages.flatMap((pkg) => {
      const declared = new Set(
        Object.keys({ ...pkg.manifest.dependencies, ...pkg.manifest.peerDependencies }),
      );
      return sourceFiles(join(pkg.dir, 'src')).flatMap((file) =>
        [
          ...readFileSync(file, 'utf8').matchAll(
            /^(?:import|export)\b[^;]*?\bfrom '([^'.][^']*)'/gm,
          ),
        ]
          .map((match) => packageName(match[1]))
          .filter((name) => !name.startsWith('node:') && name !== pkg.name && !declared.has(name))
          .map((name) => `${relative(repositoryRoot, file)} imports ${name}`),
      );
    });
    expect(undeclared).toEqual([]);
  });

  it('are required as "*" by the private projects, which always use the workspace copy', () => {
    // nx release rewrites the versions of the released packages only: an app that asked for an
    // exact version would ask for the previous one from the registry after a release.
    const names = new Set(packages.map((pkg) => pkg.name));
    const privateManifests = ['apps', 'tools', 'packages']
      .flatMap((folder) =>
        readdirSync(join(repositoryRoot, folder)).map((name) => join(repositoryRoot, folder, name)),
      )
      .filter((dir) => existsSync(join(dir, 'package.json')))
      .map((dir) => ({
        dir: relative(repositoryRoot, dir),
        manifest: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Record<
          string,
          unknown
        >,
      }))
      .filter(({ manifest }) => manifest.private === true);
    expect(privateManifests.length).toBeGreaterThan(10);
    const exact = privateManifests.flatMap(({ dir, manifest }) =>
      ['dependencies', 'devDependencies', 'peerDependencies'].flatMap((field) =>
        Object.entries((manifest[field] as Record<string, string> | undefined) ?? {})
          .filter(([name, range]) => names.has(name) && range !== '*')
          .map(([name, range]) => `${dir} ${field}.${name}: ${range}`),
      ),
    );
    expect(exact).toEqual([]);
  });

  it('share one version, and depend on each other at exactly it', () => {
    expect(new Set(packages.map((pkg) => pkg.version)).size).toBe(1);
    expect(releaseProblems(packages, `v${packages[0].version}`, repositoryRoot)).toEqual([]);
  });
});

describe('releaseProblems', () => {
  function workspace(
    manifests: Record<
      string,
      { version: string; dependencies?: Record<string, string>; private?: boolean }
    >,
  ): string {
    const root = tempDir('release-');
    for (const [folder, fields] of Object.entries(manifests)) {
      mkdirSync(join(root, 'packages', folder), { recursive: true });
      writeFileSync(
        join(root, 'packages', folder, 'package.json'),
        JSON.stringify({ name: `@genai-sandbox/${folder}`, ...fields }),
      );
    }
    return root;
  }

  it('fails when the tag is not a version, naming the form release tags have', () => {
    const root = workspace({ core: { version: '1.2.0' } });
    expect(releaseProblems(publishedPackages(join(root, 'packages')), 'release-1.2', root)).toEqual(
      [
        'The tag "release-1.2" is not a release tag: release tags are v<major>.<minor>.<patch> (v1.2.3, or v1.2.3-rc.1), as "npx nx release" writes them.',
      ],
    );
  });

  it('fails when a package has another version or depends on another at another version', () => {
    const root = workspace({
      config: { version: '1.2.0' },
      core: { version: '1.1.0', dependencies: { '@genai-sandbox/config': '1.1.0', zod: '4.1.12' } },
      'test-server': { version: '0.1.0', private: true },
    });
    expect(releaseProblems(publishedPackages(join(root, 'packages')), 'v1.2.0', root)).toEqual([
      'packages/core/package.json: "version" is "1.1.0", but the tag v1.2.0 releases 1.2.0. Tag the commit that "npx nx release" made, which sets every package to the same version.',
      'packages/core/package.json: dependencies["@genai-sandbox/config"] is "1.1.0", but the tag v1.2.0 releases 1.2.0. Set it to exactly "1.2.0" ("npx nx release" does).',
    ]);
  });

  it('accepts a prerelease tag when every package has its version', () => {
    const root = workspace({
      config: { version: '2.0.0-rc.1' },
      core: { version: '2.0.0-rc.1', dependencies: { '@genai-sandbox/config': '2.0.0-rc.1' } },
    });
    expect(releaseProblems(publishedPackages(join(root, 'packages')), 'v2.0.0-rc.1', root)).toEqual(
      [],
    );
  });
});

describe('packProblems', () => {
  const core = packages.find((pkg) => pkg.name === '@genai-sandbox/core')!;
  const complete = [
    'package.json',
    'README.md',
    'src/index.ts',
    'src/testing.ts',
    'dist/index.js',
    'dist/index.d.ts',
    'dist/testing.js',
    'dist/testing.d.ts',
  ];

  it('finds nothing missing in a tarball with every exports target and the README', () => {
    expect(packProblems(core, complete)).toEqual([]);
  });

  it('fails when the tarball lacks a built file, naming the file, the export and the fix', () => {
    expect(
      packProblems(
        core,
        complete.filter((file) => file !== 'dist/testing.d.ts'),
      ),
    ).toEqual([
      '@genai-sandbox/core: the tarball has no dist/testing.d.ts (exports["./testing"].types). Build the packages ("npm run build") and check "files" in its package.json.',
    ]);
  });
});
