import {
  deployRoleWorkflows,
  githubEnvironmentName,
  type PlatformRolePurpose,
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesStackName,
  STATE_KEY_PURPOSE,
} from '@genai-sandbox/config';
import {
  addOutput,
  PlatformStack,
  type StackContext,
  suppressPolicyRule,
} from '@genai-sandbox/core';
import {
  boundaryProtections,
  deployInlineStatements,
  deployManagedStatements,
  GithubOidcProvider,
  GithubOidcRole,
  ManagedPolicy,
  type PermissionScope,
  permissionScope,
  PermissionsBoundary,
  planRoleDenies,
  PlatformKey,
  readOnlyStatements,
  SHARED_SERVICES_ACCOUNT_SERVICES,
  stateLockStatements,
  stateReadStatements,
} from '@genai-sandbox/security';
import { DATAZONE_SERVICE, DataZoneRole, SmusDomainRoles } from '@genai-sandbox/smus';
import { TerraformStateBucket } from '@genai-sandbox/storage';
import { dependable, type TerraformResource } from 'cdktf';
import type { Construct } from 'constructs';

export const BOOTSTRAP_APP = 'bootstrap';

export const DEPLOY_BRANCH = 'main';

/**
 * What must exist in an account before anything else, applied once by an administrator with the
 * account's own credentials (README): the permissions boundary every role carries, the Terraform
 * state bucket with its key, the GitHub OIDC provider, and the two roles GitHub Actions assume:
 * `<platform>-<env>-github-plan` (read-only, pull requests and main) and
 * `<platform>-<env>-github-deploy` (the environment's GitHub environment, and of main only the
 * workflows that assume it there: deploy.yml, and promote.yml where promotions arrive).
 *
 * One stack per environment and one in the shared-services account, `bootstrap-shared-services`
 * (environment `shared`, GitHub environment `shared-services`), whose deploy role applies the
 * shared-services stack and which also holds the SMUS domain's roles.
 */
export class BootstrapStack extends PlatformStack {
  readonly boundary: PermissionsBoundary;
  readonly stateKey: PlatformKey;
  readonly state: TerraformStateBucket;
  readonly oidcProvider: GithubOidcProvider;
  readonly planRole: GithubOidcRole;
  readonly deployRole: GithubOidcRole;
  readonly readOnlyPolicies: readonly ManagedPolicy[];
  readonly deployPolicies: readonly ManagedPolicy[];
  readonly permissionScope: PermissionScope;
  /**
   * The role SageMaker Unified Studio provisions managed blueprints as, in the environments its
   * projects deploy into (platform.json sharedServices.domain.projectEnvironments).
   */
  readonly smusProvisioningRole?: DataZoneRole;
  /**
   * The SMUS domain's execution and service roles, in the shared-services account when
   * platform.json configures sharedServices.domain; the shared-services stack names them.
   */
  readonly smusDomainRoles?: SmusDomainRoles;

