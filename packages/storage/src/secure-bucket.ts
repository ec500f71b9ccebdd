import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';
import { S3BucketLifecycleConfiguration } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { S3BucketOwnershipControls } from '@cdktf/provider-aws/lib/s3-bucket-ownership-controls';
import { S3BucketPolicy } from '@cdktf/provider-aws/lib/s3-bucket-policy';
import { S3BucketPublicAccessBlock } from '@cdktf/provider-aws/lib/s3-bucket-public-access-block';
import { S3BucketServerSideEncryptionConfigurationA } from '@cdktf/provider-aws/lib/s3-bucket-server-side-encryption-configuration';
import { S3BucketVersioningA } from '@cdktf/provider-aws/lib/s3-bucket-versioning';
import { kmsAliasArn } from '@genai-sandbox/config';
import { ConstructEnvironment, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { type PrefixLifecycleRule, renderLifecycleRules } from './lifecycle-rules';

/** A bucket as other constructs see it. */
export interface IBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  /** The key that encrypts its objects. */
  readonly encryptionKey: IKey;
}

export interface SecureBucketProps {
  /** The physical name, from the naming helper. */
  readonly bucketName: string;
  /** Customer managed key for SSE-KMS; S3 bucket keys are enabled to cut KMS calls. */
  readonly encryptionKey: IKey;
  /** Extra bucket-policy statements, after the TLS and encryption guards. @default - none */
  readonly policyStatements?: readonly PolicyStatement[];
  /** Prefix lifecycle rules. @default - none besides multipart and noncurrent-version hygiene */
  readonly lifecycleRules?: readonly PrefixLifecycleRule[];
  /** Days noncurrent versions are kept. @default 90 */
  readonly noncurrentVersionDays?: number;
}

/**
 * The parts every platform bucket shares: versioning, SSE-KMS with a customer key and bucket keys,
 * all public access blocked, ACLs disabled, a policy that refuses plain HTTP, TLS below 1.2 and
 * objects encrypted with any other key, and lifecycle hygiene. `prevent_destroy` in production.
 */
export class SecureBucket extends Construct implements IBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly encryptionKey: IKey;
  readonly resource: S3Bucket;
  readonly policy: S3BucketPolicy;
  readonly encryption: S3BucketServerSideEncryptionConfigurationA;
  /** All bucket policy statements, guards first; exposed for tests and reviews. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: SecureBucketProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.encryptionKey = props.encryptionKey;
    this.resource = stack.protect(
      new S3Bucket(this, 'Resource', { bucket: props.bucketName, forceDestroy: false }),
    );
    this.bucketName = this.resource.bucket;
    this.bucketArn = this.resource.arn;
    const bucket = this.resource.id;

    const versioning = new S3BucketVersioningA(this, 'Versioning', {
      bucket,
      versioningConfiguration: { status: 'Enabled' },
    });
    this.encryption = new S3BucketServerSideEncryptionConfigurationA(this, 'Encryption', {
      bucket,
      rule: [
        {
          applyServerSideEncryptionByDefault: {
            sseAlgorithm: 'aws:kms',
            kmsMasterKeyId: props.encryptionKey.keyArn,
          },
          bucketKeyEnabled: true,
        },
      ],
    });
    const publicAccess = new S3BucketPublicAccessBlock(this, 'PublicAccessBlock', {
      bucket,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    });
    new S3BucketOwnershipControls(this, 'OwnershipControls', {
      bucket,
      rule: { objectOwnership: 'BucketOwnerEnforced' },
    });

    const objects = `${this.bucketArn}/*`;
    this.policyStatements = [
      {
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucketArn, objects],
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      },
      {
        Sid: 'DenyTlsBelow12',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:*',
        Resource: [this.bucketArn, objects],
        Condition: { NumericLessThan: { 's3:TlsVersion': '1.2' } },
      },
      {
        // Requests that name no key get the bucket default, which is this key (S3 log delivery and
        // plain uploads name none), so only a request naming another key is refused. Without
        // IfExists a missing header leaves the condition false; the alias ARN is accepted because
        // clients (the Terraform S3 backend) may name the key by its predictable alias.
        Sid: 'DenyObjectsEncryptedWithOtherKeys',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        Condition: {
          StringNotEquals: {
            's3:x-amz-server-side-encryption-aws-kms-key-id': [
              props.encryptionKey.keyArn,
              aliasArn(stack, props.encryptionKey),
            ],
          },
        },
      },
      {
        Sid: 'DenyObjectsEncryptedWithS3ManagedKeys',
        Effect: 'Deny',
        Principal: '*',
        Action: 's3:PutObject',
        Resource: objects,
        Condition: { StringEquals: { 's3:x-amz-server-side-encryption': 'AES256' } },
      },
      ...(props.policyStatements ?? []),
    ];
    // The public access block must exist first, or S3 may judge the policy before it applies.
    this.policy = new S3BucketPolicy(this, 'Policy', {
      bucket,
      policy: renderPolicy(this.policyStatements),
      dependsOn: [publicAccess],
    });

    // Lifecycle rules on noncurrent versions need versioning in place first (provider docs).
    new S3BucketLifecycleConfiguration(this, 'Lifecycle', {
      bucket,
      rule: renderLifecycleRules(props.lifecycleRules ?? [], props.noncurrentVersionDays ?? 90),
      dependsOn: [versioning],
    });
  }
}

function aliasArn(stack: ConstructEnvironment, key: IKey): string {
  return kmsAliasArn(stack.region, stack, key.aliasName);
}
