import { bucketArn, iamArn, type PermissionScope, regionalArn } from './permission-scope';

/** One group of reads and the resources it is scoped to. */
export interface ReadScope {
  readonly sid: string;
  /**
   * The managed policy the statement goes to: `read-only` (IAM, S3, KMS, logs, SageMaker, Glue) or
   * `read-only-services` (the other services), two policies because one would pass IAM's 6,144
   * characters.
   */
  readonly policy: 'read-only' | 'read-only-services';
  readonly actions: readonly string[];
  /** The resources, by the platform's names where AWS lets them be named; `*` only for actions without resource types. */
  readonly resources: (scope: PermissionScope) => string[];
  /** Reads of what only the shared-services account has (PermissionScope.sharedServices). @default false */
  readonly sharedServicesOnly?: boolean;
}

const everywhere = () => ['*'];
/** `<service>:<resource>` entries as ARNs of the scope's account and region; `<prefix>` is `<platform>-<env>`. */
const named =
  (...entries: string[]) =>
  (scope: PermissionScope) =>
    entries.map((entry) => {
      const service = entry.slice(0, entry.indexOf(':'));
      const resource = entry.slice(service.length + 1).replace('<prefix>', scope.prefix);
      return regionalArn(scope, service, resource);
    });

/**
 * The reads Terraform's refresh makes for the resource types the platform's stacks manage, and
 * nothing else: configuration and metadata (Describe, Get, List) of the services in the
 * permissions boundary, each scoped to the platform's names (`<platform>-<env>-*`, Glue
 * `<platform>_<env>_*`, log groups `/<platform>/<env>/*`) or, where AWS generates IDs (KMS keys,
 * Bedrock, EC2), to the account and region. `"Resource": "*"` holds only actions the IAM
 * catalogue lists without resource types (the policy gate's iam-no-wildcard-resource-for-reads
 * checks it). The one list of what the CI roles read.
 *
 * Not the AWS managed ReadOnlyAccess policy, which also reads every S3 object, secret value, log
 * event, query result, queue message and container image of the account. Whatever Terraform
 * refreshes is in the state the plan role reads anyway (a platform function's configuration, for
 * one); what is left out is what no plan needs: other teams' resources, run-time definitions
 * (training and processing jobs, pipeline executions), and DATA_READ_ACTIONS below.
 */
