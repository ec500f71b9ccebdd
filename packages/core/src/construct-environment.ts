import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import {
  LOG_RETENTION_DAYS,
  type NamedEnvironment,
  type NamedPlatform,
  ResourceNamer,
} from '@genai-sandbox/config';
import { type TerraformResource, TerraformStack, Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/** The environment a stack deploys to, as constructs see it. */
export interface StackEnvironment extends NamedEnvironment {
  /** Retention of the log groups constructs create when their props name none. */
  readonly logRetentionDays: number;
  /** Whether stateful resources get `prevent_destroy` (ConstructEnvironment.protect). */
  readonly preventDestroy: boolean;
}

/**
 * Everything a construct of this repository reads from the stack it is in: names, account,
 * region, the environment's defaults and the protection of stateful resources. PlatformStack is
 * one (filled from the platform configuration); any other TerraformStack gets one with
 * `ConstructEnvironment.attach(stack, {...explicit values})`. Nothing here needs the configuration files.
 */
export interface ConstructEnvironment extends NamedPlatform {
  readonly environment: StackEnvironment;
  readonly accountId: string;
  readonly region: string;
  /** Names of this stack's resources: `<platform>-<env>[-<project>]-<purpose>`. */
  readonly naming: ResourceNamer;
  /** The project of a per-project stack, part of every name. @default - an account-level stack */
  readonly projectName?: string;
  /** Marks a stateful resource `prevent_destroy` when the environment asks for it. */
  protect<T extends TerraformResource>(resource: T): T;
}

/** The explicit values of a construct environment for a TerraformStack of one's own. */
export interface ConstructEnvironmentProps {
  /** First part of every name (`<platform>-<env>-...`): a team or product name, lower case. */
  readonly platform: string;
  /** Environment name, second part of every name (`dev`, `prod`). */
  readonly environment: string;
  /** The 12-digit account the stack deploys to: bucket names and policy ARNs carry it. */
  readonly accountId: string;
  /** @default - the region of the stack's AwsProvider, which must then name one */
  readonly region?: string;
  /** Part of every name after the environment. @default - none */
  readonly project?: string;
  /** @default 365 */
  readonly logRetentionDays?: number;
  /** Set `prevent_destroy` on stateful resources (keys, buckets, registries). @default false */
  readonly preventDestroy?: boolean;
}

// A symbol of the global registry rather than a module-level WeakMap, so a construct environment attached
// by one copy of this package is found by another (an installed app may hold two).
const ENVIRONMENT = Symbol.for('@genai-sandbox/core.ConstructEnvironment');

type WithEnvironment = TerraformStack & { [ENVIRONMENT]?: ConstructEnvironment };

export const ConstructEnvironment = {
  /**
   * The construct environment of the stack `scope` is in: the PlatformStack itself, or what `attach` gave a
   * TerraformStack of one's own. Throws when there is none, naming the stack and how to add one.
   */
  of(scope: IConstruct): ConstructEnvironment {
    const stack = TerraformStack.of(scope) as WithEnvironment;
    const environment = stack[ENVIRONMENT];
    if (!environment) {
      throw new Error(
        `${scope.node.path} is in the TerraformStack "${stack.node.id}", which has no construct environment; constructs of @genai-sandbox need its names, account and region: call ConstructEnvironment.attach(stack, { platform, environment, accountId, region }) in the stack's constructor before creating them, or use PlatformStack.`,
      );
    }
    return environment;
  },

  /**
   * Gives `stack` its construct environment, once, before constructs are added: PlatformStack
   * passes itself; any other stack passes explicit values, checked here so a mistake is reported
   * where it is made. Returns the construct environment.
   */
  attach(
    stack: TerraformStack,
    environmentOrValues: ConstructEnvironment | ConstructEnvironmentProps,
  ): ConstructEnvironment {
    const target = stack as WithEnvironment;
    if (target[ENVIRONMENT]) {
      throw new Error(
        `ConstructEnvironment.attach: the stack "${stack.node.id}" already has a construct environment; attach one per stack.`,
      );
    }
    const environment =
      'naming' in environmentOrValues
        ? environmentOrValues
        : explicitEnvironment(stack, environmentOrValues);
    Object.defineProperty(target, ENVIRONMENT, { value: environment, enumerable: false });
    return environment;
  },
};

function explicitEnvironment(
  stack: TerraformStack,
  props: ConstructEnvironmentProps,
): ConstructEnvironment {
  const region = props.region ?? providerRegion(stack);
  const logRetentionDays = props.logRetentionDays ?? 365;
  const problems = [
    ...(['platform', 'environment'] as const)
      .filter((field) => !/^[a-z][a-z0-9-]*$/.test(props[field]))
      .map(
        (field) =>
          `${field} is ${JSON.stringify(props[field])}; it starts names, so use lower-case letters, digits and hyphens, starting with a letter`,
      ),
    ...(props.project === undefined || /^[a-z][a-z0-9-]*$/.test(props.project)
      ? []
      : [
          `project is ${JSON.stringify(props.project)}; use lower-case letters, digits and hyphens, starting with a letter`,
        ]),
    ...(/^\d{12}$/.test(props.accountId)
      ? []
      : [`accountId is ${JSON.stringify(props.accountId)}; pass the 12-digit account ID`]),
    ...(region && !Token.isUnresolved(region) && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region)
      ? []
      : [
          `region is ${JSON.stringify(region)}; pass a region name such as "eu-west-1", or set it on the stack's AwsProvider`,
        ]),
    ...((LOG_RETENTION_DAYS as readonly number[]).includes(logRetentionDays)
      ? []
      : [
          `logRetentionDays is ${logRetentionDays}; CloudWatch Logs accepts ${LOG_RETENTION_DAYS.join(', ')}`,
        ]),
  ];
  if (problems.length > 0) {
    throw new Error(`ConstructEnvironment.attach(${stack.node.id}):\n  ${problems.join('\n  ')}`);
  }
  const environment: StackEnvironment = {
    name: props.environment,
    accountId: props.accountId,
    region: region as string,
    logRetentionDays,
    preventDestroy: props.preventDestroy ?? false,
  };
  // Names are checked against each service's rules when constructs compute them; the namer
  // rejects a platform or environment that would make them invalid at the first name.
  const naming = new ResourceNamer({
    platform: props.platform,
    environment: props.environment,
    accountId: props.accountId,
    project: props.project,
  });
  return {
    platform: { name: props.platform },
    environment,
    accountId: environment.accountId,
    region: environment.region,
    naming,
    projectName: props.project,
    protect: (resource) => protectResource(environment, resource),
  };
}

/** The region of the stack's only AwsProvider without an alias, when it names one literally. */
function providerRegion(stack: TerraformStack): string | undefined {
  const providers = stack.node
    .findAll()
    .filter((construct): construct is AwsProvider => construct instanceof AwsProvider)
    .filter((provider) => !provider.alias);
  return providers.length === 1 ? providers[0].region : undefined;
}

/** Sets `prevent_destroy` on a stateful resource when the environment asks for it (production). */
export function protectResource<T extends TerraformResource>(
  environment: Pick<StackEnvironment, 'preventDestroy'>,
  resource: T,
): T {
  if (environment.preventDestroy) {
    resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  }
  return resource;
}
