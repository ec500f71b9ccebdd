import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, type PermissionScope } from './permission-scope';

/**
 * The reads Terraform's refresh makes for the resource types the platform's stacks manage:
 * configuration and metadata (Describe, Get, List) of the services in the permissions boundary.
 *
 * Not the AWS managed ReadOnlyAccess policy, which also reads every S3 object, secret value, log
 * event, query result, queue message and container image of the account. Wildcards are used only
 * where the service's Get and List actions return configuration alone; elsewhere the actions are
 * listed, and DATA_READ_ACTIONS names what is left out on purpose.
 */
export const READ_ONLY_ACTIONS: readonly string[] = [
  'ec2:Describe*',
  // Bucket configuration; object reads are granted below for folder markers only.
  's3:GetBucket*',
  's3:GetEncryptionConfiguration',
  's3:GetLifecycleConfiguration',
  's3:GetReplicationConfiguration',
  's3:GetAccelerateConfiguration',
  's3:ListAllMyBuckets',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListAliases',
  'kms:ListResourceTags',
  'iam:GetRole',
  'iam:GetRolePolicy',
  'iam:GetPolicy',
  'iam:GetPolicyVersion',
  'iam:GetOpenIDConnectProvider',
  'iam:ListRolePolicies',
  'iam:ListAttachedRolePolicies',
  'iam:ListRoleTags',
  'iam:ListPolicyVersions',
  'iam:ListPolicyTags',
  'iam:ListInstanceProfilesForRole',
  'iam:ListOpenIDConnectProviderTags',
  // Log groups' settings, never their events.
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'logs:DescribeSubscriptionFilters',
  'logs:DescribeResourcePolicies',
  'logs:GetDataProtectionPolicy',
  'logs:GetLogDelivery',
  'logs:ListLogDeliveries',
  'logs:ListTagsForResource',
  'logs:ListTagsLogGroup',
  'sagemaker:Describe*',
  'sagemaker:List*',
  'sagemaker:GetModelPackageGroupPolicy',
  // Not glue:Get*: GetConnection returns connection passwords. Not glue:List*: it includes
  // ListEntities, which the catalogue rates a write.
  'glue:GetDatabase*',
  'glue:GetTable*',
  'glue:GetCrawler*',
  'glue:GetDataQualityRuleset',
  'glue:GetJob',
  'glue:GetTags',
  'athena:GetWorkGroup',
  'athena:ListWorkGroups',
  'athena:ListTagsForResource',
  'lakeformation:GetDataLakeSettings',
  'lakeformation:ListPermissions',
  'lakeformation:DescribeResource',
  'lakeformation:ListResources',
  'lambda:Get*',
  'lambda:List*',
  'states:DescribeStateMachine*',
  'states:ListStateMachine*',
  'states:ListTagsForResource',
  'events:Describe*',
  'events:List*',
  'sqs:GetQueueAttributes',
  'sqs:GetQueueUrl',
  'sqs:ListQueues',
  'sqs:ListQueueTags',
  'sns:GetTopicAttributes',
  'sns:GetSubscriptionAttributes',
  'sns:ListSubscriptionsByTopic',
  'sns:ListTagsForResource',
  'sns:ListTopics',
  'secretsmanager:DescribeSecret',
  'secretsmanager:GetResourcePolicy',
  'secretsmanager:ListSecrets',
  'secretsmanager:ListSecretVersionIds',
  'ecr:DescribeRepositories',
  'ecr:GetLifecyclePolicy',
  'ecr:GetRepositoryPolicy',
  'ecr:ListTagsForResource',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:GetDashboard',
  'cloudwatch:ListDashboards',
  'cloudwatch:ListTagsForResource',
  'application-autoscaling:Describe*',
  'application-autoscaling:ListTagsForResource',
  'bedrock:GetAgent*',
  'bedrock:GetDataSource',
  'bedrock:GetGuardrail',
  'bedrock:GetKnowledgeBase',
  'bedrock:GetModelInvocationLoggingConfiguration',
  'bedrock:ListAgent*',
  'bedrock:ListDataSources',
  'bedrock:ListGuardrails',
  'bedrock:ListKnowledgeBases',
  'bedrock:ListTagsForResource',
  'aoss:BatchGetCollection',
  'aoss:GetAccessPolicy',
  'aoss:GetSecurityPolicy',
  'aoss:List*',
];

/**
 * Reads of data rather than configuration, which no CI role gets from the read-only policy. The
 * plan role, which pull requests assume, is refused them explicitly as well, so a later widening
 * of an Allow cannot hand them out: object contents (except state and folder markers), secret
 * values, log events and queries, Athena results, Lake Formation data credentials, container
 * images, feature store records, queue messages, and decryption with any key but the state key.
 */
export const DATA_READ_ACTIONS: readonly string[] = [
  'secretsmanager:GetSecretValue',
  'secretsmanager:BatchGetSecretValue',
  'logs:GetLogEvents',
  'logs:FilterLogEvents',
  'logs:GetLogRecord',
  'logs:StartQuery',
  'logs:StartLiveTail',
  'athena:GetQueryResults',
  'athena:StartQueryExecution',
  'lakeformation:GetDataAccess',
  'lakeformation:GetTemporaryGlueTableCredentials',
  'lakeformation:GetTemporaryGluePartitionCredentials',
  'ecr:GetDownloadUrlForLayer',
  'ecr:BatchGetImage',
  'ecr:GetAuthorizationToken',
  'sagemaker:GetRecord',
  'sagemaker:BatchGetRecord',
  'sagemaker:InvokeEndpoint',
  'sqs:ReceiveMessage',
  'glue:GetConnection',
  'glue:GetConnections',
];

/**
 * The read-only policy both CI roles carry: configuration everywhere, the platform's buckets
 * listed, and the zero-byte folder markers of the ML buckets (keys ending in "/"), which
 * aws_s3_object refreshes with HeadObject, an s3:GetObject call. Data objects never end in "/".
 */
export function readOnlyStatements(scope: PermissionScope): PolicyStatement[] {
  const platformBuckets = bucketArn(`${scope.prefix}-*`);
  return [
    {
      Sid: 'ReadPlatformConfiguration',
      Effect: 'Allow',
      Action: [...READ_ONLY_ACTIONS],
      Resource: '*',
    },
    {
      Sid: 'ListPlatformBuckets',
      Effect: 'Allow',
      Action: 's3:ListBucket',
      Resource: platformBuckets,
    },
    {
      Sid: 'ReadFolderMarkers',
      Effect: 'Allow',
      Action: ['s3:GetObject', 's3:GetObjectTagging'],
      Resource: `${platformBuckets}/*/`,
    },
  ];
}

/**
 * The plan role's explicit refusals: DATA_READ_ACTIONS everywhere, and object reads and
 * decryption everywhere but the state objects, the folder markers and the state key.
 */
export function planRoleDenies(scope: PermissionScope): PolicyStatement[] {
  return [
    { Sid: 'DenyDataReads', Effect: 'Deny', Action: [...DATA_READ_ACTIONS], Resource: '*' },
    {
      Sid: 'DenyOtherObjectsAndKeys',
      Effect: 'Deny',
      Action: ['s3:GetObject', 's3:GetObjectVersion', 'kms:Decrypt'],
      NotResource: [
        `${bucketArn(scope.stateBucketName)}/*`,
        `${bucketArn(`${scope.prefix}-*`)}/*/`,
        scope.stateKeyArn,
      ],
    },
  ];
}
