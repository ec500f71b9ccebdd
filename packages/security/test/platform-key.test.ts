import { TerraformVariable } from 'cdktf';
import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '../src';

function keyPolicy(json: ReturnType<typeof synthesize>) {
  return JSON.parse(onlyResourceOfType(json, 'aws_kms_key').policy as string);
}

describe('PlatformKey', () => {
  it('rotates yearly, waits 30 days before deletion, and has an alias from the naming helper', () => {
    const stack = testStack();
    new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_kms_key')).toMatchObject({
      enable_key_rotation: true,
      rotation_period_in_days: 365,
      deletion_window_in_days: 30,
      key_usage: 'ENCRYPT_DECRYPT',
    });
    expect(onlyResourceOfType(json, 'aws_kms_alias')).toMatchObject({
      name: 'alias/genai-dev-platform',
    });
  });

  it('admits only the account, and CloudWatch Logs bound to this account by encryption context', () => {
    const stack = testStack();
    new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    expect(keyPolicy(synthesize(stack)).Statement).toEqual([
      {
        Sid: 'AccountAdministersKeyThroughIam',
        Effect: 'Allow',
        Principal: { AWS: 'arn:aws:iam::111111111111:root' },
        Action: 'kms:*',
        Resource: '*',
      },
      {
        Sid: 'CloudWatchLogsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Action: [
          'kms:Encrypt*',
          'kms:Decrypt*',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:Describe*',
        ],
        Resource: '*',
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*',
          },
        },
      },
    ]);
  });

  it('lets downstream accounts only decrypt, only through S3, only as themselves', () => {
    const stack = testStack();
    new PlatformKey(stack, 'Key', {
      purpose: 'platform',
      description: 'Platform key',
      downstreamAccountIds: ['222222222222'],
    });
    expect(keyPolicy(synthesize(stack)).Statement).toContainEqual({
      Sid: 'DownstreamAccountsDecryptThroughS3',
      Effect: 'Allow',
      Principal: { AWS: ['arn:aws:iam::222222222222:root'] },
      Action: ['kms:Decrypt', 'kms:DescribeKey'],
      Resource: '*',
      Condition: {
        StringEquals: {
          'kms:ViaService': 's3.eu-west-1.amazonaws.com',
          'kms:CallerAccount': ['222222222222'],
        },
      },
    });
  });

  it('admits S3 server access log delivery of this account only when asked', () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', {
      purpose: 'platform',
      description: 'Platform key',
      allowS3ServerAccessLogs: true,
    });
    expect(key.policyStatements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 'kms:GenerateDataKey',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      }),
    );
  });

  it('has no statement with a wildcard principal', () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', {
      purpose: 'p',
      description: 'd',
      downstreamAccountIds: ['222222222222'],
      allowS3ServerAccessLogs: true,
    });
    expect(
      key.policyStatements.filter((statement) => JSON.stringify(statement.Principal).includes('*')),
    ).toEqual([]);
  });

  it('sets prevent_destroy in production', () => {
    const stack = testStack({ environment: 'prod' });
    new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform key' });
    expect(onlyResourceOfType(synthesize(stack), 'aws_kms_key').lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it('fails when a downstream account is malformed or the key own account', () => {
    expect(
      () =>
        new PlatformKey(testStack(), 'Key', {
          purpose: 'p',
          description: 'd',
          downstreamAccountIds: ['2222', '111111111111'],
        }),
    ).toThrow(
      /downstreamAccountIds \["2222","111111111111"\] must be 12-digit IDs of other accounts than 111111111111/,
    );
  });

  it('fails when the deletion window is outside 7 to 30 days', () => {
    expect(
      () =>
        new PlatformKey(testStack(), 'Key', {
          purpose: 'p',
          description: 'd',
          deletionWindowDays: 3,
        }),
    ).toThrow(/deletionWindowDays is 3; KMS allows whole days from 7 to 30/);
  });

  it('leaves token inputs to AWS, known only at deploy time', () => {
    const stack = testStack();
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    const account = new TerraformVariable(stack, 'account', { type: 'string' }).stringValue;
    const props = {
      purpose: 'p',
      description: 'd',
      deletionWindowDays: days,
      downstreamAccountIds: [account],
    };
    expect(() => new PlatformKey(stack, 'Key', props)).not.toThrow();
  });
});
