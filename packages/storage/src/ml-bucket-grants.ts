import type { PolicyStatement } from '@genai-sandbox/core';
import { BUCKET_LIST_ACTIONS, OBJECT_READ_ACTIONS } from './perms';

/**
 * Bucket-policy statements that let roles of other accounts read one prefix and list only it.
 * The reading account also needs kms:Decrypt on the bucket key through S3 (see PlatformKey).
 */
export function modelArtifactReadStatements(
  bucketArn: string,
  prefix: string,
  roleArns: readonly string[],
): PolicyStatement[] {
  return [
    {
      Sid: 'DownstreamReadModelArtifacts',
      Effect: 'Allow',
      Principal: { AWS: [...roleArns] },
      Action: [...OBJECT_READ_ACTIONS],
      Resource: `${bucketArn}/${prefix}*`,
    },
    {
      Sid: 'DownstreamListModelArtifacts',
      Effect: 'Allow',
      Principal: { AWS: [...roleArns] },
      Action: [...BUCKET_LIST_ACTIONS],
      Resource: bucketArn,
      Condition: { StringLike: { 's3:prefix': `${prefix}*` } },
    },
  ];
}
