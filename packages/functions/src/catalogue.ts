import { resolve } from 'node:path';

/**
 * Every function of the platform, by folder name under `src/`. The generator
 * (`nx g @genai-sandbox/functions:function <name>`) adds a name here with its folder.
 */
export const FUNCTION_NAMES = [
  'agent-action-group',
  'async-callback',
  'async-submitter',
  'batch-job-events',
  'batch-submitter',
  'inference-router',
  'project-pull-request',
  'smus-project-reader',
] as const;

export type FunctionName = (typeof FUNCTION_NAMES)[number];

/** What PlatformFunction (@genai-sandbox/compute) bundles: a name and its handler module. */
export interface FunctionSourceOf {
  readonly name: FunctionName;
  /** Absolute path of `src/<name>/handler.ts`. */
  readonly entry: string;
}

/**
 * The handler source of a function. Resolved from the package root rather than this file, so it
 * points at the TypeScript source whether this module runs from `src/` or from `dist/`.
 */
export function functionSource(name: FunctionName): FunctionSourceOf {
  if (!FUNCTION_NAMES.includes(name)) {
    throw new Error(
      `Unknown function "${String(name)}"; the functions package has ${FUNCTION_NAMES.join(', ')}. Add one with the generator.`,
    );
  }
  return { name, entry: resolve(__dirname, '..', 'src', name, 'handler.ts') };
}
