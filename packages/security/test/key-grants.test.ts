import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { KMS_USE_ACTIONS, PlatformKey, ServiceRole } from '../src';

function setup(project?: string) {
  const stack = testStack({ project });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'jobs',
    description: 'Jobs',
    service: 'sagemaker.amazonaws.com',
  });
  const policy = () =>
    JSON.parse(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy').policy as string)
      .Statement;
  return { stack, role, policy };
}

describe('PlatformKey.fromEnvironment grants', () => {
  it('grantEncryptDecrypt names the key by its alias, adds the statement once and returns it', () => {
    const { stack, role, policy } = setup('fraud-detection');
    const key = PlatformKey.fromEnvironment(stack);
    const added = key.grantEncryptDecrypt(role);
    expect(added).toEqual([
      {
        Sid: 'UsePlatformKey',
        Effect: 'Allow',
        Action: [...KMS_USE_ACTIONS],
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: {
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
        },
      },
    ]);
    expect(policy()).toEqual(added);
    expect(key.grantEncryptDecrypt(role)).toEqual([]);
  });

  it('grant adds further conditions after the alias condition', () => {
    const { stack, role } = setup();
    const added = PlatformKey.fromEnvironment(stack).grant(role, {
      sid: 'DecryptThroughS3',
      actions: ['kms:Decrypt'],
      conditions: { StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' } },
    });
    expect(added[0].Condition).toEqual({
      'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
      StringEquals: { 'kms:ViaService': 's3.eu-west-1.amazonaws.com' },
    });
  });
});

describe('PlatformKey grants', () => {
  it('grantEncryptDecrypt names an owned key by its ARN, without conditions', () => {
    const { stack, role, policy } = setup();
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Key' });
    const added = key.grantEncryptDecrypt(role, 'UseKey');
    expect(added).toHaveLength(1);
    expect(policy()).toEqual([
      {
        Sid: 'UseKey',
        Effect: 'Allow',
        Action: [...KMS_USE_ACTIONS],
        Resource: expect.stringMatching(/^\$\{aws_kms_key\.Key_[0-9A-F]+\.arn\}$/),
      },
    ]);
  });

  it('grants to a role whose ARN and a condition value are known only at deploy time', () => {
    const { stack, role, policy } = setup();
    const service = new TerraformVariable(stack, 'service', { type: 'string' }).stringValue;
    const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Key' });
    key.grant(role, {
      sid: 'Through',
      actions: ['kms:Decrypt'],
      conditions: { StringEquals: { 'kms:ViaService': service } },
    });
    expect(policy()[0].Condition).toEqual({ StringEquals: { 'kms:ViaService': '${var.service}' } });
  });
});
