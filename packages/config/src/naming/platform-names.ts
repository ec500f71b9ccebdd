import type { EnvironmentDefinition } from '../types';
import { type NamedEnvironment, type NamedPlatform, ResourceNamer } from './namer';

/**
 * Names and ARNs that more than one place needs: the stack that creates a resource, the stacks of
 * other projects or accounts that refer to it without a data source, and the tools and the
 * diagram. Each is derived from configuration alone, through ResourceNamer, so it is checked
 * against its service's rules and computed in this one module.
 */

/** The namer of an environment's account (`<platform>-<env>-...`), or of a project in it. */
export function environmentNamer(
  config: NamedPlatform,
  environment: NamedEnvironment,
  project?: string,
): ResourceNamer {
  return new ResourceNamer({
    platform: config.platform.name,
    environment: environment.name,
    accountId: environment.accountId,
    project,
  });
}

/**
 * `<app>-<env>` for account stacks, `<app>-<project>-<env>` for project stacks: the construct ID
 * of the stack, its state key and its output directory.
 */
export function stackName(app: string, environment: string, project?: string): string {
  return [app, project, environment].filter(Boolean).join('-');
}

// --- KMS -----------------------------------------------------------------------------------------

/** The purpose the foundation app gives its key: alias `alias/<platform>-<env>-platform`. */
export const PLATFORM_KEY_PURPOSE = 'platform';
/** The purpose the bootstrap app gives the state key: alias `alias/<platform>-<env>-state`. */
export const STATE_KEY_PURPOSE = 'state';

/** `alias/<platform>-<env>-platform`: one platform key per account, made by the foundation app. */
export function platformKeyAliasName(config: NamedPlatform, environment: NamedEnvironment): string {
  return environmentNamer(config, environment).kmsAlias(PLATFORM_KEY_PURPOSE);
}

/** `arn:aws:kms:<region>:<account>:alias/<platform>-<env>-platform`: the ML buckets' key. */
export function platformKeyAliasArn(config: NamedPlatform, environment: NamedEnvironment): string {
  return kmsAliasArn(environment.region, environment, platformKeyAliasName(config, environment));
}

/** `alias/<platform>-<env>-state`: the key of the Terraform state, made by the bootstrap app. */
export function stateKeyAliasName(config: NamedPlatform, environment: NamedEnvironment): string {
  return environmentNamer(config, environment).kmsAlias(STATE_KEY_PURPOSE);
}

/**
 * The state key's alias ARN, in the state backend's region. The backend names it unless
 * configuration names another key: the state bucket refuses objects under other keys, and the S3
 * backend with `encrypt` but no key would ask for SSE-S3.
 */
export function stateKeyAliasArn(
  config: NamedPlatform,
  environment: EnvironmentDefinition,
): string {
  const region = environment.stateBackend.region ?? environment.region;
  return kmsAliasArn(region, environment, stateKeyAliasName(config, environment));
}

/**
 * `arn:aws:kms:<region>:<account>:key/*`: every key of an environment's account. Key IDs are
 * random, so statements name this and narrow it with a `kms:ResourceAliases` or `kms:ViaService`
 * condition.
 */
export function kmsKeyArnPattern(environment: NamedEnvironment): string {
  return `arn:aws:kms:${environment.region}:${environment.accountId}:key/*`;
}

/** `arn:aws:kms:<region>:<account>:alias/...`: a KMS alias of an environment's account. */
export function kmsAliasArn(
  region: string,
  environment: Pick<NamedEnvironment, 'accountId'>,
  alias: string,
): string {
  return `arn:aws:kms:${region}:${environment.accountId}:${alias}`;
}

// --- S3 ------------------------------------------------------------------------------------------

/** The ML bucket of a project: `<platform>-<env>-<project>-ml-<account>`. */
export function mlBucketName(
  config: NamedPlatform,
  environment: NamedEnvironment,
  project: string,
): string {
  return environmentNamer(config, environment, project).bucketName('ml');
}

export function mlBucketArn(
  config: NamedPlatform,
  environment: NamedEnvironment,
  project: string,
): string {
  return `arn:aws:s3:::${mlBucketName(config, environment, project)}`;
}

/**
 * `arn:aws:s3:::<platform>-<env>-*-ml-<account>`: the ML buckets of every project of an
 * environment, for policies whose size must not grow with the number of projects.
 */
export function mlBucketArnPattern(config: NamedPlatform, environment: NamedEnvironment): string {
  return `arn:aws:s3:::${environmentNamer(config, environment).prefix}-*-ml-${environment.accountId}`;
}

/** `arn:aws:s3:::<platform>-<env>-*`: every platform bucket of an environment (the access-log sources). */
export function platformBucketArnPattern(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return `arn:aws:s3:::${environmentNamer(config, environment).prefix}-*`;
}

// --- IAM -----------------------------------------------------------------------------------------

