import { checkName, ResourceNamer } from '../src';

const namer = new ResourceNamer({
  platform: 'genai',
  environment: 'dev',
  accountId: '111111111111',
  project: 'fraud-detection',
});

describe('ResourceNamer', () => {
  it('joins platform, environment, project and purpose', () => {
    expect(namer.name('iam-role', 'training')).toBe('genai-dev-fraud-detection-training');
    expect(namer.bucketName('ml')).toBe('genai-dev-fraud-detection-ml-111111111111');
    expect(namer.kmsAlias('platform')).toBe('alias/genai-dev-fraud-detection-platform');
    expect(namer.logGroupName('vpc', 'flow-logs')).toBe('/genai/dev/fraud-detection/vpc/flow-logs');
    expect(namer.name('glue-database', 'features')).toBe('genai_dev_fraud_detection_features');
  });

  it('fails when a name is longer than the service allows, saying by how much', () => {
    expect(() => namer.bucketName('a-very-long-purpose-that-overflows')).toThrow(
      /Invalid s3-bucket name "genai-dev-fraud-detection-a-very-long-purpose-that-overflows-111111111111": 73 characters, the maximum is 63/,
    );
    expect(() => namer.name('iam-role', 'x'.repeat(40))).toThrow(/the maximum is 64/);
  });

  it.each([
    ['s3-bucket', 'Upper-Case', /lower-case letters/],
    ['s3-bucket', 'xn--bucket', /reserved prefixes/],
    ['s3-bucket', 'my-bucket-s3alias', /reserved prefixes or suffixes/],
    ['s3-bucket', '192.168.1.1', /IP address/],
    ['kms-alias', 'alias/aws/s3', /reserved "alias\/aws\/"/],
    ['security-group', 'sg-123', /not starting with "sg-"/],
    ['sagemaker', 'model_group', /letters, digits and hyphens/],
  ] as const)('fails when a %s name is "%s"', (resource, name, message) => {
    expect(() => checkName(resource, name)).toThrow(message);
  });

  it('accepts names at the limit', () => {
    expect(checkName('sagemaker', 'a'.repeat(63))).toHaveLength(63);
    expect(() => checkName('sagemaker', 'a'.repeat(64))).toThrow(/maximum is 63/);
  });
});
