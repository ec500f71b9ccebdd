/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { resolve } from 'node:path';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

export interface PromoteGenaiArgs {
  readonly configDir: string;
  readonly from: string | undefined;
  readonly to: string | undefined;
  readonly version: string | undefined;
  readonly dryRun: boolean;
}

export const spec: CommandSpec = {
  name: 'promote-genai',
  summary: 'promote the GenAI settings version an environment serves one hop along the chain',
  details: [
    'The GenAI settings (blueprints.genaiBedrock: guardrail, agent, knowledge base, model) travel the chain',
    'like a model. A version is the content hash of the parsed settings; <from> serves the version its',
    '<config-dir>/releases/<from>.json pins, or, unpinned (the first environment), that of its own section.',
    'Stores the version as <config-dir>/genai/<version>.json if absent and pins it in releases/<to>.json.',
    'From an environment after the first, the version must have passed "platform evaluate-genai --record"',
    'there. Changes only files, no AWS call; apply the genai-bedrock stacks of <to> afterwards. A second run',
    'changes nothing.',
  ],
  options: [
    CONFIG_DIR,
    {
      name: 'from',
      value: 'env',
      description: 'the environment that serves the version (required)',
      example: 'dev',
    },
    {
      name: 'to',
      value: 'env',
      description: 'the next environment of the promotion chain (required)',
      example: 'test',
    },
    {
      name: 'version',
      value: 'hash',
      description: 'the version you expect <from> to serve; refused if it serves another',
      example: '0123456789abcdef',
    },
    { name: 'dry-run', description: 'check and print what would be written; write nothing' },
    HELP,
  ],
  examples: [
    'platform promote-genai --from dev --to test',
    'platform promote-genai --from test --to prod --version 0123456789abcdef --dry-run',
  ],
};

export function parse(options: OptionValues): PromoteGenaiArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    from: options.single('from'),
    to: options.single('to'),
    version: options.single('version'),
    dryRun: options.flag('dry-run'),
  };
}

export async function run(args: PromoteGenaiArgs, context: CliContext): Promise<number> {
  const { runPromoteGenai } =
    require('../genai/promote-genai') as typeof import('../genai/promote-genai');
  return runPromoteGenai({
    configDir: resolve(context.cwd, args.configDir),
    from: args.from,
    to: args.to,
    version: args.version,
    dryRun: args.dryRun,
    cwd: context.cwd,
    output: context.output,
  });
}
