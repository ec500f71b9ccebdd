import { GlueSecurityConfiguration } from '@cdktf/provider-aws/lib/glue-security-configuration';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { PlatformKey } from '@genai-sandbox/security';
import type { Construct } from 'constructs';

export interface CatalogSecurityConfigurationProps {
  /** Purpose, the last part of the name `<platform>-<env>[-<project>]-<purpose>`. */
  readonly purpose: string;
}

/**
 * The Glue security configuration of a blueprint's crawlers: S3, CloudWatch Logs and job
 * bookmarks encrypted with the platform key. The key's ARN is random and lives in the foundation
 * stack; plans read no AWS data, so the configuration names it by alias ARN. S3 and KMS (job
 * bookmarks are client-side KMS) accept an alias ARN, and the bucket policy admits it.
 *
 * The resource itself, not a wrapper: its Terraform address is the ID given here, as it was when
 * the data-preprocessing stack created it inline.
 */
export class CatalogSecurityConfiguration extends GlueSecurityConfiguration {
  constructor(scope: Construct, id: string, props: CatalogSecurityConfigurationProps) {
    const stack = ConstructEnvironment.of(scope);
    const keyArn = PlatformKey.fromEnvironment(scope).aliasArn;
    super(scope, id, {
      name: stack.naming.name('glue', props.purpose),
      encryptionConfiguration: {
        s3Encryption: { s3EncryptionMode: 'SSE-KMS', kmsKeyArn: keyArn },
        cloudwatchEncryption: { cloudwatchEncryptionMode: 'SSE-KMS', kmsKeyArn: keyArn },
        jobBookmarksEncryption: { jobBookmarksEncryptionMode: 'CSE-KMS', kmsKeyArn: keyArn },
      },
    });
  }
}
