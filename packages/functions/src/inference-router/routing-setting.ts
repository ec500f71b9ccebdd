/**
 * The inference router's typed routing setting: which targets a request may reach. Stacks encode
 * it into one environment variable (`routingEnvironment`); the handler decodes it at cold start
 * (`parseRoutingSetting`). Both run the same checks, so a bad setting fails the synth, not a
 * request.
 */

export interface SageMakerEndpointTarget {
  readonly kind: 'sagemaker-endpoint';
  /** A real-time or serverless endpoint of this account and region. */
  readonly endpointName: string;
}

export interface BedrockGuardrail {
  /** Guardrail ID or ARN. */
  readonly identifier: string;
  /** A published version number, or DRAFT. */
  readonly version: string;
}

export interface BedrockModelTarget {
  readonly kind: 'bedrock-model';
  /** Foundation model ID, inference profile ID, or their ARN. */
  readonly modelId: string;
  /** `converse` takes `{ messages, system?, inferenceConfig? }`; `invoke-model` the model's own body. @default 'converse' */
  readonly api?: 'converse' | 'invoke-model';
  /** @default - no guardrail */
  readonly guardrail?: BedrockGuardrail;
}

export type RouteTarget = SageMakerEndpointTarget | BedrockModelTarget;

export interface RoutingSetting {
  /** The route of a request that names none. */
  readonly defaultRoute: string;
  /** Route name (lower-case, kebab) to target. */
  readonly routes: Readonly<Record<string, RouteTarget>>;
  /** Largest request body accepted, in bytes; larger ones get 413. @default 4 MiB (serverless endpoints' limit) */
  readonly maxBodyBytes?: number;
  /** Time one request may take in total, retries included, in milliseconds. @default 25000 (under API Gateway's 29 s) */
  readonly timeoutMs?: number;
}

export const ROUTING_ENVIRONMENT_VARIABLE = 'INFERENCE_ROUTING';
export const DEFAULT_MAX_BODY_BYTES = 4 * 1024 * 1024;
export const DEFAULT_TIMEOUT_MS = 25_000;

const ROUTE_NAME = /^[a-z][a-z0-9-]{0,62}$/;
const ENDPOINT_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const MODEL_ID =
  /^([a-z0-9-]+\.[a-zA-Z0-9.:_-]+|arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{0,12}:(foundation-model|inference-profile|application-inference-profile|provisioned-model|custom-model)\/[a-zA-Z0-9.:_/-]+)$/;
const GUARDRAIL_ID = /^([a-z0-9]+|arn:aws[a-z-]*:bedrock:[a-z0-9-]+:\d{12}:guardrail\/[a-z0-9]+)$/;
const GUARDRAIL_VERSION = /^(DRAFT|[1-9][0-9]{0,7})$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function targetProblems(path: string, target: unknown): string[] {
  if (!isObject(target))
    return [`${path} is ${JSON.stringify(target)}; expected an object with kind`];
  if (target.kind === 'sagemaker-endpoint') {
    const name = target.endpointName;
    return typeof name === 'string' && ENDPOINT_NAME.test(name)
      ? []
      : [
          `${path}.endpointName is ${JSON.stringify(name)}; expected a SageMaker endpoint name (letters, digits, hyphens, up to 63)`,
        ];
  }
  if (target.kind === 'bedrock-model') {
    const problems: string[] = [];
    if (typeof target.modelId !== 'string' || !MODEL_ID.test(target.modelId))
      problems.push(
        `${path}.modelId is ${JSON.stringify(target.modelId)}; expected a Bedrock model or inference profile ID such as "anthropic.claude-3-haiku-20240307-v1:0", or its ARN`,
      );
    if (target.api !== undefined && target.api !== 'converse' && target.api !== 'invoke-model')
      problems.push(
        `${path}.api is ${JSON.stringify(target.api)}; expected "converse" or "invoke-model"`,
      );
    if (target.guardrail !== undefined) {
      const guardrail = target.guardrail;
      if (
        !isObject(guardrail) ||
        typeof guardrail.identifier !== 'string' ||
        !GUARDRAIL_ID.test(guardrail.identifier)
      )
        problems.push(
          `${path}.guardrail.identifier is ${JSON.stringify(isObject(guardrail) ? guardrail.identifier : guardrail)}; expected a guardrail ID or ARN`,
        );
      if (
        !isObject(guardrail) ||
        typeof guardrail.version !== 'string' ||
        !GUARDRAIL_VERSION.test(guardrail.version)
      )
        problems.push(
          `${path}.guardrail.version is ${JSON.stringify(isObject(guardrail) ? guardrail.version : undefined)}; expected a version number such as "1", or "DRAFT"`,
        );
    }
    return problems;
  }
  return [
    `${path}.kind is ${JSON.stringify(target.kind)}; expected "sagemaker-endpoint" or "bedrock-model"`,
  ];
}

