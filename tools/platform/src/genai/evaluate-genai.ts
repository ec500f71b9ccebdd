import { BedrockAgentRuntimeClient } from '@aws-sdk/client-bedrock-agent-runtime';
import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  effectiveGenaiSettings,
  loadPlatformConfiguration,
  projectsWithBlueprint,
  RELEASES_DIR,
} from '@genai-sandbox/config';
import { CliError, didYouMean, EXIT_FAILURE, EXIT_OK, UsageError } from '../errors';
import { verifyIdentity } from '../preflight/preflight';
import { callerCredentials, type StsTimeouts } from '../preflight/sts-client';
import type { Output } from '../progress';
import { endpointOverride } from '../promote/clients';
import { manifestText, writeReleaseManifest } from '../promote/release-manifest';
import { type DeployedAgent, evaluateAgents } from './agent-evaluation';
import { evaluateGuardrails } from './guardrail-evaluation';

export interface EvaluateGenaiOptions {
  /** Absolute. */
  readonly configDir: string;
  readonly environment?: string;
  /** `<project>=<guardrail id or ARN>:<version>`, one per genai-bedrock project. */
  readonly guardrails: readonly string[];
  /** `<project>=<agent id>:<alias id>`, one per genai-bedrock project, when agent prompts are configured. */
  readonly agents?: readonly string[];
  /** On success, write evaluatedVersion into releases/<env>.json. */
  readonly record: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
  readonly stsTimeouts?: StsTimeouts;
}

const GUARDRAIL_EXAMPLE = 'fraud-detection=abcd1234efgh:3';
const AGENT_EXAMPLE = 'fraud-detection=AGENT12345:ALIAS12345';
const BLUEPRINT = 'genai-bedrock';

/**
 * `platform evaluate-genai` (docs/architecture.md#gates): the evaluation gate of the GenAI settings
 * version an environment deploys, against its deployed guardrails and agents. Exits 1 naming every prompt
 * that did not behave as the settings say; with --record, a pass is written to the release
 * manifest, which promote-genai requires before the version moves on.
 */
export async function runEvaluateGenai(options: EvaluateGenaiOptions): Promise<number> {
  const config = loadPlatformConfiguration(options.configDir);
  const names = config.environments.map(({ name }) => name);
  if (options.environment === undefined)
    throw new UsageError(
      `"platform evaluate-genai" needs --env <name>. Environments: ${names.join(', ')}. Example: --env ${config.platform.promotionChain[1] ?? names[0]} --guardrail ${GUARDRAIL_EXAMPLE}.`,
    );
  const environment = config.environments.find(({ name }) => name === options.environment);
  if (!environment)
    throw new UsageError(
      `Unknown environment "${options.environment}" in --env.${didYouMean(options.environment, names)} Environments: ${names.join(', ')}.`,
    );
  const { settings, version, source } = effectiveGenaiSettings(config, environment);
  if (options.record && source !== 'pinned')
    throw new UsageError(
      `Option --record writes the result into the genaiSettings pin of ${RELEASES_DIR}/${environment.name}.json, but ` +
        `${environment.name} deploys its own settings and has no pin. Leave out --record, or promote a version into ${environment.name} first.`,
    );
  const prompts = settings.evaluation.guardrail;
  const agentPrompts = settings.evaluation.agent;
  const guardrailCount = prompts.mustBlock.length + prompts.mustPass.length;
  const agentCount = agentPrompts?.prompts.length ?? 0;
  const origin =
    source === 'pinned'
      ? `genai/${version}.json (pinned by ${RELEASES_DIR}/${environment.name}.json)`
      : `blueprints.genaiBedrock of ${environment.name}.json`;
  if (guardrailCount + agentCount === 0)
    throw new CliError(
      `evaluate-genai: GenAI settings ${version} (${origin}) configure no evaluation prompts, so there is nothing to ` +
        `gate on. Add evaluation.guardrail.mustBlock and mustPass (or evaluation.agent.prompts) to blueprints.genaiBedrock of ` +
        `${config.platform.promotionChain[0]}.json and promote the new version.`,
    );
  const projects = projectsWithBlueprint(config, environment, BLUEPRINT).map(({ name }) => name);
  // Flags for a kind the settings do not evaluate are accepted and unused: the workflow passes
  // both kinds for every stack.
  const guardrails =
    guardrailCount > 0
      ? perProject(options.guardrails, projects, environment.name, GUARDRAIL_FLAG).map(
          ({ project, first, second }) => ({ project, identifier: first, version: second }),
        )
      : [];
  const agents: DeployedAgent[] = agentPrompts
    ? perProject(options.agents ?? [], projects, environment.name, AGENT_FLAG).map(
        ({ project, first, second }) => ({ project, agentId: first, agentAliasId: second }),
      )
    : [];
  await verifyIdentity({
    configDir: options.configDir,
    environment: environment.name,
    env: options.env,
    cwd: options.cwd,
    output: options.output,
    timeouts: options.stsTimeouts,
  });
  const out = (text: string) => options.output.out(`evaluate-genai: ${text}`);
  out(
    `GenAI settings ${version} (${origin}): ${prompts.mustBlock.length} prompt(s) to block, ${prompts.mustPass.length} to pass, against ${guardrails.length} guardrail(s); ` +
      `${agentCount} agent prompt(s) against ${agents.length} agent alias(es) of ${environment.name}.`,
  );
  const results: { ok: boolean; lines: string[] }[] = [];
  if (guardrails.length > 0) {
    const client = new BedrockRuntimeClient(
      bedrockClientConfig(options.env, environment.region, 'BEDROCK_RUNTIME'),
    );
    try {
      results.push(await evaluateGuardrails(client, prompts, guardrails));
    } finally {
      client.destroy();
    }
  }
  if (agentPrompts && agents.length > 0) {
    const client = new BedrockAgentRuntimeClient(
      bedrockClientConfig(options.env, environment.region, 'BEDROCK_AGENT_RUNTIME'),
    );
    try {
      results.push(await evaluateAgents(client, agentPrompts, agents, version));
    } finally {
      client.destroy();
    }
  }
  for (const line of results.flatMap((result) => result.lines))
    if (line.startsWith('FAIL')) options.output.err(line);
    else out(line);
  if (!results.every((result) => result.ok)) {
    options.output.err(
      `evaluate-genai: GenAI settings ${version} failed the evaluation gate in ${environment.name} (lines FAIL above). ` +
        'Fix the guardrail or agent settings (or the prompts) in the first environment and promote the new version; nothing was recorded.',
    );
    return EXIT_FAILURE;
  }
  out(`every prompt behaved as configured.`);
  if (options.record) {
    const manifest = config.releases[environment.name];
    writeReleaseManifest(
      config,
      environment,
      manifestText({
        ...manifest,
        genaiSettings: { ...manifest.genaiSettings, version, evaluatedVersion: version },
      }),
    );
    out(`recorded evaluatedVersion ${version} in ${RELEASES_DIR}/${environment.name}.json.`);
  }
  return EXIT_OK;
}

