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

export type DiagramArgs = GenerateArgs;

export const spec: CommandSpec = {
  name: 'diagram',
  summary: 'draw the promotion chain (accounts, buses, rules, roles, grants) as a Mermaid diagram',
  details: [
    'Generates the diagram from the configuration alone and writes it to docs/promotion-chain.md and into',
    'README.md between the promotion-diagram markers, so a reviewer sees the flow instead of reading JSON.',
    '--check fails when either is out of date.',
  ],
  options: [CONFIG_DIR, checkOption("docs/promotion-chain.md or README.md's diagram"), HELP],
  examples: ['platform diagram', 'platform diagram --check'],
};

export function parse(options: OptionValues): DiagramArgs {
  return generateArgs(options);
}

export async function run(args: DiagramArgs, context: CliContext): Promise<number> {
  const { defaultRepoRoot, writePromotionDiagram } =
    require('../diagram/write-diagram') as typeof import('../diagram/write-diagram');
  return writePromotionDiagram({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    repoRoot: defaultRepoRoot(),
    check: args.check,
    output: context.output,
  });
}
