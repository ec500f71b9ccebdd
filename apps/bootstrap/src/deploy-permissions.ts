import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, iamArn, type PermissionScope, regionalArn } from './permission-scope';
import { stateReadStatements, stateWriteStatements } from './state-permissions';

/**
 * What the GitHub deploy role may do: create, change and delete what the platform's stacks manage
 * in its environment's account, and nothing else. Never an administrator or PowerUser policy.
 *
 * How each service is scoped, in order of preference:
 * 1. by name: every physical name comes from the naming helper and starts with `<platform>-<env>-`
 *    (Glue databases with underscores, log groups as `/<platform>/<env>/...`), so ARNs end in
 *    `<prefix>-*`;
 * 2. by tag, where AWS gives resources random IDs (EC2, KMS keys, Bedrock, auto scaling targets):
 *    creating requires `aws:RequestTag/platform` = the platform name (the provider's default_tags
 *    send it), changing requires `aws:ResourceTag/platform`;
 * 3. `"Resource": "*"` only for actions the IAM catalogue says support nothing narrower (KMS
 *    CreateKey, Lake Formation grants, CloudWatch Logs deliveries, ...), with a condition where one
 *    exists.
 *
 * Everything runs inside the permissions boundary, which also caps these grants at the platform's
 * services and region.
 */

/** Services platform roles are passed to (iam:PassedToService); nothing that runs arbitrary compute elsewhere. */
export const PASS_ROLE_SERVICES = [
  'bedrock.amazonaws.com',
  'events.amazonaws.com',
  'glue.amazonaws.com',
  'lakeformation.amazonaws.com',
  'lambda.amazonaws.com',
  'sagemaker.amazonaws.com',
  'states.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
] as const;

/** Service-linked roles the platform's resources need the first time they are created in an account. */
export const SERVICE_LINKED_ROLE_SERVICES = [
  'lakeformation.amazonaws.com',
  'observability.aoss.amazonaws.com',
  'sagemaker.application-autoscaling.amazonaws.com',
] as const;

/** EC2 calls that create a resource; each must carry the platform tag (tag on create). */
export const EC2_CREATE_ACTIONS = [
  'ec2:AllocateAddress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateFlowLogs',
  'ec2:CreateInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:CreateRouteTable',
  'ec2:CreateSecurityGroup',
  'ec2:CreateSubnet',
  'ec2:CreateVpc',
  'ec2:CreateVpcEndpoint',
] as const;

/** EC2 calls on existing platform resources, including those that name one as a parent. */
const EC2_MANAGE_ACTIONS = [
  ...EC2_CREATE_ACTIONS,
  'ec2:AssociateRouteTable',
  'ec2:AttachInternetGateway',
  'ec2:CreateRoute',
  'ec2:CreateTags',
  'ec2:DeleteFlowLogs',
  'ec2:DeleteInternetGateway',
  'ec2:DeleteNatGateway',
  'ec2:DeleteRoute',
  'ec2:DeleteRouteTable',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteSubnet',
  'ec2:DeleteTags',
  'ec2:DeleteVpc',
  'ec2:DeleteVpcEndpoints',
  'ec2:DetachInternetGateway',
  'ec2:DisassociateAddress',
  'ec2:DisassociateRouteTable',
  'ec2:ModifySecurityGroupRules',
  'ec2:ModifySubnetAttribute',
  'ec2:ModifyVpcAttribute',
  'ec2:ModifyVpcEndpoint',
  'ec2:ReleaseAddress',
  'ec2:ReplaceRoute',
  'ec2:ReplaceRouteTableAssociation',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
  'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
];

const requestTagged = (scope: PermissionScope) => ({
  StringEquals: { 'aws:RequestTag/platform': scope.platform },
});
const resourceTagged = (scope: PermissionScope) => ({
  StringEquals: { 'aws:ResourceTag/platform': scope.platform },
});

/**
 * The role's inline policy: state access, role chaining into the promotion role, and the explicit
 * denies that keep the deploy role away from what the bootstrap stack owns. The denies live here,
 * in the role itself, so no managed policy can be detached to lift them.
 */
