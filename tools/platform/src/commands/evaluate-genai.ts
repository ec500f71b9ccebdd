/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { resolve } from 'node:path';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

export interface EvaluateGenaiArgs {
  readonly configDir: string;
  readonly environment: string | undefined;
  readonly guardrails: readonly string[];
  readonly record: boolean;
}

export const spec: CommandSpec = {
  name: 'evaluate-genai',
  summary: "run the GenAI settings' evaluation gate against an environment's deployed guardrails",
  details: [
    "Checks that the credentials are in <env>'s account, then sends every prompt of the deployed settings'",
    "evaluation.guardrail to each project's guardrail with Bedrock ApplyGuardrail (source INPUT): mustBlock",
    'prompts must be blocked (GUARDRAIL_INTERVENED), mustPass prompts must pass (NONE). Exits 1 naming each',
    'failing prompt. With --record, a pass is written as genaiSettings.evaluatedVersion in',
    'releases/<env>.json, which promote-genai requires before the version leaves <env>. Needs',
    'bedrock:ApplyGuardrail; AWS_ENDPOINT_URL_STS and _BEDROCK_RUNTIME override the endpoints.',
  ],
  options: [
    CONFIG_DIR,
    {
      name: 'env',
      value: 'name',
      description: 'the environment whose deployed guardrails are evaluated (required)',
      example: 'test',
    },
    {
      name: 'guardrail',
      value: 'project=id:version',
      list: true,
      description:
        "each genai-bedrock project's guardrail: its stack's outputs guardrail_id and guardrail_version (required)",
      example: 'fraud-detection=abcd1234efgh:3',
    },
    { name: 'record', description: 'on success, record the pass in releases/<env>.json' },
    HELP,
  ],
  examples: [
    'platform evaluate-genai --env test --guardrail fraud-detection=abcd1234efgh:3',
    'platform evaluate-genai --env test --guardrail fraud-detection=abcd1234efgh:3 --record',
  ],
};

export function parse(options: OptionValues): EvaluateGenaiArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    environment: options.single('env'),
    guardrails: options.list('guardrail') ?? [],
    record: options.flag('record'),
  };
}

export async function run(args: EvaluateGenaiArgs, context: CliContext): Promise<number> {
  const { runEvaluateGenai } =
    require('../genai/evaluate-genai') as typeof import('../genai/evaluate-genai');
  return runEvaluateGenai({
    configDir: resolve(context.cwd, args.configDir),
    environment: args.environment,
    guardrails: args.guardrails,
    record: args.record,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
