import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, type PermissionScope } from './permission-scope';
import { READ_SCOPES } from './read-scopes';

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
  // Run-time definitions, not configuration Terraform manages: job environments, hyperparameters,
  // pipeline parameters, execution inputs, instance user data, parameters.
  'sagemaker:DescribeTrainingJob',
  'sagemaker:DescribeProcessingJob',
  'sagemaker:DescribeTransformJob',
  'sagemaker:DescribeHyperParameterTuningJob',
  'sagemaker:DescribePipelineExecution',
  'sagemaker:DescribePipelineDefinitionForExecution',
  'sagemaker:ListPipelineParametersForExecution',
  'states:DescribeExecution',
  'states:DescribeStateMachineForExecution',
  'states:GetExecutionHistory',
  'lambda:ListFunctions',
  'ec2:DescribeInstanceAttribute',
  'ec2:DescribeLaunchTemplateVersions',
  'ssm:GetParameter',
  'ssm:GetParameters',
  'ssm:GetParametersByPath',
];

/**
 * The read-only policies both CI roles carry, by purpose suffix (`<prefix>-github-<suffix>`):
 * READ_SCOPES, and the zero-byte folder markers of the ML buckets (keys ending in "/"), which
 * aws_s3_object refreshes with HeadObject, an s3:GetObject call. Data objects never end in "/".
 */
export function readOnlyStatements(
  scope: PermissionScope,
): Readonly<Record<'read-only' | 'read-only-services', PolicyStatement[]>> {
  const statements = (policy: 'read-only' | 'read-only-services') =>
    READ_SCOPES.filter(
      (read) => read.policy === policy && (scope.sharedServices || !read.sharedServicesOnly),
    ).flatMap((read): PolicyStatement[] => {
      const resources = read.resources(scope);
      // A scope of resources the environment does not have (no project role) grants nothing.
      if (resources.length === 0) return [];
      return [
        {
          Sid: read.sid,
          Effect: 'Allow',
          Action: [...read.actions],
          Resource: resources.length === 1 ? resources[0] : resources,
        },
      ];
    });
  return {
    'read-only': [
      ...statements('read-only'),
      {
        Sid: 'ReadFolderMarkers',
        Effect: 'Allow',
        Action: ['s3:GetObject', 's3:GetObjectTagging'],
        Resource: `${bucketArn(`${scope.prefix}-*`)}/*/`,
      },
    ],
    'read-only-services': statements('read-only-services'),
  };
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
