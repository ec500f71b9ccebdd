/**
 * The files every workspace package has, in one place for the app and package generators: the
 * manifest (source export condition for the workspace, dist/ for consumers, the provider and cdktf
 * as peers), the Nx project, the library tsconfig and the Jest config.
 */

/** The version every workspace package carries; releases move them together. */
export const WORKSPACE_VERSION = '0.1.0';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** Where the platform repository is, for a published package's `repository` field. */
export interface RepositoryLocation {
  readonly organization: string;
  readonly repository: string;
}

/**
 * A package manifest in the shape of the others: a private one (an app) requires workspace
 * packages as "*" so a release never leaves it asking for an old version; a published one (a
 * construct package) requires them at the fixed version, ships src/ for its maps, builds on
 * prepack and publishes with provenance to the registry its publishConfig names.
 */
export function packageManifest(options: {
  readonly name: string;
  readonly description: string;
  /** Fields between description and license (an app's platformApp). */
  readonly extra?: Record<string, unknown>;
  /** Published packages only: the repository provenance names. */
  readonly publishedFrom?: RepositoryLocation;
  readonly dependencies: readonly string[];
}): string {
  const published = options.publishedFrom;
  const directory = `${published ? 'packages' : 'apps'}/${options.name}`;
  return json({
    name: `@genai-sandbox/${options.name}`,
    version: WORKSPACE_VERSION,
    description: options.description,
    ...options.extra,
    license: 'Apache-2.0',
    ...(published
      ? {
          repository: {
            type: 'git',
            url: `git+https://github.com/${published.organization}/${published.repository}.git`,
            directory,
          },
        }
      : { private: true }),
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        '@genai-sandbox/source': './src/index.ts',
        types: './dist/index.d.ts',
        default: './dist/index.js',
      },
    },
    files: published ? ['dist', 'src', 'README.md', 'CHANGELOG.md'] : ['dist', 'README.md'],
    ...(published
      ? {
          scripts: { prepack: `nx run ${options.name}:build` },
          publishConfig: {
            registry: 'https://registry.npmjs.org/',
            access: 'public',
            provenance: true,
          },
        }
      : {}),
    dependencies: Object.fromEntries(
      options.dependencies.map((name) => [
        `@genai-sandbox/${name}`,
        published ? WORKSPACE_VERSION : '*',
      ]),
    ),
    peerDependencies: {
      '@cdktf/provider-aws': '20.1.0',
      cdktf: '0.21.0',
      constructs: '^10.4.2',
    },
  });
}

/** The GitHub repository of environments/platform.json, which a published package names. */
export function platformRepository(tree: {
  read(path: string, encoding: 'utf-8'): string | null;
}): RepositoryLocation {
  const file = 'environments/platform.json';
  const text = tree.read(file, 'utf-8');
  const github = text
    ? (JSON.parse(text) as { github?: Partial<RepositoryLocation> }).github
    : undefined;
  if (!github?.organization || !github.repository)
    throw new Error(
      `${file} has no github.organization and github.repository; a published package names its repository (provenance needs it). Add them, then generate again`,
    );
  return { organization: github.organization, repository: github.repository };
}

export function projectJson(root: string, name: string, tags: readonly string[]): string {
  return json({
    name,
    $schema: '../../node_modules/nx/schemas/project-schema.json',
    sourceRoot: `${root}/src`,
    tags,
    targets: { build: {}, typecheck: {}, lint: {}, test: {} },
  });
}

export const tsconfigLib = json({
  extends: '../../tsconfig.base.json',
  compilerOptions: { rootDir: 'src', outDir: 'dist' },
  include: ['src/**/*.ts'],
});

export const jestConfig = `module.exports = {
  ...require('../../jest.preset.js'),
  displayName: require('./package.json').name,
};
`;