interface PerProjectFlag {
  readonly option: string;
  readonly pattern: RegExp;
  readonly shape: string;
  readonly example: string;
  readonly outputs: string;
}

const GUARDRAIL_FLAG: PerProjectFlag = {
  option: 'guardrail',
  pattern: /^([^=]+)=(.+):([1-9][0-9]*|DRAFT)$/,
  shape: '<project>=<guardrail id or ARN>:<version>',
  example: GUARDRAIL_EXAMPLE,
  outputs: 'guardrail_id and guardrail_version',
};

const AGENT_FLAG: PerProjectFlag = {
  option: 'agent',
  pattern: /^([^=]+)=([0-9a-zA-Z]{10}):([0-9a-zA-Z]{10})$/,
  shape: '<project>=<agent id>:<alias id>',
  example: AGENT_EXAMPLE,
  outputs: 'agent_id and agent_alias_id',
};

/** The bedrock clients' settings: HTTP/1.1 handler, the caller's credentials, the endpoint override. */
function bedrockClientConfig(
  env: NodeJS.ProcessEnv,
  region: string,
  service: 'BEDROCK_RUNTIME' | 'BEDROCK_AGENT_RUNTIME',
) {
  const override = endpointOverride(env, service);
  return {
    region,
    // HTTP/1.1: the clients' default HTTP/2 handler serves bidirectional streams, which neither
    // ApplyGuardrail nor InvokeAgent (a response stream) uses, and cannot talk to a plain-HTTP
    // endpoint override.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 120_000 }),
    ...callerCredentials(env).config,
    ...(override && { endpoint: override.url }),
  };
}

/** One `--<option> <project>=<a>:<b>` per genai-bedrock project of the environment, no other. */
function perProject(
  values: readonly string[],
  projects: readonly string[],
  environment: string,
  flag: PerProjectFlag,
): { project: string; first: string; second: string }[] {
  if (projects.length === 0)
    throw new UsageError(
      `No project of ${environment} has the ${BLUEPRINT} blueprint, so there is nothing to evaluate.`,
    );
  const parsed = values.map((value) => {
    const match = flag.pattern.exec(value);
    if (!match)
      throw new UsageError(
        `Option --${flag.option} received "${value}", expected ${flag.shape}, such as ${flag.example} (the genai-bedrock stack's outputs ${flag.outputs}).`,
      );
    const [, project, first, second] = match;
    if (!projects.includes(project))
      throw new UsageError(
        `Option --${flag.option} received "${value}", but "${project}" is not a project of ${environment} with the ${BLUEPRINT} blueprint.${didYouMean(project, [...projects])} Projects: ${projects.join(', ')}.`,
      );
    return { project, first, second };
  });
  const missing = projects.filter((project) => !parsed.some((entry) => entry.project === project));
  const repeated = parsed.filter(
    (entry, index) => parsed.findIndex((other) => other.project === entry.project) !== index,
  );
  if (missing.length > 0 || repeated.length > 0)
    throw new UsageError(
      `Option --${flag.option} needs exactly one value per ${BLUEPRINT} project of ${environment}: ` +
        [
          missing.length > 0 ? `missing ${missing.join(', ')}` : '',
          repeated.length > 0
            ? `repeated ${repeated.map(({ project }) => project).join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; ') +
        `. Example: --${flag.option} ${flag.example}.`,
    );
  return parsed;
}
