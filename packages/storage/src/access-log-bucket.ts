import { platformBucketArnPattern } from '@genai-sandbox/config';
import { ConstructEnvironment, suppressPolicyRule, throwIfProblems } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { lifecycleRuleProblems } from './lifecycle-rules';
import { type IBucket, SecureBucket } from './secure-bucket';

export interface AccessLogBucketProps {
  /** Key for the log objects; its policy must let `logging.s3.amazonaws.com` generate data keys. */
  readonly encryptionKey: IKey;
  /** Days access logs are kept. @default 365 */
  readonly retentionDays?: number;
  /** Purpose, part of the name `<platform>-<env>-<purpose>-<account>`. @default 'access-logs' */
  readonly purpose?: string;
  /**
   * The buckets whose logs may be delivered here, as an ARN pattern (ArnLike).
   * @default - every platform bucket of the environment, `arn:aws:s3:::<platform>-<env>-*`
   */
  readonly sourceBucketArns?: string;
}

/**
 * The account's S3 server access log bucket. Only the S3 logging service may write to it, and only
 * for this account's platform buckets.
 */
export class AccessLogBucket extends Construct implements IBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly encryptionKey: IKey;
  readonly bucket: SecureBucket;

  constructor(scope: Construct, id: string, props: AccessLogBucketProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const retention = {
      id: 'expire-access-logs',
      prefix: '',
      expirationDays: props.retentionDays ?? 365,
    };
    throwIfProblems(
      this,
      'AccessLogBucket',
      lifecycleRuleProblems([retention]).map((problem) => ({ ...problem, prop: 'retentionDays' })),
    );

    const bucketName = stack.naming.bucketName(props.purpose ?? 'access-logs');
    const sourceBuckets =
      props.sourceBucketArns ?? platformBucketArnPattern(stack, stack.environment);
    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName,
      encryptionKey: props.encryptionKey,
      lifecycleRules: [retention],
      noncurrentVersionDays: 30,
      policyStatements: [
        {
          Sid: 'S3ServerAccessLogDelivery',
          Effect: 'Allow',
          Principal: { Service: 'logging.s3.amazonaws.com' },
          Action: 's3:PutObject',
          Resource: `arn:aws:s3:::${bucketName}/*`,
          Condition: {
            StringEquals: { 'aws:SourceAccount': stack.accountId },
            ArnLike: { 'aws:SourceArn': sourceBuckets },
          },
        },
      ],
    });
    suppressPolicyRule(
      this.bucket.resource,
      's3-bucket-access-logging',
      'this is the access-log bucket itself: logging it into itself would log every log delivery, without end',
    );
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.encryptionKey = props.encryptionKey;
  }
}
