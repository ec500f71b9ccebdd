import { formatFiles, type Tree } from '@nx/devkit';
import { jestConfig, projectJson, tsconfigLib } from '../shared/workspace-files';
import {
  appNames,
  cdktfJson,
  indexTs,
  mainTs,
  packageJson,
  readme,
  stackTest,
  stackTs,
} from './templates';

export interface BlueprintAppGeneratorSchema {
  readonly name: string;
  readonly description: string;
  /** project: one stack per project whose profile lists it; account: one per environment. @default project */
  readonly scope?: 'project' | 'account';
  /** Leave the generated files unformatted (tests). @default false */
  readonly skipFormat?: boolean;
}

const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const BLUEPRINTS = 'packages/config/src/blueprints.ts';
const LIST = /export const PROJECT_BLUEPRINTS = \[([^\]]*)\] as const;/;

/**
 * A new app under apps/<name> in the uniform shape (package with its platformApp scope, Nx project
 * tagged type:app, stack class on PlatformStack, cdktf entry, test, README). A project blueprint is
 * also added to PROJECT_BLUEPRINTS, so profiles may list it. Refuses existing or non-kebab names.
 */
export async function blueprintAppGenerator(tree: Tree, options: BlueprintAppGeneratorSchema) {
  const scope = options.scope ?? 'project';
  if (!NAME.test(options.name))
    throw new Error(
      `App name "${options.name}" is not kebab-case (a-z, 0-9, single hyphens); e.g. inference-streaming`,
    );
  const root = `apps/${options.name}`;
  if (tree.exists(root))
    throw new Error(`App "${options.name}" exists already (${root}); choose another name`);
  if (scope === 'project') {
    const blueprints = tree.read(BLUEPRINTS, 'utf-8');
    const match = blueprints ? LIST.exec(blueprints) : null;
    if (!blueprints || !match)
      throw new Error(
        `${BLUEPRINTS} has no "export const PROJECT_BLUEPRINTS = [...] as const;" list; restore it before generating`,
      );
    const names = [...match[1].matchAll(/'([^']+)'/g)].map((found) => found[1]);
    tree.write(
      BLUEPRINTS,
      blueprints.replace(
        LIST,
        `export const PROJECT_BLUEPRINTS = [${[...names, options.name].map((name) => `'${name}'`).join(', ')}] as const;`,
      ),
    );
  }
  const app = appNames(options.name, options.description, scope);
  const files: Record<string, string> = {
    'package.json': packageJson(app),
    'project.json': projectJson(root, app.name, ['type:app', `scope:${app.name}`]),
    'tsconfig.lib.json': tsconfigLib,
    'jest.config.js': jestConfig,
    'cdktf.json': cdktfJson(app),
    'README.md': readme(app),
    'src/index.ts': indexTs(app),
    [`src/${app.name}-stack.ts`]: stackTs(app),
    'src/main.ts': mainTs,
    [`test/${app.name}-stack.test.ts`]: stackTest(app),
  };
  for (const [path, content] of Object.entries(files)) tree.write(`${root}/${path}`, content);
  // Nx's convention: tests skip formatting (see the function generator).
  if (!options.skipFormat) await formatFiles(tree);
}

export default blueprintAppGenerator;
