/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import {
  checkOption,
  CONFIG_DIR,
  type GenerateArgs,
  generateArgs,
  HELP,
  DEFAULT_CONFIG_DIR,
} from '../options';

export type SchemaArgs = GenerateArgs;

export const spec: CommandSpec = {
  name: 'schema',
  summary: 'write the JSON Schemas of the configuration files, for editors',
  details: [
    'Generates <config-dir>/schema/{platform,environment,release,genai-settings}.schema.json from the zod',
    'schemas that the loader uses, so an editor flags the same mistakes as synth. The files name them with',
    '"$schema". Run it after changing a schema in packages/config; --check fails when one is out of date.',
  ],
  options: [CONFIG_DIR, checkOption('a schema file'), HELP],
  examples: ['platform schema', 'platform schema --check'],
};

export function parse(options: OptionValues): SchemaArgs {
  return generateArgs(options);
}

export async function run(args: SchemaArgs, context: CliContext): Promise<number> {
  const { writeJsonSchemas } = require('../schema') as typeof import('../schema');
  return writeJsonSchemas(
    optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    args.check,
    context.output,
  );
}
