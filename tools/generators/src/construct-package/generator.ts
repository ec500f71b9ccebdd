import { formatFiles, type Tree } from '@nx/devkit';
import {
  jestConfig,
  packageManifest,
  platformRepository,
  projectJson,
  tsconfigLib,
} from '../shared/workspace-files';

export interface ConstructPackageGeneratorSchema {
  readonly name: string;
  readonly description: string;
  /** Leave the generated files unformatted (tests). @default false */
  readonly skipFormat?: boolean;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
/**
 * A new construct package under packages/<name> in the uniform shape: the package manifest other
 * packages' have (source export condition for the workspace, dist for consumers, the provider and
 * cdktf as peers, published from the repository of environments/platform.json), an Nx project
 * tagged type:construct, an index, a test and a README. Run `npm install` afterwards so the
 * workspace links it, and `npm run api:update` for its API report.
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
    'package.json': packageManifest({
      name,
      description,
      publishedFrom: platformRepository(tree),
      dependencies: ['core'],
    }),
    'project.json': projectJson(root, name, ['type:construct', 'scope:shared']),
    'tsconfig.lib.json': tsconfigLib,
    'jest.config.js': jestConfig,
    'src/index.ts': `/** ${description} */\nexport {};\n`,
    'test/index.test.ts': `import * as api from '../src';\n\ndescribe('${packageName}', () => {\n  it('loads', () => {\n    expect(api).toBeDefined();\n  });\n});\n`,
    'README.md': `# ${packageName}\n\n${description}\n\nEach construct takes explicit props with secure defaults, and grants access through its\n\`grant*\` methods rather than wide policies ([conventions](../../docs/architecture.md)).\n`,
  };
  for (const [path, content] of Object.entries(files)) tree.write(`${root}/${path}`, content);
  if (!options.skipFormat) await formatFiles(tree);
}

export default constructPackageGenerator;
