import { mlBucketName } from '@genai-sandbox/config';
import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import { type IGrantable, type IPlatformKey, PlatformKey } from '@genai-sandbox/security';
import type { Construct } from 'constructs';
import { type IMlBucket, MlBucketGrants } from './ml-bucket-interface';

/**
 * A project's ML bucket as a blueprint stack sees it: the foundation stack owns the bucket, and
 * the name is derived from configuration (`mlBucketName`) so no data source is needed. Grants
 * are prefix-scoped and name the platform key by alias, since its ARN lives in another stack.
 */
export class MlBucketReference implements IMlBucket {
  /**
   * The ML bucket of `project` (default: the stack's project) in a PlatformStack's environment,
   * checked against the projects its configuration lists. Another stack names the bucket with
   * `new MlBucketReference(name, key, region)`.
   */
  static ofProject(scope: Construct, project?: string): MlBucketReference {
    const stack = PlatformStack.of(scope);
    const name = project ?? stack.projectName;
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
      mlBucketName(stack, stack.environment, name),
      PlatformKey.fromEnvironment(scope),
      stack.region,
    );
  }

  readonly bucketArn: string;
  private readonly grants: MlBucketGrants;

  constructor(
    readonly bucketName: string,
    readonly encryptionKey: IPlatformKey,
    region: string,
  ) {
    this.bucketArn = `arn:aws:s3:::${bucketName}`;
    this.grants = new MlBucketGrants(this.bucketArn, encryptionKey, region);
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