  constructor(scope: Construct, context: StackContext) {
    const shared = context.environment.name === SHARED_SERVICES_ENVIRONMENT;
    super(scope, {
      ...context,
      app: BOOTSTRAP_APP,
      ...(shared ? { stackName: sharedServicesStackName(BOOTSTRAP_APP) } : {}),
    });
    const { environment, config } = context;
    const backend = environment.stateBackend;
    // Configuration refuses a state backend outside the environment's region (cross-checks).

    this.stateKey = new PlatformKey(this, 'StateKey', {
      purpose: STATE_KEY_PURPOSE,
      description: `GenAI sandbox ${environment.name}: Terraform state and its access logs`,
      allowCloudWatchLogs: false,
      allowS3ServerAccessLogs: true,
    });
    this.state = new TerraformStateBucket(this, 'State', {
      bucketName: backend.bucket,
      encryptionKey: this.stateKey,
    });
    // Losing the state key loses the state: protected in every environment, like the bucket.
    protectAlways(this.stateKey.resource);

    this.oidcProvider = new GithubOidcProvider(this, 'GithubOidcProvider');
    // Created here, by an administrator: they need the AWS managed policies whole, beyond the
    // boundary, and the deploy role may create bounded roles only. The boundary below denies
    // every change to them; foundation and shared-services name them.
    if (
      !shared &&
      config.platform.sharedServices?.domain?.projectEnvironments.includes(environment.name)
    ) {
      this.smusProvisioningRole = new DataZoneRole(
        this,
        'SmusProvisioningRole',
        'provisioning',
        config.platform.sharedServicesAccountId,
      );
    }
    if (shared && config.platform.sharedServices?.domain)
      this.smusDomainRoles = new SmusDomainRoles(this, 'SmusDomainRoles');
    const administeredRoles = [
      this.smusProvisioningRole,
      this.smusDomainRoles?.executionRole,
      this.smusDomainRoles?.serviceRole,
    ].filter((role) => role !== undefined);
    this.permissionScope = permissionScope(this, {
      stateBucketName: backend.bucket,
      stateAccessLogBucketName: this.state.accessLogBucketName,
      stateKeyArn: this.stateKey.keyArn,
      // The ARN the boundary below gets: its protections name the boundary itself.
      permissionsBoundaryArn: PermissionsBoundary.ofEnvironment(this).policyArn,
      // DataZone's roles, for DataZone only.
      administeredRoles: administeredRoles.map((role) => ({
        name: role.roleName,
        service: DATAZONE_SERVICE,
      })),
    });
    // The protections of what this stack owns live in the boundary, so every role created under
    // it carries them, not only the deploy role.
    this.boundary = new PermissionsBoundary(this, 'PermissionsBoundary', {
      denies: boundaryProtections(this.permissionScope, this.stateKey.aliasName),
      additionalBucketNames: [backend.bucket],
      ...(shared ? { allowedServices: SHARED_SERVICES_ACCOUNT_SERVICES } : {}),
    });
    const repository = `${config.platform.github.organization}/${config.platform.github.repository}`;
    const workflows = deployRoleWorkflows(config, environment.name);
    const githubEnvironment = githubEnvironmentName(environment.name);

    this.planRole = new GithubOidcRole(this, 'PlanRole', {
      purpose: 'github-plan' satisfies PlatformRolePurpose,
      description: `GitHub Actions plans of ${repository} (pull requests and ${DEPLOY_BRANCH}) in ${environment.name}: read-only, state read and lock`,
      providerArn: this.oidcProvider.providerArn,
      repository,
      subjects: [{ pullRequests: true }, { branch: DEPLOY_BRANCH }],
      permissionsBoundary: this.boundary,
      statements: [
        ...stateReadStatements(this.permissionScope),
        ...stateLockStatements(this.permissionScope),
        ...planRoleDenies(this.permissionScope),
      ],
    });
    this.deployRole = new GithubOidcRole(this, 'DeployRole', {
      purpose: 'github-deploy' satisfies PlatformRolePurpose,
      description: `GitHub Actions deployments of ${repository} in the ${githubEnvironment} environment (${workflows.join(' and ')} of ${DEPLOY_BRANCH})`,
      providerArn: this.oidcProvider.providerArn,
      repository,
      subjects: [{ environment: githubEnvironment }],
      // Only the workflows with a job that assumes this role here (job_workflow_ref).
      jobWorkflowRefs: workflows.map(
        (workflow) => `${repository}/.github/workflows/${workflow}@refs/heads/${DEPLOY_BRANCH}`,
      ),
      permissionsBoundary: this.boundary,
      statements: deployInlineStatements(this.permissionScope),
    });

    // The roles name the boundary by its ARN, which carries no reference: without this, Terraform
    // could create a role before its boundary exists, and IAM would refuse it.
    for (const role of [this.planRole, this.deployRole]) {
      role.resource.dependsOn = [
        ...(role.resource.dependsOn ?? []),
        dependable(this.boundary.resource),
      ];
    }

    const reads = readOnlyStatements(this.permissionScope);
    this.readOnlyPolicies = [
      // The first keeps its construct ID, so the existing policy is updated, not replaced.
      new ManagedPolicy(this, 'ReadOnlyPolicy', {
        purpose: 'github-read-only',
        description: `Configuration reads for Terraform refresh in ${environment.name}: IAM, S3, KMS, logs, SageMaker, Glue; no data reads`,
        statements: reads['read-only'],
        roles: [this.planRole.resource, this.deployRole.resource],
      }),
      new ManagedPolicy(this, 'ReadOnlyPolicy-services', {
        purpose: 'github-read-only-services',
        description: `Configuration reads for Terraform refresh in ${environment.name}: the other services; no data reads`,
        statements: reads['read-only-services'],
        roles: [this.planRole.resource, this.deployRole.resource],
      }),
    ];
    this.deployPolicies = Object.entries(deployManagedStatements(this.permissionScope)).map(
      ([suffix, statements]) =>
        new ManagedPolicy(this, `DeployPolicy-${suffix}`, {
          purpose: `github-deploy-${suffix}`,
          description: `What the ${environment.name} deploy role manages: ${suffix} (name prefix and platform tag scoped)`,
          statements,
          roles: [this.deployRole.resource],
        }),
    );
    const guardrailCreate = this.deployPolicies.find((policy) =>
      policy.policyName.endsWith('-github-deploy-guardrail-create'),
    );
    if (guardrailCreate)
      suppressPolicyRule(
        guardrailCreate.resource,
        'iam-no-wildcard-resource-for-writes',
        'bedrock:CreateGuardrail lists only optional resource types (guardrail profile, automated reasoning policy) that the platform never names, so IAM authorises it on "*"; the aws:RequestTag/platform condition scopes it, and this policy holds that one statement.',
      );
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'permissions_boundary_arn', {
      value: this.boundary.policyArn,
      description: 'Permissions boundary every platform role must carry',
    });
    addOutput(this, 'state_bucket_name', {
      value: this.state.bucketName,
      description: 'S3 bucket holding the Terraform state of every stack of this environment',
    });
    addOutput(this, 'state_key_arn', {
      value: this.stateKey.keyArn,
      description:
        'KMS key of the state bucket; set it as stateBackend.kmsKeyId in environments/<env>.json',
    });
    addOutput(this, 'oidc_provider_arn', {
      value: this.oidcProvider.providerArn,
      description: 'IAM OIDC identity provider of GitHub Actions in this account',
    });
    addOutput(this, 'plan_role_arn', {
      value: this.planRole.roleArn,
      description: 'Read-only role GitHub Actions assumes for plans (pull requests and main)',
    });
    addOutput(this, 'deploy_role_arn', {
      value: this.deployRole.roleArn,
      description:
        'Role GitHub Actions assumes to deploy this environment (its GitHub environment, deploy and promote workflows of main)',
    });
  }
}

/**
 * `prevent_destroy` whatever the environment says. PlatformStack.protect follows the
 * environment's `preventDestroy` (production only); state and its key are never expendable.
 */
function protectAlways<T extends TerraformResource>(resource: T): T {
  resource.lifecycle = { ...resource.lifecycle, preventDestroy: true };
  return resource;
}
