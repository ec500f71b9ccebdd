import {
  onlyResourceOfType,
  plainTestStack,
  resourcesOfType,
  synthesize,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { AccessLogBucket, MlBucket, MlBucketReference, TerraformStateBucket } from '../src';

describe('storage constructs in a plain TerraformStack', () => {
  it('synthesize with explicit values: names, account and region from the stack, encryption with the key passed in', () => {
    const stack = plainTestStack({ platform: 'risk', project: 'scoring' });
    const key = new PlatformKey(stack, 'Key', { purpose: 'data', description: 'Scoring data' });
    const accessLogs = new AccessLogBucket(stack, 'AccessLogs', { encryptionKey: key });
    const bucket = new MlBucket(stack, 'MlBucket', {
      encryptionKey: key,
      accessLogBucket: accessLogs,
    });
    new TerraformStateBucket(stack, 'State', {
      bucketName: 'risk-terraform-state-210987654321',
      encryptionKey: key,
    });
    const json = synthesize(stack);

    expect(
      Object.values(resourcesOfType(json, 'aws_s3_bucket'))
        .map((resource) => resource.bucket)
        .sort(),
    ).toEqual([
      'risk-dev-scoring-access-logs-210987654321',
      'risk-dev-scoring-ml-210987654321',
      'risk-dev-scoring-tfstate-access-logs-210987654321',
      'risk-terraform-state-210987654321',
    ]);
    expect(bucket.layout.data.raw).toBe('data/raw/');
    const encryptions = Object.values(
      resourcesOfType(json, 'aws_s3_bucket_server_side_encryption_configuration'),
    );
    expect(encryptions).toHaveLength(4);
    for (const encryption of encryptions) {
      expect(JSON.stringify(encryption)).toContain('${aws_kms_key.Key_');
    }
    // Access logs are accepted from this stack's buckets only, named by the explicit values.
    expect(JSON.stringify(json.resource?.aws_s3_bucket_policy)).toContain(
      'arn:aws:s3:::risk-dev-*',
    );
    expect(onlyResourceOfType(json, 'aws_kms_alias').name).toBe('alias/risk-dev-scoring-data');
  });

  it('names a bucket of another stack by its name and a key alias', () => {
    const stack = plainTestStack();
    const reference = new MlBucketReference(
      'team-dev-ml-210987654321',
      PlatformKey.fromAlias(stack, 'alias/team-dev-data'),
      'eu-central-1',
    );
    expect(reference.bucketArn).toBe('arn:aws:s3:::team-dev-ml-210987654321');
  });

  it('fails when a project bucket is looked up from the configuration outside a PlatformStack', () => {
    expect(() => MlBucketReference.ofProject(plainTestStack(), 'scoring')).toThrow(
      /not inside a PlatformStack; this needs the platform configuration/,
    );
  });
});
