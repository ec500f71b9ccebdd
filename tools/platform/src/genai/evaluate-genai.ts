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
import { type DeployedGuardrail, evaluateGuardrails } from './guardrail-evaluation';

export interface EvaluateGenaiOptions {
  /** Absolute. */
  readonly configDir: string;
  readonly environment?: string;
  /** `<project>=<guardrail id or ARN>:<version>`, one per genai-bedrock project. */
  readonly guardrails: readonly string[];
  /** On success, write evaluatedVersion into releases/<env>.json. */
  readonly record: boolean;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
  readonly stsTimeouts?: StsTimeouts;
}

const GUARDRAIL_EXAMPLE = 'fraud-detection=abcd1234efgh:3';
const BLUEPRINT = 'genai-bedrock';

/**
 * `platform evaluate-genai` (docs/architecture.md#gates): the evaluation gate of the GenAI settings
 * version an environment deploys, against its deployed guardrails. Exits 1 naming every prompt
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
  const origin =
    source === 'pinned'
      ? `genai/${version}.json (pinned by ${RELEASES_DIR}/${environment.name}.json)`
      : `blueprints.genaiBedrock of ${environment.name}.json`;
  if (prompts.mustBlock.length + prompts.mustPass.length === 0)
    throw new CliError(
      `evaluate-genai: GenAI settings ${version} (${origin}) configure no evaluation prompts, so there is nothing to ` +
        `gate on. Add evaluation.guardrail.mustBlock and mustPass to blueprints.genaiBedrock of ` +
        `${config.platform.promotionChain[0]}.json and promote the new version.`,
    );
  const projects = projectsWithBlueprint(config, environment, BLUEPRINT).map(({ name }) => name);
  const guardrails = parseGuardrails(options.guardrails, projects, environment.name);
  await verifyIdentity({
    configDir: options.configDir,
    environment: environment.name,
    env: options.env,
    cwd: options.cwd,
    output: options.output,
    timeouts: options.stsTimeouts,
  });
  const override = endpointOverride(options.env, 'BEDROCK_RUNTIME');
  const client = new BedrockRuntimeClient({
    region: environment.region,
    // HTTP/1.1: the client's default HTTP/2 handler serves its bidirectional streams, which
    // ApplyGuardrail does not use, and cannot talk to a plain-HTTP endpoint override.
    requestHandler: new NodeHttpHandler({ connectionTimeout: 5_000, requestTimeout: 30_000 }),
    ...callerCredentials(options.env).config,
    ...(override && { endpoint: override.url }),
  });
  const out = (text: string) => options.output.out(`evaluate-genai: ${text}`);
  out(
    `GenAI settings ${version} (${origin}): ${prompts.mustBlock.length} prompt(s) to block, ${prompts.mustPass.length} to pass, against ${guardrails.length} guardrail(s) of ${environment.name}.`,
  );
  try {
    const { ok, lines } = await evaluateGuardrails(client, prompts, guardrails);
    for (const line of lines)
      if (line.startsWith('FAIL')) options.output.err(line);
      else out(line);
    if (!ok) {
      options.output.err(
        `evaluate-genai: GenAI settings ${version} failed the evaluation gate in ${environment.name} (lines FAIL above). ` +
          'Fix the guardrail settings (or the prompts) in the first environment and promote the new version; nothing was recorded.',
      );
      return EXIT_FAILURE;
    }
  } finally {
    client.destroy();
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

/** One `<project>=<identifier>:<version>` per genai-bedrock project of the environment, no other. */
function parseGuardrails(
  values: readonly string[],
  projects: readonly string[],
  environment: string,
): DeployedGuardrail[] {
  if (projects.length === 0)
    throw new UsageError(
      `No project of ${environment} has the ${BLUEPRINT} blueprint, so there is no guardrail to evaluate.`,
    );
  const parsed = values.map((value) => {
    const match = /^([^=]+)=(.+):([1-9][0-9]*|DRAFT)$/.exec(value);
    if (!match)
      throw new UsageError(
        `Option --guardrail received "${value}", expected <project>=<guardrail id or ARN>:<version>, such as ${GUARDRAIL_EXAMPLE} (the genai-bedrock stack's outputs guardrail_id and guardrail_version).`,
      );
    const [, project, identifier, version] = match;
    if (!projects.includes(project))
      throw new UsageError(
        `Option --guardrail received "${value}", but "${project}" is not a project of ${environment} with the ${BLUEPRINT} blueprint.${didYouMean(project, [...projects])} Projects: ${projects.join(', ')}.`,
      );
    return { project, identifier, version };
  });
  const missing = projects.filter((project) => !parsed.some((entry) => entry.project === project));
  const repeated = parsed.filter(
    (entry, index) => parsed.findIndex((other) => other.project === entry.project) !== index,
  );
  if (missing.length > 0 || repeated.length > 0)
    throw new UsageError(
      `Option --guardrail needs exactly one value per ${BLUEPRINT} project of ${environment}: ` +
        [
          missing.length > 0 ? `missing ${missing.join(', ')}` : '',
          repeated.length > 0
            ? `repeated ${repeated.map(({ project }) => project).join(', ')}`
            : '',
        ]
          .filter(Boolean)
          .join('; ') +
        `. Example: --guardrail ${GUARDRAIL_EXAMPLE}.`,
    );
  return parsed;
}
