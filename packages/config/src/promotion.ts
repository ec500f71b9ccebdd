import { chainPosition } from './chain';
import type { EnvironmentDefinition, PlatformConfiguration } from './types';

/**
 * Names and ARNs of the promotion plumbing (ARCHITECTURE.md section 8), derived from
 * configuration alone so that one account's stacks can refer to another account's resources
 * without a data source, and the tools and the diagram agree with the stacks.
 */
export const MODEL_APPROVAL_EVENT = {
  source: 'aws.sagemaker',
  detailType: 'SageMaker Model Package State Change',
  approvedStatus: 'Approved',
} as const;

/** Name parts of the forwarding rule (and its role and queue) and of the GitHub dispatch. */
export const PROMOTION_FORWARDER_PURPOSE = 'forward-approvals';
export const PROMOTION_DISPATCH_PURPOSE = 'github-dispatch';

/** The `repository_dispatch` event type that starts promote.yml. */
export const PROMOTION_DISPATCH_EVENT = 'model-approved';

const prefix = (config: PlatformConfiguration, environment: EnvironmentDefinition) =>
  `${config.platform.name}-${environment.name}`;

export function promotionBusName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string {
  return `${prefix(config, environment)}-promotion`;
}

export function promotionBusArn(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string {
  return `arn:aws:events:${environment.region}:${environment.accountId}:event-bus/${promotionBusName(config, environment)}`;
}

/** Role names of an environment's account: `<platform>-<env>-<purpose>`. */
export function platformRoleName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
  purpose: 'promotion' | 'github-deploy' | 'github-plan',
): string {
  return `${prefix(config, environment)}-${purpose}`;
}

export function platformRoleArn(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
  purpose: 'promotion' | 'github-deploy' | 'github-plan',
): string {
  return `arn:aws:iam::${environment.accountId}:role/${platformRoleName(config, environment, purpose)}`;
}

export function modelPackageGroupArn(environment: EnvironmentDefinition, group: string): string {
  return `arn:aws:sagemaker:${environment.region}:${environment.accountId}:model-package-group/${group}`;
}

/** Versions of a group's packages: `model-package/<group>/<version>`. */
export function modelPackagesArn(environment: EnvironmentDefinition, group: string): string {
  return `arn:aws:sagemaker:${environment.region}:${environment.accountId}:model-package/${group}/*`;
}

/** The ML bucket of a project, as the foundation app names it. */
export function mlBucketName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
  project: string,
): string {
  return `${prefix(config, environment)}-${project}-ml-${environment.accountId}`;
}

/** Every hop of the chain, in order: from -> to. */
export function promotionHops(
  config: PlatformConfiguration,
): { from: EnvironmentDefinition; to: EnvironmentDefinition }[] {
  return config.platform.promotionChain.flatMap((name) => {
    const { previous } = chainPosition(config, name);
    const to = config.environments.find((environment) => environment.name === name);
    return previous && to ? [{ from: previous, to }] : [];
  });
}

/** The workflow file (under `.github/workflows/`) that `repository_dispatch` starts, one job per environment. */
export const PROMOTION_WORKFLOW = 'promote.yml';

/** The rule on the default bus that forwards approvals to the next promotion bus, and its role (EventForwarder purpose `forward-approvals`). */
export function promotionForwarderName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string {
  return `${prefix(config, environment)}-${PROMOTION_FORWARDER_PURPOSE}`;
}

/** The dead-letter queue of the forwarding rule (DeadLetterQueue: `<purpose>-dlq`). */
export function promotionForwarderQueueName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string {
  return `${promotionForwarderName(config, environment)}-dlq`;
}

/** The rule on the promotion bus that calls GitHub, its API destination, connection and role (GithubDispatch purpose `github-dispatch`). */
export function promotionDispatchName(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): string {
  return `${prefix(config, environment)}-${PROMOTION_DISPATCH_PURPOSE}`;
}
