import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, iamArn, type PermissionScope } from '../permission-scope';
import { stateReadStatements, stateWriteStatements } from '../state-permissions';

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
