import { S3BucketLoggingA } from '@cdktf/provider-aws/lib/s3-bucket-logging';
import { S3BucketNotification } from '@cdktf/provider-aws/lib/s3-bucket-notification';
import { S3Object } from '@cdktf/provider-aws/lib/s3-object';
import { mlBucketName } from '@genai-sandbox/config';
import {
  ConstructEnvironment,
  isDeployTime,
  type PolicyStatement,
  PropProblems,
} from '@genai-sandbox/core';
import type { IGrantable, IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { ML_BUCKET_FOLDERS, ML_BUCKET_LAYOUT } from './layout';
import {
  lifecycleRuleProblems,
  type PrefixLifecycleRule,
  ML_BUCKET_LIFECYCLE_RULES,
} from './lifecycle-rules';
import { modelArtifactReadStatements } from './ml-bucket-grants';
import { type IMlBucket, MlBucketGrants } from './ml-bucket-interface';
import { type IBucket, SecureBucket } from './secure-bucket';

export interface MlBucketProps {
  /**
   * The project the bucket belongs to, for account-level stacks that hold every project's bucket;
   * part of the name. Project stacks already carry their project in every name.
   * @default - the stack's project
   */
  readonly project?: string;
  /** Customer managed key for SSE-KMS (the platform key). */
  readonly encryptionKey: IKey;
  /** Where S3 server access logs go. */
  readonly accessLogBucket: IBucket;
  /** Lifecycle rules by prefix. @default ML_BUCKET_LIFECYCLE_RULES */
  readonly lifecycleRules?: readonly PrefixLifecycleRule[];
  /**
   * IAM role ARNs in other accounts that may read `artifacts/models/` (the next environment of
   * the promotion chain). The key must admit their accounts too. @default - no cross-account access
   */
  readonly modelArtifactReaders?: readonly string[];
  /** Create zero-byte folder markers for the ML bucket layout, so the tree shows in consoles. @default true */
  readonly createFolderMarkers?: boolean;
}

const ROLE_ARN = /^arn:aws[a-z-]*:iam::(\d{12}):role\/[\w+=,.@/-]+$/;

/**
 * The single ML bucket of a project (docs/architecture.md#ml-bucket): its folder layout and
 * lifecycle rules on top of SecureBucket, server access logging, EventBridge notifications (they
 * drive pipelines), and optional cross-account read of model artifacts.
 */
export class MlBucket extends Construct implements IBucket, IMlBucket {
  readonly bucketName: string;
  readonly bucketArn: string;
  readonly encryptionKey: IKey;
  readonly bucket: SecureBucket;
  /** The prefixes of the layout, for grants and job configuration. */
  readonly layout = ML_BUCKET_LAYOUT;
  private readonly grants: MlBucketGrants;

  constructor(scope: Construct, id: string, props: MlBucketProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const lifecycleRules = props.lifecycleRules ?? ML_BUCKET_LIFECYCLE_RULES;
    const readers = [...new Set(props.modelArtifactReaders ?? [])];
    const project = props.project ?? stack.projectName;
    const problems = new PropProblems();
    if (project === undefined)
      problems.add(
        'project',
        project,
        'the stack has no project; pass the project whose bucket this is',
      );
    problems.addAll(lifecycleRuleProblems(lifecycleRules));
    if (isDeployTime(props.modelArtifactReaders)) {
      problems.add(
        'modelArtifactReaders',
        props.modelArtifactReaders,
        'pass a list: its length decides the policy statements at synth time (its elements may be deploy-time values)',
      );
    }
    // A deploy-time ARN (a variable, another resource's attribute) cannot be checked here.
    for (const arn of readers.filter((reader) => !isDeployTime(reader))) {
      const account = ROLE_ARN.exec(arn)?.[1];
      if (account === undefined || account === stack.accountId)
        problems.add(
          'modelArtifactReaders',
          arn,
          'not an IAM role ARN of another account; use arn:aws:iam::<account>:role/<name>',
        );
    }
    problems.throwIfAny(this, 'MlBucket');

    const bucketName = mlBucketName(stack, stack.environment, project ?? '');
    const bucketArn = `arn:aws:s3:::${bucketName}`;
    const grants: PolicyStatement[] =
      readers.length === 0
        ? []
        : modelArtifactReadStatements(bucketArn, ML_BUCKET_LAYOUT.artifacts.models, readers);
    this.bucket = new SecureBucket(this, 'Bucket', {
      bucketName,
      encryptionKey: props.encryptionKey,
      lifecycleRules,
      policyStatements: grants,
    });
    this.bucketName = this.bucket.bucketName;
    this.bucketArn = this.bucket.bucketArn;
    this.encryptionKey = props.encryptionKey;
    this.grants = new MlBucketGrants(this.bucketArn, this.encryptionKey, stack.region);

    new S3BucketLoggingA(this, 'AccessLogging', {
      bucket: this.bucket.resource.id,
      targetBucket: props.accessLogBucket.bucketName,
      targetPrefix: `${bucketName}/`,
    });
    new S3BucketNotification(this, 'EventBridge', {
      bucket: this.bucket.resource.id,
      eventbridge: true,
    });

    if (props.createFolderMarkers ?? true) {
      for (const folder of ML_BUCKET_FOLDERS) {
        new S3Object(this, folderMarkerId(folder), {
          bucket: this.bucket.resource.id,
          key: folder,
          content: '',
          contentType: 'application/x-directory',
          serverSideEncryption: 'aws:kms',
          kmsKeyId: props.encryptionKey.keyArn,
          // The bucket policy refuses objects under other keys; the default must be set first.
          dependsOn: [this.bucket.encryption, this.bucket.policy],
        });
      }
    }
  }

  s3Uri(prefix = ''): string {
    return `s3://${this.bucketName}/${prefix}`;
  }

  grantRead(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grants.grantRead(grantee, prefix);
  }

  grantReadWrite(grantee: IGrantable, prefix: string): PolicyStatement[] {
    return this.grants.grantReadWrite(grantee, prefix);
  }
}

/** `data/raw/` -> `FolderDataRaw`: construct IDs are public API and may not contain "/". */
export function folderMarkerId(folder: string): string {
  const words = folder.split(/[/-]/).filter(Boolean);
  return `Folder${words.map((word) => word[0].toUpperCase() + word.slice(1)).join('')}`;
}
