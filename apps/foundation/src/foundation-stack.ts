import {
  chainPosition,
  INFERENCE_BLUEPRINTS,
  inferenceHostName,
  managedBlueprintsToEnable,
  PLATFORM_KEY_PURPOSE,
  platformRoleArn,
} from '@genai-sandbox/config';
import {
  addOutput,
  FOUNDATION_INPUTS,
  type FoundationInput,
  PlatformStack,
  type StackContext,
} from '@genai-sandbox/core';
import { PlatformVpc } from '@genai-sandbox/networking';
import {
  type IPermissionsBoundary,
  PermissionsBoundary,
  PlatformKey,
} from '@genai-sandbox/security';
import { ManagedBlueprintEnablement } from '@genai-sandbox/smus';
import { AccessLogBucket, MlBucket } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { ApiGatewayAccountSettings } from './api-gateway-account';
import { BedrockAccount } from './bedrock-account';
import { InferenceDomain } from './inference-domain';
import { FoundationObservability } from './observability';
import { DataLakeSettings } from './data-lake-settings';
import { PromotionPlumbing } from './promotion-plumbing';

export const FOUNDATION_APP = 'foundation';

/**
 * Per-account shared infrastructure, deployed first in every environment, after the bootstrap app
 * (docs/architecture.md#deployment-order): the platform KMS key, the private VPC with its
 * endpoints and flow logs, the S3 access-log bucket, and one ML bucket per configured project.
 */
export class FoundationStack extends PlatformStack {
  readonly boundary: IPermissionsBoundary;
  readonly platformKey: PlatformKey;
  readonly network: PlatformVpc;
  readonly accessLogs: AccessLogBucket;
  readonly mlBuckets: ReadonlyMap<string, MlBucket>;
  readonly promotion: PromotionPlumbing;
  readonly observability: FoundationObservability;
  readonly bedrock: BedrockAccount;
  readonly dataLake: DataLakeSettings;
  readonly apiGateway: ApiGatewayAccountSettings;
  /** The host of each project with an inference blueprint, when `blueprints.inferenceDomain` is set. */
  readonly inferenceDomains: ReadonlyMap<string, InferenceDomain>;
  /** SageMaker Unified Studio's managed blueprints, where the domain's projects deploy. */
  readonly smusBlueprints?: ManagedBlueprintEnablement;

