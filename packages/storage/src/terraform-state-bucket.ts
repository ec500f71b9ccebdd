import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { checkName, ConstructEnvironment, isDeployTime, PropProblems } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { lifecycleRuleProblems } from './lifecycle-rules';
import { AccessLogBucket } from './access-log-bucket';
import { type IBucket, SecureBucket } from './secure-bucket';

export interface TerraformStateBucketProps {
  /**
   * The physical name, from the environment's `stateBackend.bucket`: every stack's backend names
   * it, so it is configuration rather than a name of the naming helper.
   */
  readonly bucketName: string;
  /**
   * Key for state objects and their access logs; its policy must let `logging.s3.amazonaws.com`
   * generate data keys (PlatformKey's `allowS3ServerAccessLogs`).
   */
  readonly encryptionKey: IKey;
  /** Days the state bucket's access logs are kept. @default 365 */
  readonly accessLogRetentionDays?: number;
  /** Days superseded state versions are kept, to roll back a bad apply. @default 365 */
  readonly noncurrentVersionDays?: number;
}

/**
 * The bucket that holds the Terraform state of every stack of an account, on top of SecureBucket
 * (versioning, SSE-KMS, TLS only, public access blocked), with its own small access-log bucket:
 * the account's AccessLogBucket belongs to the foundation stack, which is applied after this one
 * and keeps its state here.
 *
 * The state bucket carries `prevent_destroy` in every environment, not only where configuration
 * asks for it: without state Terraform no longer knows what it manages, in dev as much as in prod.
 */
export class TerraformStateBucket extends Construct implements IBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly encryptionKey: IKey;
  readonly bucket: SecureBucket;
  readonly accessLogs: AccessLogBucket;
  /** The access-log bucket's name as a plain string, for policies that must name it before apply. */
  readonly accessLogBucketName: string;

  constructor(scope: Construct, id: string, props: TerraformStateBucketProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const retention = {
      id: 'expire-access-logs',
      prefix: '',
      expirationDays: props.accessLogRetentionDays ?? 365,
    };
    const problems = new PropProblems().addAll(
      lifecycleRuleProblems([retention]).map((problem) => ({
        ...problem,
        prop: 'accessLogRetentionDays',
      })),
    );
    const noncurrentDays = props.noncurrentVersionDays ?? 365;
    if (!isDeployTime(noncurrentDays) && (!Number.isInteger(noncurrentDays) || noncurrentDays < 1))
      problems.add(
        'noncurrentVersionDays',
        noncurrentDays,
        'use a whole number of days, at least 1',
      );
    problems.check('bucketName', props.bucketName, () => checkName('s3-bucket', props.bucketName));
    problems.throwIfAny(this, 'TerraformStateBucket');

    this.accessLogs = new AccessLogBucket(this, 'AccessLogs', {
      encryptionKey: props.encryptionKey,
      retentionDays: retention.expirationDays,
      purpose: 'tfstate-access-logs',
      sourceBucketArns: `arn:aws:s3:::${props.bucketName}`,
    });
    this.accessLogBucketName = stack.naming.bucketName('tfstate-access-logs');

    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName: props.bucketName,
      encryptionKey: props.encryptionKey,
      noncurrentVersionDays: noncurrentDays,
    });
    this.bucket.resource.lifecycle = { ...this.bucket.resource.lifecycle, preventDestroy: true };
    new S3BucketLoggingA(this, 'AccessLogging', {
      bucket: this.bucket.resource.id,
      targetBucket: this.accessLogs.bucketName,
      targetPrefix: `${props.bucketName}/`,
    });

    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.encryptionKey = props.encryptionKey;
  }
}
