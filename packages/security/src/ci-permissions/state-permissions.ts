import type { PolicyStatement } from '@genai-sandbox/core';
import { bucketArn, type PermissionScope } from './permission-scope';

/**
 * Terraform's S3 native locking (`use_lockfile`, Terraform 1.10+) writes `<state key>.tflock` next to
 * the state object and deletes it when the run ends.
 */
export const LOCK_FILE_SUFFIX = '.tflock';

/** The bootstrap stacks' own state; only an administrator applies them (README). */
export const BOOTSTRAP_STATE_PREFIX = 'bootstrap-';

/**
 * What reading state takes: listing the bucket (the S3 backend lists workspaces and reads
 * `HeadObject`, which S3 authorises through ListBucket when the object is missing), reading every
 * state object, and the state key. `kms:GenerateDataKey` is there because even a read-only plan
 * writes its lock file, and S3 encrypts that object under the same key.
 */
export function stateReadStatements(scope: PermissionScope): PolicyStatement[] {
  const bucket = bucketArn(scope.stateBucketName);
  return [
    { Sid: 'StateList', Effect: 'Allow', Action: 's3:ListBucket', Resource: bucket },
    { Sid: 'StateRead', Effect: 'Allow', Action: 's3:GetObject', Resource: `${bucket}/*` },
    {
      Sid: 'StateKey',
      Effect: 'Allow',
      Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
      Resource: scope.stateKeyArn,
    },
  ];
}

/** Writing and removing lock files only: a plan takes the lock but never writes state. */
export function stateLockStatements(scope: PermissionScope): PolicyStatement[] {
  return [
    {
      Sid: 'StateLockFiles',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${bucketArn(scope.stateBucketName)}/*${LOCK_FILE_SUFFIX}`,
    },
  ];
}

/**
 * Writing state, lock and digest objects of the platform's stacks. The bucket holds nothing else,
 * so the grant covers the bucket's objects; the bootstrap stack's own state is carved out by the
 * permissions boundary (boundaryProtections).
 */
export function stateWriteStatements(scope: PermissionScope): PolicyStatement[] {
  const bucket = bucketArn(scope.stateBucketName);
  return [
    {
      Sid: 'StateWrite',
      Effect: 'Allow',
      Action: ['s3:PutObject', 's3:DeleteObject'],
      Resource: `${bucket}/*`,
    },
  ];
}
