/**
 * The files every workspace package has, in one place for the app and package generators: the
 * manifest (source export condition for the workspace, dist/ for consumers, the provider and cdktf
 * as peers), the Nx project, the library tsconfig and the Jest config.
 */

/** The version every workspace package carries; releases move them together. */
export const WORKSPACE_VERSION = '0.1.0';

export const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

export function packageManifest(options: {
  readonly name: string;
  readonly description: string;
  /** Fields between description and license (an app's platformApp). */
  readonly extra?: Record<string, unknown>;
  readonly private?: boolean;
  readonly dependencies: readonly string[];
}): string {
  return json({
    name: `@genai-sandbox/${options.name}`,
    version: WORKSPACE_VERSION,
    description: options.description,
    ...options.extra,
    license: 'Apache-2.0',
    ...(options.private ? { private: true } : {}),
    main: './dist/index.js',
    types: './dist/index.d.ts',
    exports: {
      '.': {
        '@genai-sandbox/source': './src/index.ts',
        types: './dist/index.d.ts',
        default: './dist/index.js',
      },
    },
    files: ['dist', 'README.md'],
    dependencies: Object.fromEntries(
      options.dependencies.map((name) => [`@genai-sandbox/${name}`, WORKSPACE_VERSION]),
    ),
    peerDependencies: {
      '@cdktf/provider-aws': '20.1.0',
      cdktf: '0.21.0',
      constructs: '^10.4.2',
    },
  });
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
