import { formatFiles, type Tree } from '@nx/devkit';
import {
  apiHandler,
  apiTest,
  customActionHandler,
  customActionTest,
  readmeSection,
} from './templates';

export interface FunctionGeneratorSchema {
  readonly name: string;
  readonly trigger?: 'api' | 'custom-action';
  readonly description: string;
  /** Leave the generated files unformatted (tests). @default false */
  readonly skipFormat?: boolean;
}

const ROOT = 'packages/functions';
const CATALOGUE = `${ROOT}/src/catalogue.ts`;
const NAME = /^[a-z][a-z0-9]*(-[a-z0-9]+)*$/;
const LIST = /export const FUNCTION_NAMES = \[([^\]]*)\] as const;/;

/**
 * Adds a function in the uniform shape: `src/<name>/handler.ts`, `test/<name>.test.ts`, its name
 * in the catalogue (sorted) and a README section. Refuses names that exist or are not kebab-case.
 */
export async function functionGenerator(tree: Tree, options: FunctionGeneratorSchema) {
  const { name } = options;
  const trigger = options.trigger ?? 'api';
  if (!NAME.test(name))
    throw new Error(
      `Function name "${name}" is not kebab-case (a-z, 0-9, single hyphens); e.g. vector-index-creator`,
    );
  if (tree.exists(`${ROOT}/src/${name}`))
    throw new Error(`Function "${name}" exists already (${ROOT}/src/${name}); choose another name`);
  const catalogue = tree.read(CATALOGUE, 'utf-8');
  const match = catalogue ? LIST.exec(catalogue) : null;
  if (!catalogue || !match)
    throw new Error(
      `${CATALOGUE} has no "export const FUNCTION_NAMES = [...] as const;" line; restore it before generating`,
    );

  tree.write(
    `${ROOT}/src/${name}/handler.ts`,
    trigger === 'api' ? apiHandler(name) : customActionHandler(name),
  );
  tree.write(
    `${ROOT}/test/${name}.test.ts`,
    trigger === 'api' ? apiTest(name) : customActionTest(name),
  );
  const names = [...match[1].matchAll(/'([^']+)'/g)].map((found) => found[1]);
  const list = [...new Set([...names, name])]
    .sort()
    .map((entry) => `'${entry}'`)
    .join(', ');
  tree.write(
    CATALOGUE,
    catalogue.replace(LIST, `export const FUNCTION_NAMES = [${list}] as const;`),
  );
  const readme = tree.read(`${ROOT}/README.md`, 'utf-8') ?? '';
  tree.write(`${ROOT}/README.md`, readme + readmeSection(name, trigger, options.description));
  // Nx's convention: tests skip formatting (Prettier 3 loads through a dynamic import that Jest's
  // CommonJS runtime refuses), users get formatted files.
  if (!options.skipFormat) await formatFiles(tree);
}

export default functionGenerator;
