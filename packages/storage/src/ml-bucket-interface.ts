import type { PolicyStatement } from '@genai-sandbox/core';
import { addStatements, type IGrantable, type IKeyGrants } from '@genai-sandbox/security';
import { Token } from 'cdktf';
import { ML_BUCKET_FOLDERS } from './layout';
import {
  BUCKET_LIST_ACTIONS,
  BUCKET_LOCATION_ACTIONS,
  KMS_DECRYPT_ACTIONS,
  KMS_THROUGH_S3_WRITE_ACTIONS,
  OBJECT_READ_ACTIONS,
  OBJECT_READ_WRITE_EXTRA_ACTIONS,
  OBJECT_WRITE_ACTIONS,
} from './perms';

/**
 * A project's ML bucket, owned by this stack (MlBucket) or by the foundation stack
 * (MlBucketReference): the same grants either way, each scoped to one folder of the layout and
 * returning the statements it added.
 */
export interface IMlBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** `s3://<bucket>/<prefix>`, for crawler targets and job configuration. */
  s3Uri(prefix?: string): string;
  /** Read objects under `prefix` and list only it, with the key through S3. Returns the statements added. */
  grantRead(grantee: IGrantable, prefix: string): PolicyStatement[];
  /** Read, write and replace objects under `prefix`; list only it. Returns the statements added. */
  grantReadWrite(grantee: IGrantable, prefix: string): PolicyStatement[];
}

/** Sid of the statement every grant on an ML bucket shares. */
export const ML_BUCKET_LOCATION_SID = 'MlBucketLocation';

/** The grants of IMlBucket over a bucket ARN, its key and region; shared by MlBucket and MlBucketReference. */
export class MlBucketGrants {
  constructor(
    private readonly bucketArn: string,
    private readonly key: IKeyGrants,
    private readonly region: string,
  ) {}

  grantRead(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grant(grantee, prefix, 'Read', [...OBJECT_READ_ACTIONS], KMS_DECRYPT_ACTIONS);
  }

  grantReadWrite(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grant(
      grantee,
      prefix,
      'ReadWrite',
      [...OBJECT_READ_ACTIONS, ...OBJECT_WRITE_ACTIONS, ...OBJECT_READ_WRITE_EXTRA_ACTIONS],
      KMS_THROUGH_S3_WRITE_ACTIONS,
    );
  }

  private grant(
    grantee: IGrantable,
    prefix: string,
    level: 'Read' | 'ReadWrite',
    objectActions: string[],
    keyActions: readonly string[],
  ): PolicyStatement[] {
    checkPrefix(prefix, this.bucketArn);
    const label = sidLabel(prefix);
    return addStatements(grantee, [
      {
        Sid: `Ml${level}${label}`,
        Effect: 'Allow',
        Action: objectActions,
        Resource: `${this.bucketArn}/${prefix}*`,
      },
      {
        Sid: `MlList${label}`,
        Effect: 'Allow',
        Action: [...BUCKET_LIST_ACTIONS],
        Resource: this.bucketArn,
        Condition: { StringLike: { 's3:prefix': [`${prefix}*`] } },
      },
      {
        Sid: ML_BUCKET_LOCATION_SID,
        Effect: 'Allow',
        Action: [...BUCKET_LOCATION_ACTIONS],
        Resource: this.bucketArn,
      },
      this.key.statementFor({
        sid: `MlKey${level}ThroughS3`,
        actions: keyActions,
        conditions: { StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` } },
      }),
    ]);
  }
}

/** A grant names one folder of the layout, or a folder below one; never the whole bucket. */
function checkPrefix(prefix: string, bucketArn: string): void {
  if (Token.isUnresolved(prefix)) return;
  const inLayout = ML_BUCKET_FOLDERS.some((folder) => prefix.startsWith(folder));
  if (!prefix.endsWith('/') || !inLayout || /[*?]/.test(prefix)) {
    throw new Error(
      `Grant on ML bucket ${bucketArn}: prefix "${prefix}" must be a folder of the ML bucket layout or below one, ending with "/" and without wildcards (one of ${ML_BUCKET_FOLDERS.join(', ')}); use ML_BUCKET_LAYOUT`,
    );
  }
}

/**
 * `data/processed/` -> `DataProcessed`: Sids are alphanumeric. A prefix known only at deploy time
 * gets a label from its token, unique per token.
 */
export function sidLabel(prefix: string): string {
  return prefix
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
