import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { TerraformVariable } from 'cdktf';
import {
  AccessLogBucket,
  ML_BUCKET_LAYOUT,
  MlBucket,
  MlBucketReference,
  TerraformStateBucket,
} from '../src';

/**
 * Props whose values are only known at deploy time (variables, other resources' attributes)
 * cannot be checked at synth time: every construct lets them through and leaves them to AWS.
 */
function stackWithKey(project?: string) {
  const stack = testStack({ project });
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowS3ServerAccessLogs: true,
  });
  const variable = (name: string, type: string) => new TerraformVariable(stack, name, { type });
  return { stack, key, variable };
}

describe('storage constructs given deploy-time values', () => {
  it('MlBucket accepts a model artifact reader from a variable, and reads its account in Terraform', () => {
    const { stack, key, variable } = stackWithKey();
    const reader = variable('reader', 'string').stringValue;
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    new MlBucket(stack, 'Ml', {
      project: 'fraud-detection',
      encryptionKey: key,
      accessLogBucket: accessLogs,
      modelArtifactReaders: [reader, 'arn:aws:iam::222222222222:role/genai-test-promotion'],
    });
    const policies = synthesize(stack).resource?.aws_s3_bucket_policy ?? {};
    // Terraform evaluates the interpolations before the policy is JSON; the text is checked as is.
    const policy = String(
      Object.entries(policies).find(([name]) => name.startsWith('Ml_'))?.[1].policy,
    );
    expect(policy).toContain(
      '"Principal":{"AWS":["arn:aws:iam::${element(split(":", var.reader), 4)}:root","arn:aws:iam::222222222222:root"]}',
    );
    expect(policy).toContain(
      '"aws:PrincipalArn":["${var.reader}","arn:aws:iam::222222222222:role/genai-test-promotion"]',
    );
  });

  it('fails when MlBucket gets the whole reader list from a variable, whose length decides the statements', () => {
    const { stack, key, variable } = stackWithKey();
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    expect(
      () =>
        new MlBucket(stack, 'Ml', {
          project: 'fraud-detection',
          encryptionKey: key,
          accessLogBucket: accessLogs,
          modelArtifactReaders: variable('readers', 'list(string)').listValue,
        }),
    ).toThrow(/modelArtifactReaders \(received .*\): pass a list/);
  });

  it('fails when MlBucket has no project to name the bucket after', () => {
    const { stack, key } = stackWithKey();
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    expect(
      () => new MlBucket(stack, 'Ml', { encryptionKey: key, accessLogBucket: accessLogs }),
    ).toThrow(/MlBucket test-dev\/Ml: 1 invalid prop:\n {2}- project \(received nothing\)/);
  });

  it('AccessLogBucket accepts a retention from a variable', () => {
    const { stack, key, variable } = stackWithKey();
    new AccessLogBucket(stack, 'AccessLogs', {
      encryptionKey: key,
      retentionDays: variable('days', 'number').numberValue,
    });
    const rules = onlyResourceOfType(synthesize(stack), 'aws_s3_bucket_lifecycle_configuration')
      .rule as { expiration?: { days: unknown }[] }[];
    expect(rules.some((rule) => rule.expiration?.[0]?.days === '${var.days}')).toBe(true);
  });

  it('TerraformStateBucket accepts its name and retentions from variables', () => {
    const { stack, key, variable } = stackWithKey();
    expect(
      () =>
        new TerraformStateBucket(stack, 'State', {
          bucketName: variable('bucket', 'string').stringValue,
          encryptionKey: key,
          accessLogRetentionDays: variable('logDays', 'number').numberValue,
          noncurrentVersionDays: variable('versionDays', 'number').numberValue,
        }),
    ).not.toThrow();
    expect(() => synthesize(stack)).not.toThrow();
  });

  it('MlBucketReference grants a prefix from a variable', () => {
    const { stack, variable } = stackWithKey('fraud-detection');
    const role = new ServiceRole(stack, 'Role', {
      purpose: 'jobs',
      description: 'Jobs',
      service: 'sagemaker.amazonaws.com',
    });
    const bucket = MlBucketReference.ofProject(stack);
    const prefix = variable('prefix', 'string').stringValue;
    const added = bucket.grantRead(role, prefix);
    expect(added[0].Resource).toBe(`${bucket.bucketArn}/${prefix}*`);
    expect(() => bucket.grantRead(role, ML_BUCKET_LAYOUT.data.raw)).not.toThrow();
  });
});
