import {
  INFERENCE_BLUEPRINTS,
  MODEL_PACKAGE_ARN_PATTERN,
  type PlatformConfiguration,
  RELEASES_DIR,
} from '@genai-sandbox/config';
import { CliError } from '../errors';

/** The blueprints whose endpoint answers an InvokeEndpoint at once. */
const INVOCABLE_BLUEPRINTS: readonly string[] = ['inference-realtime', 'inference-serverless'];

export interface ServingStack {
  readonly project: string;
  readonly blueprint: string;
  /** `<blueprint>-<project>`: the stack's name without the environment. */
  readonly prefix: string;
}

/**
 * The inference stacks that serve `group` in `environment`: the projects of the environment whose
 * profile includes an inference blueprint and whose release (releases/<env>.json) names the group
 * with that blueprint. A blueprint without an app (apps/<name>/package.json with platformApp) is
 * left out and reported, since there is no stack to apply. Deterministic: project order of
 * <env>.json, blueprint order of INFERENCE_BLUEPRINTS.
 */
export function servingStacks(
  config: PlatformConfiguration,
  environmentName: string,
  group: string,
  apps: readonly string[],
): { stacks: ServingStack[]; withoutApp: ServingStack[] } {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  if (!environment) {
    throw new CliError(
      `Unknown environment "${environmentName}"; environments: ${config.environments.map((candidate) => candidate.name).join(', ')}.`,
    );
  }
  const releases = config.releases[environmentName]?.releases ?? [];
  const stacks: ServingStack[] = [];
  const withoutApp: ServingStack[] = [];
  for (const project of environment.projects) {
    const profile = config.platform.profiles[project.profile]?.blueprints ?? [];
    for (const blueprint of INFERENCE_BLUEPRINTS) {
      if (!profile.includes(blueprint)) continue;
      const served = releases.some(
        (release) =>
          release.project === project.name &&
          release.blueprint === blueprint &&
          release.modelPackageGroup === group,
      );
      if (!served) continue;
      const stack = { project: project.name, blueprint, prefix: `${blueprint}-${project.name}` };
      (apps.includes(blueprint) ? stacks : withoutApp).push(stack);
    }
  }
  return { stacks, withoutApp };
}

/** One invocation of the smoke test: which route of which project, and what to send. */
export interface SmokeInvocation {
  readonly project: string;
  readonly blueprint: string;
  /** The stack that owns the route's API: `<blueprint>-<project>-<env>`. */
  readonly stack: string;
  /** How the route authorizes: the smoke test signs with SigV4, so only IAM routes pass. */
  readonly authorization: 'iam' | 'cognito';
  readonly contentType: string;
  /** The API's request: `{"input": <the group's smokeTest payload>}`. */
  readonly body: string;
  readonly expectKeys: readonly string[];
}

/** The settings section of each invocable blueprint, for its API's authorization. */
const API_SETTINGS = {
  'inference-realtime': 'inferenceRealtime',
  'inference-serverless': 'inferenceServerless',
} as const;

/**
 * What the smoke test invokes after `arn` was promoted into `environmentName`: every release of
 * releases/<env>.json that pins it, with an invocable endpoint blueprint whose app exists, and the
 * group's configured smokeTest. Nothing when the group configures no smoke test.
 */
export function smokeInvocations(
  config: PlatformConfiguration,
  environmentName: string,
  arn: string,
  apps: readonly string[],
): SmokeInvocation[] {
  const match = MODEL_PACKAGE_ARN_PATTERN.exec(arn);
  if (!match) {
    throw new CliError(
      `"${arn}" is not a versioned model package ARN (arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>).`,
    );
  }
  const group = config.platform.modelPackageGroups.find((candidate) => candidate.name === match[3]);
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const smoke = group?.smokeTest;
  if (!smoke) return [];
  const pinned = (config.releases[environmentName]?.releases ?? []).filter(
    (release) => release.modelPackageArn === arn,
  );
  if (pinned.length === 0) {
    throw new CliError(
      `${RELEASES_DIR}/${environmentName}.json does not pin ${arn}: there is nothing to smoke-test. Run platform promote first.`,
    );
  }
  return pinned
    .filter(
      (release) =>
        INVOCABLE_BLUEPRINTS.includes(release.blueprint) && apps.includes(release.blueprint),
    )
    .map((release) => {
      const section = API_SETTINGS[release.blueprint as keyof typeof API_SETTINGS];
      const api = environment?.blueprints[section].api;
      return {
        project: release.project,
        blueprint: release.blueprint,
        stack: `${release.blueprint}-${release.project}-${environmentName}`,
        authorization: api?.cognito ? 'cognito' : 'iam',
        contentType: smoke.contentType,
        body: JSON.stringify({ input: smoke.payload }),
        expectKeys: smoke.expectKeys,
      };
    });
}

/**
 * Problems with an endpoint's answer: it must be JSON, an object or a non-empty array of objects,
 * and each object must have every expected key. Empty when the shape is right.
 */
export function answerShapeProblems(answer: string, expectKeys: readonly string[]): string[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(answer);
  } catch {
    return [`the answer is not JSON: ${answer.slice(0, 200)}`];
  }
  const items = Array.isArray(parsed) ? parsed : [parsed];
  if (items.length === 0) return ['the answer is an empty array'];
  return items.flatMap((item, index) => {
    const where = Array.isArray(parsed) ? `element ${index} of the answer` : 'the answer';
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return [`${where} is ${JSON.stringify(item)?.slice(0, 100)}, not a JSON object`];
    const missing = expectKeys.filter((key) => !Object.hasOwn(item, key));
    return missing.length > 0
      ? [
          `${where} lacks ${missing.join(', ')} (it has ${Object.keys(item).join(', ') || 'no keys'})`,
        ]
      : [];
  });
}
