import { formatFiles, type Tree } from '@nx/devkit';

export interface ConstructPackageGeneratorSchema {
  readonly name: string;
  readonly description: string;
  /** Leave the generated files unformatted (tests). @default false */
  readonly skipFormat?: boolean;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/** The version every workspace package carries; releases move them together. */
const WORKSPACE_VERSION = '0.1.0';

const json = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/**
 * A new construct package under packages/<name> in the uniform shape: the package manifest other
 * packages' have (source export condition for the workspace, dist for consumers, the provider and
 * cdktf as peers), an Nx project tagged type:construct, an index, a test and a README. Run
 * `npm install` afterwards so the workspace links it.
 */
export async function constructPackageGenerator(
  tree: Tree,
  options: ConstructPackageGeneratorSchema,
) {
  const { name, description } = options;
  if (!NAME.test(name))
    throw new Error(
      `Package name "${name}" is not kebab-case (a-z, 0-9, single hyphens); e.g. vector-search`,
    );
  const root = `packages/${name}`;
  if (tree.exists(root))
    throw new Error(`Package "${name}" exists already (${root}); choose another name`);
  const packageName = `@genai-sandbox/${name}`;
  const files: Record<string, string> = {
    'package.json': json({
      name: packageName,
      version: WORKSPACE_VERSION,
      description,
      license: 'Apache-2.0',
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
      dependencies: { '@genai-sandbox/core': WORKSPACE_VERSION },
      peerDependencies: {
        '@cdktf/provider-aws': '20.1.0',
        cdktf: '0.21.0',
        constructs: '^10.4.2',
      },
    }),
    'project.json': json({
      name,
      $schema: '../../node_modules/nx/schemas/project-schema.json',
      sourceRoot: `${root}/src`,
      tags: ['type:construct', 'scope:shared'],
      targets: { build: {}, typecheck: {}, lint: {}, test: {} },
    }),
    'tsconfig.lib.json': json({
      extends: '../../tsconfig.base.json',
      compilerOptions: { rootDir: 'src', outDir: 'dist' },
      include: ['src/**/*.ts'],
    }),
    'jest.config.js': `module.exports = {\n  ...require('../../jest.preset.js'),\n  displayName: require('./package.json').name,\n};\n`,
    'src/index.ts': `/** ${description} */\nexport {};\n`,
    'test/index.test.ts': `import * as api from '../src';\n\ndescribe('${packageName}', () => {\n  it('loads', () => {\n    expect(api).toBeDefined();\n  });\n});\n`,
    'README.md': `# ${packageName}\n\n${description}\n\nEach construct takes explicit props with secure defaults, and grants access through its\n\`grant*\` methods rather than wide policies ([conventions](../../docs/architecture.md)).\n`,
  };
  for (const [path, content] of Object.entries(files)) tree.write(`${root}/${path}`, content);
  if (!options.skipFormat) await formatFiles(tree);
}

export default constructPackageGenerator;