/** Every problem of a routing setting at once, each naming its field, value and what is allowed. */
export function routingSettingProblems(setting: unknown): string[] {
  if (!isObject(setting)) return [`the setting is ${JSON.stringify(setting)}; expected an object`];
  const problems: string[] = [];
  const routes = setting.routes;
  if (!isObject(routes) || Object.keys(routes).length === 0) {
    problems.push('routes is empty or missing; give at least one route');
  } else {
    for (const [name, target] of Object.entries(routes)) {
      if (!ROUTE_NAME.test(name))
        problems.push(
          `routes.${name}: the route name is not lower-case kebab (a-z, 0-9, -; up to 63)`,
        );
      problems.push(...targetProblems(`routes.${name}`, target));
    }
    if (typeof setting.defaultRoute !== 'string' || !(setting.defaultRoute in routes))
      problems.push(
        `defaultRoute is ${JSON.stringify(setting.defaultRoute)}; expected one of the routes: ${Object.keys(routes).join(', ')}`,
      );
  }
  const limit = setting.maxBodyBytes;
  if (
    limit !== undefined &&
    (typeof limit !== 'number' || !Number.isInteger(limit) || limit < 1 || limit > 6 * 1024 * 1024)
  )
    problems.push(
      `maxBodyBytes is ${JSON.stringify(limit)}; expected an integer from 1 to 6291456 (Lambda's 6 MiB request limit)`,
    );
  const timeout = setting.timeoutMs;
  if (
    timeout !== undefined &&
    (typeof timeout !== 'number' || !Number.isInteger(timeout) || timeout < 100 || timeout > 28_000)
  )
    problems.push(
      `timeoutMs is ${JSON.stringify(timeout)}; expected an integer from 100 to 28000 (API Gateway stops waiting at 29 s)`,
    );
  const known = new Set(['defaultRoute', 'routes', 'maxBodyBytes', 'timeoutMs']);
  for (const key of Object.keys(setting))
    if (!known.has(key)) problems.push(`${key} is not a field of the routing setting; remove it`);
  return problems;
}

/** The function's environment variables for a setting; throws with every problem. */
export function routingEnvironment(setting: RoutingSetting): Record<string, string> {
  const problems = routingSettingProblems(setting);
  if (problems.length > 0)
    throw new Error(`Inference routing setting is invalid:\n  ${problems.join('\n  ')}`);
  return { [ROUTING_ENVIRONMENT_VARIABLE]: JSON.stringify(setting) };
}

/** Decodes the setting from the environment; throws with every problem, naming the variable. */
export function parseRoutingSetting(text: string | undefined): RoutingSetting {
  const source = `environment variable ${ROUTING_ENVIRONMENT_VARIABLE}`;
  if (!text)
    throw new Error(`${source} is not set; deploy the router with routingEnvironment(setting)`);
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`${source} is not JSON; deploy the router with routingEnvironment(setting)`);
  }
  const problems = routingSettingProblems(value);
  if (problems.length > 0) throw new Error(`${source} is invalid:\n  ${problems.join('\n  ')}`);
  return value as RoutingSetting;
}
