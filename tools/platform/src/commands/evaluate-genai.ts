/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { resolve } from 'node:path';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

export interface EvaluateGenaiArgs {
  readonly configDir: string;
  readonly environment: string | undefined;
  readonly guardrails: readonly string[];
  readonly agents: readonly string[];
  readonly record: boolean;
}

export const spec: CommandSpec = {
  name: 'evaluate-genai',
  summary:
    "run the GenAI settings' evaluation gate against an environment's deployed guardrails and agents",
  details: [
    "Checks that the credentials are in <env>'s account, then sends every prompt of the deployed settings'",
    "evaluation.guardrail to each project's guardrail with Bedrock ApplyGuardrail (source INPUT): mustBlock",
    'prompts must be blocked (GUARDRAIL_INTERVENED), mustPass prompts must pass (NONE); and every prompt of',
    "evaluation.agent to each project's agent alias with InvokeAgent (a new session each), whose streamed",
    'answer must have the configured shape (mustContain, mustNotContain, mustMatch, maxCharacters). Exits 1',
    'naming each failing prompt. With --record, a pass is written as genaiSettings.evaluatedVersion in',
    'releases/<env>.json, which promote-genai requires before the version leaves <env>. Needs',
    'bedrock:ApplyGuardrail and bedrock:InvokeAgent; AWS_ENDPOINT_URL_STS, _BEDROCK_RUNTIME and',
    '_BEDROCK_AGENT_RUNTIME override the endpoints.',
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
    {
      name: 'agent',
      value: 'project=agent-id:alias-id',
      list: true,
      description:
        "each genai-bedrock project's agent alias: its stack's outputs agent_id and agent_alias_id (required when the settings have evaluation.agent)",
      example: 'fraud-detection=AGENT12345:ALIAS12345',
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
    agents: options.list('agent') ?? [],
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
    agents: args.agents,
    record: args.record,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