/**
 * Roles other accounts, workflows or tools name: `promotion` (foundation: `platform promote`
 * works as it), `github-deploy` and `github-plan` (bootstrap: GitHub Actions), `smus-provisioning`
 * (bootstrap: SageMaker Unified Studio deploys managed blueprints as it; foundation names it),
 * `smus-domain-execution` and `smus-domain-service` (bootstrap of the shared-services account:
 * the SMUS domain's roles; shared-services names them). A new purpose joins this list, so its
 * name is computed here for every caller.
 */
export const PLATFORM_ROLE_PURPOSES = [
  'promotion',
  'github-deploy',
  'github-plan',
  'smus-provisioning',
  'smus-domain-execution',
  'smus-domain-service',
] as const;
export type PlatformRolePurpose = (typeof PLATFORM_ROLE_PURPOSES)[number];

/** Role names of an environment's account: `<platform>-<env>-<purpose>`. */
export function platformRoleName(
  config: NamedPlatform,
  environment: NamedEnvironment,
  purpose: PlatformRolePurpose,
): string {
  return environmentNamer(config, environment).name('iam-role', purpose);
}

export function platformRoleArn(
  config: NamedPlatform,
  environment: NamedEnvironment,
  purpose: PlatformRolePurpose,
): string {
  return `arn:aws:iam::${environment.accountId}:role/${platformRoleName(config, environment, purpose)}`;
}

/** `<platform>-<env>-permissions-boundary`: one per account, named without a project. */
export function permissionsBoundaryName(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return environmentNamer(config, environment).name('iam-policy', 'permissions-boundary');
}

// --- Promotion (EventBridge, SQS) ----------------------------------------------------------------

/** Name parts of the forwarding rule (and its role and queue) and of the GitHub dispatch. */
export const PROMOTION_FORWARDER_PURPOSE = 'forward-approvals';
export const PROMOTION_DISPATCH_PURPOSE = 'github-dispatch';

export function promotionBusName(config: NamedPlatform, environment: NamedEnvironment): string {
  return environmentNamer(config, environment).name('event-bus', 'promotion');
}

export function promotionBusArn(config: NamedPlatform, environment: NamedEnvironment): string {
  return `arn:aws:events:${environment.region}:${environment.accountId}:event-bus/${promotionBusName(config, environment)}`;
}

/** The rule on the default bus that forwards approvals to the next promotion bus, and its role (EventForwarder purpose `forward-approvals`). */
export function promotionForwarderName(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return environmentNamer(config, environment).name(
    'eventbridge-rule',
    PROMOTION_FORWARDER_PURPOSE,
  );
}

/** The dead-letter queue of the forwarding rule (DeadLetterQueue: `<purpose>-dlq`). */
export function promotionForwarderQueueName(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return environmentNamer(config, environment).name(
    'sqs-queue',
    PROMOTION_FORWARDER_PURPOSE,
    'dlq',
  );
}

/** The rule on the promotion bus that calls GitHub, its API destination, connection and role (GithubDispatch purpose `github-dispatch`). */
export function promotionDispatchName(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return environmentNamer(config, environment).name('eventbridge-rule', PROMOTION_DISPATCH_PURPOSE);
}

/** The dead-letter queue of the GitHub dispatch rule. */
export function promotionDispatchQueueName(
  config: NamedPlatform,
  environment: NamedEnvironment,
): string {
  return environmentNamer(config, environment).name('sqs-queue', PROMOTION_DISPATCH_PURPOSE, 'dlq');
}

// --- SageMaker registry, ECR ---------------------------------------------------------------------

export function modelPackageGroupArn(environment: NamedEnvironment, group: string): string {
  return `arn:aws:sagemaker:${environment.region}:${environment.accountId}:model-package-group/${group}`;
}

/** Versions of a group's packages: `model-package/<group>/<version>`. */
export function modelPackagesArn(environment: NamedEnvironment, group: string): string {
  return `arn:aws:sagemaker:${environment.region}:${environment.accountId}:model-package/${group}/*`;
}

/** The ECR repository of a model package group's serving and training images (foundation). */
export function containerRepositoryName(
  config: NamedPlatform,
  environment: NamedEnvironment,
  group: string,
): string {
  return environmentNamer(config, environment).name('ecr-repository', group.toLowerCase());
}

export function containerRepositoryArn(
  config: NamedPlatform,
  environment: NamedEnvironment,
  group: string,
): string {
  return `arn:aws:ecr:${environment.region}:${environment.accountId}:repository/${containerRepositoryName(config, environment, group)}`;
}

/** `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>`. */
export function containerImageUri(
  config: NamedPlatform,
  environment: NamedEnvironment,
  group: string,
  tag: string,
): string {
  return `${environment.accountId}.dkr.ecr.${environment.region}.amazonaws.com/${containerRepositoryName(config, environment, group)}:${tag}`;
}