export const READ_SCOPES: readonly ReadScope[] = [
  {
    sid: 'ReadPlatformRoles',
    policy: 'read-only',
    actions: [
      'iam:GetRole',
      'iam:GetRolePolicy',
      'iam:ListAttachedRolePolicies',
      'iam:ListInstanceProfilesForRole',
      'iam:ListRolePolicies',
      'iam:ListRoleTags',
    ],
    resources: (scope) => [iamArn(scope, `role/${scope.prefix}-*`)],
  },
  {
    // The SMUS project roles: Terraform refreshes the attachments of the blueprints' grants to
    // them, and reads nothing else of roles SageMaker Unified Studio owns. None without projects
    // that name one.
    sid: 'ReadProjectRoleAttachments',
    policy: 'read-only',
    actions: ['iam:ListAttachedRolePolicies'],
    resources: (scope) => [...scope.projectRoleArns],
  },
  {
    sid: 'ReadPlatformPolicies',
    policy: 'read-only',
    actions: [
      'iam:GetPolicy',
      'iam:GetPolicyVersion',
      'iam:ListPolicyTags',
      'iam:ListPolicyVersions',
    ],
    resources: (scope) => [iamArn(scope, `policy/${scope.prefix}-*`)],
  },
  {
    // Bucket configuration; object reads are granted below for folder markers only.
    sid: 'ReadPlatformBuckets',
    policy: 'read-only',
    actions: [
      's3:GetAccelerateConfiguration',
      's3:GetBucket*',
      's3:GetEncryptionConfiguration',
      's3:GetLifecycleConfiguration',
      's3:GetReplicationConfiguration',
      's3:ListBucket',
    ],
    resources: (scope) => [bucketArn(`${scope.prefix}-*`)],
  },
  {
    // Key IDs are generated: the keys of the account and region.
    sid: 'ReadKeys',
    policy: 'read-only',
    actions: [
      'kms:DescribeKey',
      'kms:GetKeyPolicy',
      'kms:GetKeyRotationStatus',
      'kms:ListResourceTags',
    ],
    resources: named('kms:key/*'),
  },
  {
    // Log groups' settings, never their events.
    sid: 'ReadPlatformLogGroups',
    policy: 'read-only',
    actions: [
      'logs:DescribeMetricFilters',
      'logs:DescribeSubscriptionFilters',
      'logs:GetDataProtectionPolicy',
      'logs:ListTagsForResource',
      'logs:ListTagsLogGroup',
    ],
    resources: (scope) =>
      [`/${scope.platform}/${scope.environment}/*`, `/aws/lambda/${scope.prefix}-*`].map((group) =>
        regionalArn(scope, 'logs', `log-group:${group}`),
      ),
  },
  {
    // Models, pipelines, tracking servers and the like named <prefix>-*, and the model package
    // groups, which configuration names. Jobs that pipelines start are named pipelines-*: their
    // definitions are not configuration Terraform manages.
    sid: 'ReadPlatformSageMaker',
    policy: 'read-only',
    actions: ['sagemaker:Describe*', 'sagemaker:GetModelPackageGroupPolicy', 'sagemaker:ListTags'],
    resources: (scope) => [
      regionalArn(scope, 'sagemaker', `*/${scope.prefix}-*`),
      ...scope.modelPackageGroups.flatMap((group) => [
        regionalArn(scope, 'sagemaker', `model-package-group/${group}`),
        regionalArn(scope, 'sagemaker', `model-package/${group}/*`),
      ]),
    ],
  },
  {
    // Not glue:Get*: GetConnection returns connection passwords.
    sid: 'ReadPlatformGlue',
    policy: 'read-only',
    actions: [
      'glue:GetCrawler',
      'glue:GetDatabase',
      'glue:GetDataQualityRuleset',
      'glue:GetJob',
      'glue:GetTable',
      'glue:GetTables',
      'glue:GetTags',
    ],
    resources: (scope) => {
      const database = `${scope.platform}_${scope.environment}_*`;
      return [
        regionalArn(scope, 'glue', 'catalog'),
        regionalArn(scope, 'glue', `database/${database}`),
        regionalArn(scope, 'glue', `table/${database}/*`),
        regionalArn(scope, 'glue', `crawler/${scope.prefix}-*`),
        regionalArn(scope, 'glue', `job/${scope.prefix}-*`),
        regionalArn(scope, 'glue', `dataQualityRuleset/${scope.prefix}-*`),
      ];
    },
  },
  {
    sid: 'ReadPlatformIntegration',
    policy: 'read-only-services',
    actions: [
      'athena:GetWorkGroup',
      'athena:ListTagsForResource',
      'ecr:DescribeRepositories',
      'ecr:GetLifecyclePolicy',
      'ecr:GetRepositoryPolicy',
      'ecr:ListTagsForResource',
      'events:Describe*',
      'events:ListTagsForResource',
      'events:ListTargetsByRule',
      'scheduler:GetSchedule',
      'scheduler:GetScheduleGroup',
      'scheduler:ListTagsForResource',
      'sns:GetSubscriptionAttributes',
      'sns:GetTopicAttributes',
      'sns:ListSubscriptionsByTopic',
      'sns:ListTagsForResource',
      'sqs:GetQueueAttributes',
      'sqs:GetQueueUrl',
      'sqs:ListQueueTags',
      'secretsmanager:DescribeSecret',
      'secretsmanager:GetResourcePolicy',
      'secretsmanager:ListSecretVersionIds',
      'states:DescribeStateMachine',
      'states:DescribeStateMachineAlias',
      'states:ListStateMachineAliases',
      'states:ListStateMachineVersions',
      'states:ListTagsForResource',
      'cloudwatch:DescribeAlarms',
      'cloudwatch:ListTagsForResource',
    ],
    resources: named(
      // One resource type per service: what the platform's stacks create there.
      'athena:workgroup/<prefix>-*',
      'ecr:repository/<prefix>-*',
      'events:*/<prefix>-*',
      'scheduler:schedule-group/<prefix>-*',
      'scheduler:schedule/<prefix>-*/*',
      'scheduler:schedule/default/<prefix>-*',
      'sns:<prefix>-*',
      'sqs:<prefix>-*',
      'secretsmanager:secret:<prefix>-*',
      'states:stateMachine:<prefix>-*',
      'cloudwatch:alarm:<prefix>-*',
    ),
  },
  {
    // A platform function's configuration, environment included, is in the state the plan reads
    // anyway; other functions are out of reach, and lambda:ListFunctions (every function's
    // environment) is not granted.
    sid: 'ReadPlatformFunctions',
    policy: 'read-only-services',
    actions: [
      'lambda:GetAlias',
      'lambda:GetFunction',
      'lambda:GetFunctionCodeSigningConfig',
      'lambda:GetFunctionConcurrency',
      'lambda:GetFunctionEventInvokeConfig',
      'lambda:GetFunctionRecursionConfig',
      'lambda:GetFunctionUrlConfig',
      'lambda:GetPolicy',
      'lambda:GetProvisionedConcurrencyConfig',
      'lambda:GetRuntimeManagementConfig',
      'lambda:ListAliases',
      'lambda:ListTags',
      'lambda:ListVersionsByFunction',
    ],
    resources: named('lambda:function:<prefix>-*'),
  },
  {
    // Bedrock agents, knowledge bases and guardrails, and auto scaling targets, get generated
    // IDs: those of the account and region.
    sid: 'ReadGeneratedIds',
    policy: 'read-only-services',
    actions: [
      'application-autoscaling:ListTagsForResource',
      'bedrock:GetAgent*',
      'bedrock:GetDataSource',
      'bedrock:GetGuardrail',
      'bedrock:GetInferenceProfile',
      'bedrock:GetKnowledgeBase',
      'bedrock:ListAgentActionGroups',
      'bedrock:ListAgentAliases',
      'bedrock:ListAgentKnowledgeBases',
      'bedrock:ListAgentVersions',
      'bedrock:ListDataSources',
      'bedrock:ListTagsForResource',
      'oam:GetLink',
      'oam:ListTagsForResource',
    ],
    resources: (scope) => [
      regionalArn(scope, 'application-autoscaling', 'scalable-target/*'),
      regionalArn(scope, 'bedrock', '*'),
      regionalArn(scope, 'oam', 'link/*'),
    ],
  },
  {
    // REST APIs (and what they hold), usage plans, the inference hosts' domain names and base
    // path mappings, their tags and the account's API Gateway settings. IDs are generated: those of the account and region. Not /apikeys, whose values
    // GET can return.
    sid: 'ReadApiGateway',
    policy: 'read-only-services',
    actions: ['apigateway:GET'],
    resources: (scope) =>
      ['/account', '/domainnames/*', '/restapis/*', '/tags/*', '/usageplans/*'].map(
        (path) => `arn:aws:apigateway:${scope.region}::${path}`,
      ),
  },
  {
    // The inference hosts' certificates (generated IDs: the account and region's), their DNS
    // records (Route 53 is global), and the web ACLs of the API stages.
    sid: 'ReadInferenceEdge',
    policy: 'read-only-services',
    actions: [
      'acm:DescribeCertificate',
      'acm:ListTagsForCertificate',
      'route53:GetHostedZone',
      'route53:ListResourceRecordSets',
      'wafv2:GetWebACLForResource',
    ],
    resources: (scope) => [
      regionalArn(scope, 'acm', 'certificate/*'),
      'arn:aws:route53:::hostedzone/*',
      regionalArn(scope, 'wafv2', 'regional/webacl/*/*'),
      `arn:aws:apigateway:${scope.region}::/restapis/*/stages/*`,
    ],
  },
  {
    // Budgets and dashboards are global (no region in their ARNs); the vector index's stack.
    sid: 'ReadPlatformObservability',
    policy: 'read-only-services',
    actions: [
      'budgets:ListTagsForResource',
      'budgets:ViewBudget',
      'cloudformation:DescribeStackEvents',
      'cloudformation:DescribeStacks',
      'cloudformation:GetTemplate',
      'cloudwatch:GetDashboard',
    ],
    resources: (scope) => [
      `arn:aws:budgets::${scope.accountId}:budget/${scope.prefix}-*`,
      `arn:aws:cloudwatch::${scope.accountId}:dashboard/${scope.prefix}-*`,
      regionalArn(scope, 'cloudformation', `stack/${scope.prefix}-*/*`),
    ],
  },
  {
    // Actions the IAM catalogue lists without resource types: "*" is all they take.
    sid: 'ReadWithoutResourceTypes',
    policy: 'read-only-services',
    actions: [
      ...[
        'AccountAttributes',
        'Addresses',
        'AddressesAttribute',
        'AvailabilityZones',
        'FlowLogs',
        'InternetGateways',
        'ManagedPrefixLists',
        'NatGateways',
        'NetworkAcls',
        'NetworkInterfaces',
        'PrefixLists',
        'RouteTables',
        'SecurityGroupRules',
        'SecurityGroups',
        'Subnets',
        'Tags',
        'VpcEndpointServices',
        'VpcEndpoints',
        'Vpcs',
      ].map((name) => `ec2:Describe${name}`),
      'application-autoscaling:Describe*',
      'aoss:BatchGetCollection',
      'aoss:BatchGetVpcEndpoint',
      'aoss:GetAccessPolicy',
      'aoss:GetSecurityPolicy',
      'aoss:List*',
      'athena:ListWorkGroups',
      'bedrock:GetModelInvocationLoggingConfiguration',
      'datazone:GetEnvironmentBlueprintConfiguration',
      'glue:GetSecurityConfiguration',
      'kms:ListAliases',
      'lakeformation:DescribeResource',
      'lakeformation:GetDataLakeSettings',
      'lakeformation:ListPermissions',
      'lakeformation:ListResources',
      'logs:DescribeLogGroups',
      'logs:DescribeResourcePolicies',
      'logs:GetLogDelivery',
      'logs:ListLogDeliveries',
      's3:ListAllMyBuckets',
    ],
    resources: everywhere,
  },
  {
    // The shared-services account's observability sink and the share of the SMUS domain (generated
    // IDs: those of the account and region).
    sid: 'ReadSharedServices',
    policy: 'read-only-services',
    actions: [
      'oam:GetSink',
      'oam:GetSinkPolicy',
      'oam:ListTagsForResource',
      'ram:ListResourceSharePermissions',
    ],
    resources: (scope) => [
      regionalArn(scope, 'oam', 'sink/*'),
      regionalArn(scope, 'ram', 'resource-share/*'),
    ],
    sharedServicesOnly: true,
  },
  {
    sid: 'ReadSharesWithoutResourceTypes',
    policy: 'read-only-services',
    actions: ['ram:GetResourceShareAssociations', 'ram:GetResourceShares'],
    resources: everywhere,
    sharedServicesOnly: true,
  },
  {
    // Resource-scoped EC2 reads Terraform makes for VPCs and security groups, in this account.
    sid: 'ReadVpcAttributes',
    policy: 'read-only-services',
    actions: ['ec2:DescribeSecurityGroupReferences', 'ec2:DescribeVpcAttribute'],
    resources: named('ec2:*'),
  },
];

/** Every action READ_SCOPES grants, for tests and reviews. */
export const READ_ONLY_ACTIONS: readonly string[] = READ_SCOPES.flatMap((read) => read.actions);
