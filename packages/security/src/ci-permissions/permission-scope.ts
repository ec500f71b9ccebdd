import { chainPosition, platformRoleArn, SHARED_SERVICES_ENVIRONMENT } from '@genai-sandbox/config';
import type { PlatformStack } from '@genai-sandbox/core';

/**
 * What the CI roles' policies are scoped to: the environment's names, its account and region, and
 * the bootstrap resources they must read, write or leave alone.
 */
export interface PermissionScope {
  readonly platform: string;
  readonly environment: string;
  readonly accountId: string;
  readonly region: string;
  /**
   * `<platform>-<env>`: the naming helper starts every physical name of the environment with it,
   * so `<prefix>-*` covers exactly what the platform's stacks create.
   */
  readonly prefix: string;
  readonly stateBucketName: string;
  readonly stateAccessLogBucketName: string;
  /** A reference to the state key's ARN (resolved at apply time). */
  readonly stateKeyArn: string;
  readonly permissionsBoundaryArn: string;
  /** Model package groups of the platform; named by configuration, without the environment. */
  readonly modelPackageGroups: readonly string[];
  /**
   * The promotion role the deploy role chains into, in environments that receive promotions (all
   * but the first of the chain); the foundation app creates it only there.
   */
  readonly promotionRoleArn?: string;
  /**
   * The observability sink foundation links the account to (platform.json
   * sharedServices.oamSinkArn), or every sink of the shared-services account in this region
   * before the sink exists: oam:CreateLink authorises on the sink.
   */
  readonly observabilitySinkArn: string;
  /**
   * The Route 53 zone of the inference hosts (`blueprints.inferenceDomain`), when configured:
   * the only zone whose records the deploy role changes, and only under its name.
   */
  readonly inferenceZone?: { readonly hostedZoneId: string; readonly zoneName: string };
  /**
   * Whether SageMaker Unified Studio projects deploy into this account
   * (sharedServices.domain.projectEnvironments): foundation then enables the managed blueprints.
   */
  readonly hostsSmusProjects: boolean;
  /**
   * The SageMaker Unified Studio project roles of the environment's projects (`smusProjectRoleArn`):
   * the blueprint stacks attach their grants to them, and nothing else is done to these roles.
   */
  readonly projectRoleArns: readonly string[];
  /**
   * Whether this is the shared-services account (platform.json sharedServices), whose stack holds
   * the observability sink, the SMUS domain and the project orchestration rather than an
   * environment's network, buckets and blueprints.
   */
  readonly sharedServices: boolean;
  /**
   * In the shared-services account, when the SMUS domain signs in through IAM Identity Center:
   * the instance configuration names, if any (DataZone registers an application there).
   */
  readonly smusSingleSignOn?: { readonly instanceArn?: string };
  /**
   * Roles the bootstrap stack creates outside the permissions boundary (SageMaker Unified
   * Studio's, which need their AWS managed policies whole), with the one service each is for:
   * the boundary denies every change to them and passing them to any other service.
   */
  readonly administeredRoles: readonly AdministeredRole[];
}

/** A role created outside the boundary, and the service principal it is passed to. */
export interface AdministeredRole {
  readonly name: string;
  readonly service: string;
}

export function permissionScope(
  stack: PlatformStack,
  resources: Pick<
    PermissionScope,
    | 'stateBucketName'
    | 'stateAccessLogBucketName'
    | 'stateKeyArn'
    | 'permissionsBoundaryArn'
    | 'administeredRoles'
  >,
): PermissionScope {
  const { platform, environment } = stack.naming.context;
  const receivesPromotions = chainPosition(stack.config, environment).previous !== undefined;
  return {
    platform,
    environment,
    accountId: stack.accountId,
    region: stack.region,
    prefix: stack.naming.prefix,
    modelPackageGroups: stack.config.platform.modelPackageGroups.map((group) => group.name),
    promotionRoleArn: receivesPromotions
      ? platformRoleArn(stack.config, stack.environment, 'promotion')
      : undefined,
    observabilitySinkArn:
      stack.config.platform.sharedServices?.oamSinkArn ??
      `arn:aws:oam:${stack.region}:${stack.config.platform.sharedServicesAccountId}:sink/*`,
    inferenceZone: stack.environment.blueprints.inferenceDomain,
    hostsSmusProjects:
      stack.config.platform.sharedServices?.domain?.projectEnvironments.includes(environment) ??
      false,
    projectRoleArns: projectRoleArns(stack.environment),
    sharedServices: environment === SHARED_SERVICES_ENVIRONMENT,
    smusSingleSignOn: smusSingleSignOn(stack, environment),
    ...resources,
  };
}

/** The project roles an environment's projects name, each once, sorted. */
export function projectRoleArns(environment: {
  readonly projects: readonly { readonly smusProjectRoleArn?: string }[];
}): string[] {
  const arns = environment.projects.map((project) => project.smusProjectRoleArn);
  return [...new Set(arns.filter((arn): arn is string => Boolean(arn)))].sort();
}

function smusSingleSignOn(
  stack: PlatformStack,
  environment: string,
): PermissionScope['smusSingleSignOn'] {
  const singleSignOn = stack.config.platform.sharedServices?.domain?.singleSignOn;
  if (environment !== SHARED_SERVICES_ENVIRONMENT || singleSignOn?.type !== 'IAM_IDC')
    return undefined;
  return singleSignOn.idcInstanceArn ? { instanceArn: singleSignOn.idcInstanceArn } : {};
}

/** `arn:aws:s3:::<bucket>`: bucket ARNs carry neither account nor region. */
export const bucketArn = (name: string): string => `arn:aws:s3:::${name}`;

/** `arn:aws:<service>:<region>:<account>:<resource>` in the scope's account and region. */
export const regionalArn = (scope: PermissionScope, service: string, resource: string): string =>
  `arn:aws:${service}:${scope.region}:${scope.accountId}:${resource}`;

/** `arn:aws:iam::<account>:<resource>`: IAM is global. */
export const iamArn = (scope: PermissionScope, resource: string): string =>
  `arn:aws:iam::${scope.accountId}:${resource}`;