  constructor(scope: Construct, context: StackContext) {
    super(scope, { ...context, app: FOUNDATION_APP });
    const { config, environment } = context;
    // The next environment's promotion role reads this environment's model artifacts.
    const next = chainPosition(config, environment.name).next;
    const downstreamRole = next && platformRoleArn(config, next, 'promotion');

    // Created by the bootstrap app, which runs first: roles cannot be created before their boundary.
    this.boundary = PermissionsBoundary.ofEnvironment(this);
    this.platformKey = new PlatformKey(this, 'PlatformKey', {
      purpose: PLATFORM_KEY_PURPOSE,
      description: `GenAI sandbox ${environment.name}: S3, SageMaker, Bedrock and CloudWatch Logs data`,
      allowS3ServerAccessLogs: true,
      allowEventBridge: true,
      allowAlarmNotifications: true,
      downstreamAccountIds: next ? [next.accountId] : [],
      downstreamPrincipalArns: downstreamRole ? [downstreamRole] : [],
    });
    this.network = new PlatformVpc(this, 'Network', {
      cidr: environment.network.vpcCidr,
      availabilityZones: environment.availabilityZones,
      internetEgress: environment.network.internetEgress,
      interfaceEndpoints: environment.network.interfaceEndpoints,
      flowLogRetentionDays: environment.network.flowLogRetentionDays,
      encryptionKey: this.platformKey,
      permissionsBoundary: this.boundary,
    });
    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      encryptionKey: this.platformKey,
      retentionDays: environment.logRetentionDays,
    });
    const buckets = new Map<string, MlBucket>();
    for (const project of environment.projects) {
      buckets.set(
        project.name,
        new MlBucket(this, `MlBucket-${project.name}`, {
          project: project.name,
          encryptionKey: this.platformKey,
          accessLogBucket: this.accessLogs,
          modelArtifactReaders: downstreamRole ? [downstreamRole] : [],
        }),
      );
    }
    this.mlBuckets = buckets;
    this.promotion = new PromotionPlumbing(this, 'Promotion', {
      config,
      environment,
      encryptionKey: this.platformKey,
      permissionsBoundary: this.boundary,
    });
    this.observability = new FoundationObservability(this, 'Observability', {
      encryptionKey: this.platformKey,
      deadLetterQueueNames: [this.promotion.forwarder, this.promotion.dispatch].flatMap((source) =>
        source ? [source.deadLetterQueue.queueName] : [],
      ),
    });
    this.bedrock = new BedrockAccount(this, 'Bedrock', {
      network: this.network,
      platformKey: this.platformKey,
      permissionsBoundary: this.boundary,
    });
    // In every environment, not only where a profile includes data-preprocessing: the settings
    // are account-wide and owned whole by this resource, and removing it when the last such
    // project goes would empty the account's administrator list (DataLakeSettings).
    this.dataLake = new DataLakeSettings(this, 'DataLake', {
      deployRoleArn: platformRoleArn(config, environment, 'github-deploy'),
      administrators: environment.lakeFormation.administrators,
    });
    // In every environment: the setting is account-wide, like the data lake settings, and the
    // inference blueprints' API stages cannot log without it.
    this.apiGateway = new ApiGatewayAccountSettings(this, 'ApiGateway', {
      permissionsBoundary: this.boundary,
    });
    // One host per project with an inference blueprint, before any blueprint maps its API there.
    const domain = environment.blueprints.inferenceDomain;
    this.inferenceDomains = new Map(
      domain
        ? environment.projects
            .filter((project) =>
              (config.platform.profiles[project.profile]?.blueprints ?? []).some((blueprint) =>
                (INFERENCE_BLUEPRINTS as readonly string[]).includes(blueprint),
              ),
            )
            .map((project) => [
              project.name,
              new InferenceDomain(this, `InferenceDomain-${project.name}`, {
                host: inferenceHostName(domain, project.name),
                hostedZoneId: domain.hostedZoneId,
              }),
            ])
        : [],
    );
    const smus = managedBlueprintsToEnable(config, environment.name);
    if (smus) {
      this.smusBlueprints = new ManagedBlueprintEnablement(this, 'SmusBlueprints', {
        ...smus,
        provisioningRoleArn: platformRoleArn(config, environment, 'smus-provisioning'),
        regions: [environment.region],
        network: { vpcId: this.network.vpcId, subnetIds: this.network.privateSubnetIds },
      });
    }
    this.declareOutputs();
  }

  private declareOutputs(): void {
    // Every input other stacks consume (FOUNDATION_INPUTS), named and described once in core: a
    // new input without its value here does not compile.
    const inputs: Record<FoundationInput, unknown> = {
      vpcId: this.network.vpcId,
      privateSubnetIds: this.network.privateSubnetIds,
      workloadSecurityGroupId: this.network.workloadSecurityGroupId,
      platformKeyArn: this.platformKey.keyArn,
    };
    for (const [input, value] of Object.entries(inputs) as [FoundationInput, unknown][]) {
      const { name, description } = FOUNDATION_INPUTS[input];
      addOutput(this, name, { value, description });
    }
    addOutput(this, 'platform_key_alias', {
      value: this.platformKey.aliasName,
      description: 'Alias of the platform KMS key',
    });
    addOutput(this, 'permissions_boundary_arn', {
      value: this.boundary.policyArn,
      description: 'Permissions boundary every platform role must carry',
    });
    addOutput(this, 'access_log_bucket_name', {
      value: this.accessLogs.bucketName,
      description: 'Bucket receiving S3 server access logs',
    });
    addOutput(this, 'ml_bucket_names', {
      value: Object.fromEntries(
        [...this.mlBuckets].map(([project, bucket]) => [project, bucket.bucketName]),
      ),
      description: 'ML bucket of each project, by project name',
    });
    addOutput(this, 'model_package_group_arns', {
      value: Object.fromEntries(
        this.promotion.modelPackageGroups.map((group) => [group.groupName, group.groupArn]),
      ),
      description: 'SageMaker model package group of each platform group, by name',
    });
    addOutput(this, 'container_repository_names', {
      value: this.promotion.containerRepositories.map((repository) => repository.repositoryName),
      description: 'ECR repositories for serving containers, one per model package group',
    });
    addOutput(this, 'alarm_topic_arn', {
      value: this.observability.alarmTopic.topicArn,
      description: 'SNS topic that every alarm, failed-job rule and budget of the account notifies',
    });
    addOutput(this, 'dashboard_name', {
      value: this.observability.dashboard.dashboardName,
      description: 'The unified CloudWatch dashboard of the environment',
    });
    if (this.bedrock.vectorStores) {
      addOutput(this, 'aoss_vpc_endpoint_id', {
        value: this.bedrock.vectorStores.endpointId,
        description:
          'OpenSearch Serverless VPC endpoint the Bedrock projects reach their collections through',
      });
    }
    addOutput(this, 'bedrock_invocation_log_group', {
      value: this.bedrock.invocationLogging.logGroup.logGroupName,
      description: 'Log group receiving Bedrock model invocation logs of the account',
    });
    addOutput(this, 'data_lake_admin_arns', {
      value: this.dataLake.admins,
      description: 'Lake Formation data lake administrators of the account (the whole list)',
    });
    if (this.promotion.bus) {
      addOutput(this, 'promotion_bus_arn', {
        value: this.promotion.bus.busArn,
        description: 'Event bus receiving approvals from the previous environment',
      });
    }
    if (this.promotion.promotionRole) {
      addOutput(this, 'promotion_role_arn', {
        value: this.promotion.promotionRole.roleArn,
        description:
          'Role that platform promote assumes to copy an approved model into this environment',
      });
    }
  }
}
