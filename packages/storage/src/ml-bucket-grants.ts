import { accountRootArn, isDeployTime, type PolicyStatement } from '@genai-sandbox/core';
import { Fn } from 'cdktf';
import { BUCKET_LIST_ACTIONS, OBJECT_READ_ACTIONS } from './perms';

/**
 * Bucket-policy statements that let roles of other accounts read one prefix and list only it.
 * The principal is the account, narrowed to the roles by `aws:PrincipalArn`: S3 rejects a policy
 * naming a role that does not exist yet, and the next environment's role is created after this
 * bucket. The reading account also needs kms:Decrypt on the bucket key through S3 (PlatformKey).
 */
export function modelArtifactReadStatements(
  bucketArn: string,
  prefix: string,
  roleArns: readonly string[],
): PolicyStatement[] {
  // The account is the ARN's fifth field; a deploy-time ARN is split by Terraform instead.
  const accountOf = (arn: string) =>
    isDeployTime(arn) ? Fn.element(Fn.split(':', arn), 4) : arn.split(':')[4];
  const accounts = [...new Set(roleArns.map(accountOf))].map(accountRootArn);
  const onlyTheseRoles = { ArnEquals: { 'aws:PrincipalArn': [...roleArns] } };
  return [
    {
      Sid: 'DownstreamReadModelArtifacts',
      Effect: 'Allow',
      Principal: { AWS: accounts },
      Action: [...OBJECT_READ_ACTIONS],
      Resource: `${bucketArn}/${prefix}*`,
      Condition: onlyTheseRoles,
    },
    {
      Sid: 'DownstreamListModelArtifacts',
      Effect: 'Allow',
      Principal: { AWS: accounts },
      Action: [...BUCKET_LIST_ACTIONS],
      Resource: bucketArn,
      Condition: { ...onlyTheseRoles, StringLike: { 's3:prefix': `${prefix}*` } },
    },
  ];
}
