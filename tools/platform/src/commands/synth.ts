/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { EXIT_OK } from '../errors';
import {
  HELP,
  STACK_OPTIONS,
  type StackArgs,
  stackArgs,
  DEFAULT_CONFIG_DIR,
  DEFAULT_OUT_DIR,
} from '../options';

export type SynthArgs = StackArgs;

export const spec: CommandSpec = {
  name: 'synth',
  summary: 'synthesize Terraform JSON for every stack of the configuration',
  details: [
    'Loads the configuration, discovers the apps under apps/ and writes <out>/stacks/<stack>/cdk.tf.json',
    'and <out>/manifest.json. Everything is built in a staging directory beside <out> and swapped in at the',
    'end: a run without filters replaces <out>; a filtered run replaces only the stacks it matches and keeps',
    'manifest.json listing every stack on disk. Invalid configuration writes nothing. Needs no AWS',
    'credentials and no terraform.',
  ],
  options: [...STACK_OPTIONS, HELP],
  examples: [
    'platform synth',
    'platform synth --env dev --app foundation',
    'platform synth --config-dir ../other-platform/environments --out /tmp/other.out',
  ],
};

export function parse(options: OptionValues): SynthArgs {
  return stackArgs(options);
}

export async function run(args: SynthArgs, context: CliContext): Promise<number> {
  const { synthInProcesses } = require('../synth') as typeof import('../synth');
  await synthInProcesses({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    out: optionPath(context.cwd, args.out, DEFAULT_OUT_DIR),
    appsDir: context.appsDir,
    filter: args.filter,
    cwd: context.cwd,
    output: context.output,
    env: context.env,
  });
  return EXIT_OK;
}