export function deployInlineStatements(scope: PermissionScope): PolicyStatement[] {
  const github = `${scope.prefix}-github-*`;
  const stateBucket = bucketArn(scope.stateBucketName);
  const logBucket = bucketArn(scope.stateAccessLogBucketName);
  return [
    ...stateReadStatements(scope),
    ...stateWriteStatements(scope),
    {
      // promote.yml chains from this role into the promotion role (created by the foundation app);
      // configure-aws-credentials tags the chained session, hence sts:TagSession.
      Sid: 'AssumePromotionRole',
      Effect: 'Allow',
      Action: ['sts:AssumeRole', 'sts:TagSession'],
      Resource: iamArn(scope, `role/${scope.prefix}-promotion`),
    },
    {
      // The CI roles, their policies, the boundary and the OIDC provider match the `<prefix>-*`
      // grants below, or are IAM's: a deploy role that could edit them could widen its own trust
      // or permissions. Only an administrator changes them, by applying this stack.
      Sid: 'DenyBootstrapIdentities',
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: [
        iamArn(scope, `role/${github}`),
        iamArn(scope, `policy/${github}`),
        scope.permissionsBoundaryArn,
        iamArn(scope, 'oidc-provider/*'),
      ],
    },
    {
      // The state key carries the platform tag, so the tag-based KMS grants would reach it: only
      // using it for state is left.
      Sid: 'DenyStateKeyAdministration',
      Effect: 'Deny',
      NotAction: [
        'kms:Decrypt',
        'kms:GenerateDataKey',
        'kms:DescribeKey',
        'kms:GetKeyPolicy',
        'kms:GetKeyRotationStatus',
        'kms:ListResourceTags',
      ],
      Resource: scope.stateKeyArn,
    },
    {
      // State objects may be written (StateWrite); the buckets' configuration, policies, versions
      // and access logs may not, whatever the `<prefix>-*` bucket grants say.
      Sid: 'DenyStateBucketAdministration',
      Effect: 'Deny',
      NotAction: ['s3:Get*', 's3:List*', 's3:PutObject', 's3:DeleteObject'],
      Resource: [stateBucket, `${stateBucket}/*`, logBucket, `${logBucket}/*`],
    },
    {
      Sid: 'DenyStateAccessLogWrites',
      Effect: 'Deny',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${logBucket}/*`,
    },
  ];
}

/**
 * Network and buckets: the foundation stack's VPC and the platform's buckets. One managed policy
 * (IAM caps each at 6,144 characters).
 */
export function deployNetworkStorageStatements(scope: PermissionScope): PolicyStatement[] {
  const ec2Resources = regionalArn(scope, 'ec2', '*');
  const platformBuckets = bucketArn(`${scope.prefix}-*`);
  return [
    {
      // New VPCs, subnets, route tables, security groups and their rules, endpoints, flow logs,
      // gateways and addresses must be tagged as the platform's when they are created. The
      // endpoint condition admits only endpoints to AWS services (the key exists on endpoints alone).
      Sid: 'Ec2CreateTagged',
      Effect: 'Allow',
      Action: [...EC2_CREATE_ACTIONS],
      Resource: ec2Resources,
      Condition: {
        ...requestTagged(scope),
        StringEqualsIfExists: { 'ec2:VpceServiceOwner': 'amazon' },
      },
    },
    {
      // Tagging is allowed during those creates only (tag on create), not on arbitrary resources.
      Sid: 'Ec2TagOnCreate',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: ec2Resources,
      Condition: {
        StringEquals: { 'ec2:CreateAction': [...EC2_CREATE_ACTIONS].map((a) => a.slice(4)) },
      },
    },
    {
      // Changing and deleting, and naming as parent (the VPC of a new subnet), platform resources only.
      Sid: 'Ec2ManageTagged',
      Effect: 'Allow',
      Action: EC2_MANAGE_ACTIONS,
      Resource: ec2Resources,
      Condition: resourceTagged(scope),
    },
    {
      // AWS creates a VPC's default security group untagged; aws_default_security_group tags it
      // before revoking its rules. Untagged groups only, and only with the platform tag.
      Sid: 'Ec2AdoptDefaultSecurityGroup',
      Effect: 'Allow',
      Action: 'ec2:CreateTags',
      Resource: regionalArn(scope, 'ec2', 'security-group/*'),
      Condition: { ...requestTagged(scope), Null: { 'aws:ResourceTag/platform': 'true' } },
    },
    {
      Sid: 'S3PlatformBuckets',
      Effect: 'Allow',
      Action: [
        's3:CreateBucket',
        's3:DeleteBucket',
        's3:PutBucket*',
        's3:DeleteBucketPolicy',
        's3:PutEncryptionConfiguration',
        's3:PutLifecycleConfiguration',
      ],
      Resource: platformBuckets,
    },
    {
      // Objects Terraform manages: folder markers (keys ending in "/") and configs/ (pipeline
      // definitions, job scripts). Data, artifacts and logs are the workloads' business.
      Sid: 'S3PlatformManagedObjects',
      Effect: 'Allow',
      Action: [
        's3:GetObject',
        's3:GetObjectTagging',
        's3:PutObject',
        's3:PutObjectTagging',
        's3:DeleteObject',
      ],
      Resource: [`${platformBuckets}/*/`, `${platformBuckets}/configs/*`],
    },
  ];
}

/** Keys, log groups and IAM roles and policies: what every blueprint's roles need. One managed policy. */
export function deployKeysIdentityStatements(scope: PermissionScope): PolicyStatement[] {
  const logGroups = [
    regionalArn(scope, 'logs', `log-group:/${scope.platform}/${scope.environment}/*`),
    regionalArn(scope, 'logs', `log-group:/aws/lambda/${scope.prefix}-*`),
  ];
  const platformRoles = iamArn(scope, `role/${scope.prefix}-*`);
  return [
    {
      // CreateKey supports no resource ARN (IAM catalogue); the tag condition is what scopes it.
      Sid: 'KmsCreateTagged',
      Effect: 'Allow',
      Action: 'kms:CreateKey',
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      // Tags sent with CreateKey need kms:TagResource on every key of the account and region (KMS
      // developer guide, "Managing KMS key tags with API operations"), again only with the tag.
      Sid: 'KmsTagOnCreate',
      Effect: 'Allow',
      Action: 'kms:TagResource',
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: requestTagged(scope),
    },
    {
      Sid: 'KmsManageTagged',
      Effect: 'Allow',
      Action: [
        'kms:CancelKeyDeletion',
        'kms:CreateAlias',
        'kms:Decrypt',
        'kms:DeleteAlias',
        'kms:EnableKeyRotation',
        'kms:GenerateDataKey',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:UpdateAlias',
        'kms:UpdateKeyDescription',
      ],
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: resourceTagged(scope),
    },
    {
      // Grants only for AWS services that encrypt with the key on the platform's behalf.
      Sid: 'KmsGrantsForServices',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: { ...resourceTagged(scope), Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
    {
      // Aliases carry no tags: the alias by name, the key by tag (both are checked).
      Sid: 'KmsAliases',
      Effect: 'Allow',
      Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: regionalArn(scope, 'kms', `alias/${scope.prefix}-*`),
    },
    {
      Sid: 'LogGroups',
      Effect: 'Allow',
      Action: [
        'logs:AssociateKmsKey',
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:DeleteMetricFilter',
        'logs:DeleteRetentionPolicy',
        'logs:DeleteSubscriptionFilter',
        'logs:DisassociateKmsKey',
        'logs:PutMetricFilter',
        'logs:PutRetentionPolicy',
        'logs:PutSubscriptionFilter',
        'logs:TagResource',
        'logs:UntagResource',
      ],
      Resource: logGroups,
    },
    {
      // Log deliveries (Step Functions, Bedrock invocation logging) and log resource policies
      // (EventBridge targets) support only "*" in the IAM catalogue.
      Sid: 'LogDeliveries',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:DeleteResourcePolicy',
        'logs:PutResourcePolicy',
        'logs:UpdateLogDelivery',
      ],
      Resource: '*',
    },
    {
      // Every role is created with, and may only ever be given, the platform's boundary.
      Sid: 'IamRolesWithBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: platformRoles,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': scope.permissionsBoundaryArn } },
    },
    {
      Sid: 'IamRoles',
      Effect: 'Allow',
      Action: [
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:PutRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ],
      Resource: platformRoles,
    },
    {
      // Managed policies of the platform and AWS's service-role policies; never AdministratorAccess
      // and the like, which live outside aws:policy/service-role/.
      Sid: 'IamAttachPolicies',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: platformRoles,
      Condition: {
        ArnLike: {
          'iam:PolicyARN': [
            iamArn(scope, `policy/${scope.prefix}-*`),
            'arn:aws:iam::aws:policy/service-role/*',
          ],
        },
      },
    },
    {
      Sid: 'IamPolicies',
      Effect: 'Allow',
      Action: [
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      Resource: iamArn(scope, `policy/${scope.prefix}-*`),
    },
    {
      Sid: 'IamPassRoleToPlatformServices',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: platformRoles,
      Condition: { StringEquals: { 'iam:PassedToService': [...PASS_ROLE_SERVICES] } },
    },
    {
      Sid: 'IamServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: iamArn(scope, 'role/aws-service-role/*'),
      Condition: { StringEquals: { 'iam:AWSServiceName': [...SERVICE_LINKED_ROLE_SERVICES] } },
    },
  ];
}

/**
 * The blueprints' services: SageMaker, Glue, Athena, Lake Formation, Bedrock, OpenSearch
 * Serverless and application auto scaling. One managed policy.
 */
export function deployMlStatements(scope: PermissionScope): PolicyStatement[] {
  const named = (service: string, ...resources: string[]) =>
    resources.map((resource) => regionalArn(scope, service, resource));
  const glueDatabases = `${scope.prefix.replace(/-/g, '_')}_*`;
  return [
    {
      // Endpoints, models, pipelines, MLflow servers, ... named `<prefix>-*`, and the platform's
      // model package groups (named by configuration). Not model packages themselves: approving
      // one starts a promotion, which is a reviewer's decision, not a deployment's.
      Sid: 'SageMaker',
      Effect: 'Allow',
      Action: [
        'sagemaker:AddTags',
        'sagemaker:Create*',
        'sagemaker:Delete*',
        'sagemaker:PutModelPackageGroupPolicy',
        'sagemaker:Update*',
      ],
      Resource: named(
        'sagemaker',
        `*/${scope.prefix}-*`,
        ...scope.modelPackageGroups.map((group) => `model-package-group/${group}`),
      ),
    },
    {
      // The root catalog is named in every database call next to the database itself.
      Sid: 'Glue',
      Effect: 'Allow',
      Action: [
        'glue:Create*',
        'glue:Delete*',
        'glue:TagResource',
        'glue:UntagResource',
        'glue:Update*',
      ],
      Resource: named(
        'glue',
        'catalog',
        `database/${glueDatabases}`,
        `table/${glueDatabases}/*`,
        `crawler/${scope.prefix}-*`,
        `dataQualityRuleset/${scope.prefix}-*`,
        `job/${scope.prefix}-*`,
      ),
    },
    {
      Sid: 'Athena',
      Effect: 'Allow',
      Action: [
        'athena:CreateWorkGroup',
        'athena:DeleteWorkGroup',
        'athena:TagResource',
        'athena:UntagResource',
        'athena:UpdateWorkGroup',
      ],
      Resource: named('athena', `workgroup/${scope.prefix}-*`),
    },
    {
      // Lake Formation authorises grants itself (the caller must be a data lake administrator or
      // hold the permission grantable); IAM offers only "*".
      Sid: 'LakeFormationGrants',
      Effect: 'Allow',
      Action: [
        'lakeformation:BatchGrantPermissions',
        'lakeformation:BatchRevokePermissions',
        'lakeformation:DeregisterResource',
        'lakeformation:GrantPermissions',
        'lakeformation:RegisterResource',
        'lakeformation:RevokePermissions',
      ],
      Resource: '*',
    },
    {
      // Only SageMaker endpoints scale; scalable targets have generated IDs.
      Sid: 'EndpointAutoScaling',
      Effect: 'Allow',
      Action: [
        'application-autoscaling:DeleteScalingPolicy',
        'application-autoscaling:DeregisterScalableTarget',
        'application-autoscaling:PutScalingPolicy',
        'application-autoscaling:RegisterScalableTarget',
        'application-autoscaling:TagResource',
      ],
      Resource: named('application-autoscaling', 'scalable-target/*'),
      Condition: { StringEquals: { 'application-autoscaling:service-namespace': 'sagemaker' } },
    },
    {
      // Knowledge bases and agents get generated IDs and support only "*" when created.
      Sid: 'BedrockCreateTagged',
      Effect: 'Allow',
      Action: ['bedrock:CreateAgent', 'bedrock:CreateKnowledgeBase'],
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      Sid: 'BedrockManageTagged',
      Effect: 'Allow',
      Action: [
        'bedrock:AssociateAgentKnowledgeBase',
        'bedrock:CreateAgentActionGroup',
        'bedrock:CreateAgentAlias',
        'bedrock:CreateDataSource',
        'bedrock:CreateGuardrailVersion',
        'bedrock:Delete*',
        'bedrock:DisassociateAgentKnowledgeBase',
        'bedrock:PrepareAgent',
        'bedrock:TagResource',
        'bedrock:UntagResource',
        'bedrock:Update*',
      ],
      Resource: named('bedrock', '*'),
      Condition: resourceTagged(scope),
    },
    {
      Sid: 'BedrockInvocationLogging',
      Effect: 'Allow',
      Action: [
        'bedrock:DeleteModelInvocationLoggingConfiguration',
        'bedrock:PutModelInvocationLoggingConfiguration',
      ],
      Resource: '*',
    },
    {
      // Collections: created tagged ("*" only), then changed by ID.
      Sid: 'OpenSearchServerlessCreate',
      Effect: 'Allow',
      Action: ['aoss:CreateCollection', 'aoss:TagResource'],
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      Sid: 'OpenSearchServerlessCollections',
      Effect: 'Allow',
      Action: ['aoss:DeleteCollection', 'aoss:UpdateCollection'],
      Resource: named('aoss', 'collection/*'),
    },
    {
      // Security and access policies have no ARN; aoss:collection names the collections they cover.
      Sid: 'OpenSearchServerlessPolicies',
      Effect: 'Allow',
      Action: [
        'aoss:CreateAccessPolicy',
        'aoss:CreateSecurityPolicy',
        'aoss:DeleteAccessPolicy',
        'aoss:DeleteSecurityPolicy',
        'aoss:UpdateAccessPolicy',
        'aoss:UpdateSecurityPolicy',
      ],
      Resource: '*',
      Condition: { StringLike: { 'aoss:collection': `${scope.prefix}-*` } },
    },
  ];
}

/**
 * Serving and integration: Lambda, Step Functions, EventBridge, SQS, SNS, Secrets Manager, ECR and
 * CloudWatch alarms and dashboards. One managed policy.
 */
export function deployIntegrationStatements(scope: PermissionScope): PolicyStatement[] {
  const named = (service: string, ...resources: string[]) =>
    resources.map((resource) => regionalArn(scope, service, resource));
  const p = scope.prefix;
  const platformFunctions = regionalArn(scope, 'lambda', `function:${p}-*`);
  return [
    {
      Sid: 'Lambda',
      Effect: 'Allow',
      Action: [
        'lambda:AddPermission',
        'lambda:Create*',
        'lambda:Delete*',
        'lambda:Publish*',
        'lambda:Put*',
        'lambda:RemovePermission',
        'lambda:TagResource',
        'lambda:UntagResource',
        'lambda:Update*',
      ],
      Resource: named('lambda', `function:${p}-*`, `layer:${p}-*`),
    },
    {
      // Event source mappings support only "*" when created; the function they invoke scopes them.
      Sid: 'LambdaEventSourceCreate',
      Effect: 'Allow',
      Action: 'lambda:CreateEventSourceMapping',
      Resource: '*',
      Condition: { ArnLike: { 'lambda:FunctionArn': platformFunctions } },
    },
    {
      Sid: 'LambdaEventSources',
      Effect: 'Allow',
      Action: ['lambda:DeleteEventSourceMapping', 'lambda:UpdateEventSourceMapping'],
      Resource: regionalArn(scope, 'lambda', 'event-source-mapping:*'),
      Condition: { ArnLike: { 'lambda:FunctionArn': platformFunctions } },
    },
    {
      Sid: 'StepFunctions',
      Effect: 'Allow',
      Action: [
        'states:CreateStateMachine*',
        'states:DeleteStateMachine*',
        'states:PublishStateMachineVersion',
        'states:TagResource',
        'states:UntagResource',
        'states:UpdateStateMachine*',
      ],
      Resource: named('states', `stateMachine:${p}-*`),
    },
    {
      // Buses, rules (on the default bus too: SageMaker emits approvals there), connections, API
      // destinations and archives. Not events:PutEvents.
      Sid: 'EventBridge',
      Effect: 'Allow',
      Action: [
        'events:Create*',
        'events:Delete*',
        'events:DisableRule',
        'events:EnableRule',
        'events:PutPermission',
        'events:PutRule',
        'events:PutTargets',
        'events:RemovePermission',
        'events:RemoveTargets',
        'events:TagResource',
        'events:UntagResource',
        'events:Update*',
      ],
      Resource: named(
        'events',
        `event-bus/${p}-*`,
        `rule/${p}-*`,
        `connection/${p}-*`,
        `api-destination/${p}-*`,
        `archive/${p}-*`,
      ),
    },
    {
      // The platform's secrets, and those EventBridge creates for a connection in the caller's name.
      Sid: 'Secrets',
      Effect: 'Allow',
      Action: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DeleteResourcePolicy',
        'secretsmanager:DeleteSecret',
        'secretsmanager:GetSecretValue',
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:PutSecretValue',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
        'secretsmanager:UpdateSecret',
      ],
      Resource: named('secretsmanager', `secret:${p}-*`, `secret:events!connection/${p}-*`),
    },
    {
      Sid: 'Queues',
      Effect: 'Allow',
      Action: [
        'sqs:CreateQueue',
        'sqs:DeleteQueue',
        'sqs:SetQueueAttributes',
        'sqs:TagQueue',
        'sqs:UntagQueue',
      ],
      Resource: named('sqs', `${p}-*`),
    },
    {
      Sid: 'Topics',
      Effect: 'Allow',
      Action: [
        'sns:CreateTopic',
        'sns:DeleteTopic',
        'sns:SetTopicAttributes',
        'sns:Subscribe',
        'sns:TagResource',
        'sns:Unsubscribe',
        'sns:UntagResource',
      ],
      Resource: named('sns', `${p}-*`),
    },
    {
      // Repositories and their policies; not image push or pull.
      Sid: 'ContainerRepositories',
      Effect: 'Allow',
      Action: [
        'ecr:CreateRepository',
        'ecr:DeleteLifecyclePolicy',
        'ecr:DeleteRepository',
        'ecr:DeleteRepositoryPolicy',
        'ecr:PutImageScanningConfiguration',
        'ecr:PutImageTagMutability',
        'ecr:PutLifecyclePolicy',
        'ecr:SetRepositoryPolicy',
        'ecr:TagResource',
        'ecr:UntagResource',
      ],
      Resource: named('ecr', `repository/${p}-*`),
    },
    {
      Sid: 'AlarmsAndDashboards',
      Effect: 'Allow',
      Action: [
        'cloudwatch:DeleteAlarms',
        'cloudwatch:DeleteDashboards',
        'cloudwatch:PutDashboard',
        'cloudwatch:PutMetricAlarm',
        'cloudwatch:TagResource',
        'cloudwatch:UntagResource',
      ],
      Resource: [
        regionalArn(scope, 'cloudwatch', `alarm:${p}-*`),
        `arn:aws:cloudwatch::${scope.accountId}:dashboard/${p}-*`,
      ],
    },
  ];
}

/** The deploy role's managed policies, by purpose suffix (`<prefix>-github-deploy-<suffix>`). */
export function deployManagedStatements(
  scope: PermissionScope,
): Readonly<Record<string, readonly PolicyStatement[]>> {
  return {
    'network-storage': deployNetworkStorageStatements(scope),
    'keys-identity': deployKeysIdentityStatements(scope),
    ml: deployMlStatements(scope),
    integration: deployIntegrationStatements(scope),
  };
}
