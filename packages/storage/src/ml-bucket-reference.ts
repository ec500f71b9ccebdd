import { mlBucketName } from '@genai-sandbox/config';
import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import {
  type IGrantable,
  type PlatformKeyReference,
  platformKeyOfEnvironment,
} from '@genai-sandbox/security';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
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
 * A project's ML bucket as a blueprint stack sees it: the foundation stack owns the bucket, and
 * the name is derived from configuration (`mlBucketName`) so no data source is needed. Grants
 * are prefix-scoped and name the platform key by alias, since its ARN lives in another stack.
 */
export class MlBucketReference {
  /** The ML bucket of `project` (default: the stack's project) in the stack's environment. */
  static ofProject(scope: Construct, project?: string): MlBucketReference {
    const stack = PlatformStack.of(scope);
    const name = project ?? stack.project?.name;
    if (!name) {
      throw new Error(
        `MlBucketReference.ofProject in ${stack.node.id}: the stack has no project; pass the project name`,
      );
    }
    if (!stack.environment.projects.some((candidate) => candidate.name === name)) {
      throw new Error(
        `MlBucketReference.ofProject: project "${name}" is not configured in environment ${stack.environment.name}, so foundation creates no bucket for it; add it to ${stack.environment.name}.json`,
      );
    }
    return new MlBucketReference(
      mlBucketName(stack.config, stack.environment, name),
      platformKeyOfEnvironment(scope),
      stack.region,
    );
  }

  readonly bucketArn: string;

  constructor(
    readonly bucketName: string,
    readonly encryptionKey: PlatformKeyReference,
    private readonly region: string,
  ) {
    this.bucketArn = `arn:aws:s3:::${bucketName}`;
  }

  /** `s3://<bucket>/<prefix>`, for crawler targets and job configuration. */
  s3Uri(prefix = ''): string {
    return `s3://${this.bucketName}/${prefix}`;
  }

  /** Read objects under `prefix` and list only it. Returns the statements added. */
  grantRead(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grant(grantee, prefix, 'Read', [...OBJECT_READ_ACTIONS], [...KMS_DECRYPT_ACTIONS]);
  }

  /** Read, write and replace objects under `prefix`; list only it. Returns the statements added. */
  grantReadWrite(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grant(
      grantee,
      prefix,
      'ReadWrite',
      [...OBJECT_READ_ACTIONS, ...OBJECT_WRITE_ACTIONS, ...OBJECT_READ_WRITE_EXTRA_ACTIONS],
      [...KMS_THROUGH_S3_WRITE_ACTIONS],
    );
  }

  private grant(
    grantee: IGrantable,
    prefix: string,
    level: 'Read' | 'ReadWrite',
    objectActions: string[],
    keyActions: string[],
  ): PolicyStatement[] {
    checkPrefix(prefix);
    const label = sidLabel(prefix);
    const statements: PolicyStatement[] = [
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
        Sid: 'MlBucketLocation',
        Effect: 'Allow',
        Action: [...BUCKET_LOCATION_ACTIONS],
        Resource: this.bucketArn,
      },
      {
        Sid: `MlKey${level}ThroughS3`,
        Effect: 'Allow',
        Action: keyActions,
        Resource: this.encryptionKey.keyArnPattern,
        Condition: {
          ...this.encryptionKey.aliasCondition,
          StringEquals: { 'kms:ViaService': `s3.${this.region}.amazonaws.com` },
        },
      },
    ];
    return statements.filter((statement) => grantee.addToPolicy(statement));
  }
}

/** A grant names one folder of the layout, or a folder below one; never the whole bucket. */
function checkPrefix(prefix: string): void {
  if (Token.isUnresolved(prefix)) return;
  const inLayout = ML_BUCKET_FOLDERS.some((folder) => prefix.startsWith(folder));
  if (!prefix.endsWith('/') || !inLayout || /[*?]/.test(prefix)) {
    throw new Error(
      `MlBucketReference: prefix "${prefix}" must be a folder of the seed-000 layout or below one, ending with "/" and without wildcards (one of ${ML_BUCKET_FOLDERS.join(', ')}); use ML_BUCKET_LAYOUT`,
    );
  }
}

/** `data/processed/` -> `DataProcessed`: Sids are alphanumeric. */
function sidLabel(prefix: string): string {
  return prefix
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((part) => part[0].toUpperCase() + part.slice(1))
    .join('');
}
