import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, iamArn, type PermissionScope, regionalArn } from './permission-scope';
import { BOOTSTRAP_STATE_PREFIX } from './state-permissions';

/** What using the state key takes; everything else on it is administration. */
export const STATE_KEY_USE_ACTIONS = [
  'kms:Decrypt',
  'kms:GenerateDataKey',
  'kms:DescribeKey',
  'kms:GetKeyPolicy',
  'kms:GetKeyRotationStatus',
  'kms:ListResourceTags',
] as const;

/** What using the state bucket takes: reading, and writing and removing state and lock objects. */
export const STATE_BUCKET_USE_ACTIONS = ['s3:Get*', 's3:List*', 's3:PutObject', 's3:DeleteObject'];

/**
 * The explicit denies the permissions boundary carries for the bootstrap stack: every role under
 * the boundary (the CI roles and every role the deploy role creates) is refused changes to what
 * only an administrator changes, by applying this stack. In a role's own policy they would bind
 * that role only: a role it creates with `Allow *` would not carry them.
 *
 * - the CI roles, their policies, the boundary and GitHub's OIDC provider: whoever edits them
 *   widens the CI roles' trust or permissions;
 * - the roles the bootstrap stack creates without the boundary (SageMaker Unified Studio's): only
 *   read and passed;
 * - the state bucket and its access-log bucket: objects may be read and written, their
 *   configuration, policies, versions and logs may not; the bootstrap stack's own state is not
 *   writable at all;
 * - the state key: only used, never administered, and its alias never moved (the backends name
 *   the key by its alias);
 * - state objects and the state key: only the two CI roles use them; a workload role that a
 *   grant reaches still cannot read state, which holds every stack's attributes.
 */
export function boundaryProtections(
  scope: PermissionScope,
  stateKeyAliasName: string,
): PolicyStatement[] {
  // The CI roles and their policies by name: other roles of the platform may be named github-*
  // too (foundation's github-dispatch), and the deploy role creates those.
  const github = `${scope.prefix}-github`;
  const stateBucket = bucketArn(scope.stateBucketName);
  const logBucket = bucketArn(scope.stateAccessLogBucketName);
  return [
    {
      Sid: 'DenyBootstrapIdentities',
      Effect: 'Deny',
      Action: 'iam:*',
      Resource: [
        iamArn(scope, `role/${github}-plan`),
        iamArn(scope, `role/${github}-deploy`),
        iamArn(scope, `policy/${github}-read-only*`),
        iamArn(scope, `policy/${github}-deploy-*`),
        scope.permissionsBoundaryArn,
        iamArn(scope, 'oidc-provider/*'),
      ],
    },
    ...administeredRoleProtections(scope),
    {
      // The state key carries the platform tag, so tag-based KMS grants would reach it.
      Sid: 'DenyStateKeyAdministration',
      Effect: 'Deny',
      NotAction: [...STATE_KEY_USE_ACTIONS],
      Resource: scope.stateKeyArn,
    },
    {
      // Moving the alias to another key would make the next state write use that key.
      Sid: 'DenyStateKeyAliasChanges',
      Effect: 'Deny',
      Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: regionalArn(scope, 'kms', stateKeyAliasName),
    },
    {
      Sid: 'DenyStateBucketAdministration',
      Effect: 'Deny',
      NotAction: STATE_BUCKET_USE_ACTIONS,
      Resource: [stateBucket, `${stateBucket}/*`, logBucket, `${logBucket}/*`],
    },
    {
      // Only S3 log delivery, a service principal outside every boundary, writes access logs.
      Sid: 'DenyStateAccessLogWrites',
      Effect: 'Deny',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${logBucket}/*`,
    },
    {
      // A role that could rewrite the bootstrap stack's state could make the administrator's next
      // apply change what the bootstrap manages.
      Sid: 'DenyBootstrapStateWrites',
      Effect: 'Deny',
      Action: ['s3:PutObject', 's3:DeleteObject', 's3:DeleteObjectVersion'],
      Resource: `${stateBucket}/${BOOTSTRAP_STATE_PREFIX}*`,
    },
    {
      Sid: 'DenyStateToOtherRoles',
      Effect: 'Deny',
      Action: [
        's3:GetObject',
        's3:PutObject',
        's3:DeleteObject',
        'kms:Decrypt',
        'kms:GenerateDataKey',
      ],
      Resource: [`${stateBucket}/*`, scope.stateKeyArn],
      Condition: {
        ArnNotEquals: {
          'aws:PrincipalArn': [
            iamArn(scope, `role/${scope.prefix}-github-deploy`),
            iamArn(scope, `role/${scope.prefix}-github-plan`),
          ],
        },
      },
    },
  ];
}

/**
 * Unbounded roles an administrator created: whoever could edit their policies or trust, or pass
 * them to a service that runs code, could step outside the boundary. Passing each to its own
 * service stays possible (the deploy roles do, to create what uses them).
 */
function administeredRoleProtections(scope: PermissionScope): PolicyStatement[] {
  if (scope.administeredRoles.length === 0) return [];
  const arnOf = (name: string) => iamArn(scope, `role/${name}`);
  const services = [...new Set(scope.administeredRoles.map((role) => role.service))].sort();
  return [
    {
      Sid: 'DenyAdministeredRoleChanges',
      Effect: 'Deny',
      NotAction: ['iam:Get*', 'iam:List*', 'iam:PassRole'],
      Resource: scope.administeredRoles.map((role) => arnOf(role.name)),
    },
    ...services.map(
      (service): PolicyStatement => ({
        Sid: `DenyAdministeredRolesToOtherServices${services.length > 1 ? service.split('.')[0] : ''}`,
        Effect: 'Deny',
        Action: 'iam:PassRole',
        Resource: scope.administeredRoles
          .filter((role) => role.service === service)
          .map((role) => arnOf(role.name)),
        Condition: { StringNotEquals: { 'iam:PassedToService': service } },
      }),
    ),
  ];
}
