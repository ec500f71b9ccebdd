import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { TerraformOutput, TerraformVariable } from 'cdktf';
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

describe('PlatformKey.fromKeyArn', () => {
  const ARN = 'arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0';

  it('names a key of another stack by its ARN, with its ID, and grants on exactly that key', () => {
    const { role, policy } = setup('fraud-detection');
    const key = PlatformKey.fromKeyArn(ARN, 'alias/genai-dev-platform');
    expect(key.keyId).toBe('0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0');
    const added = key.grantEncryptDecrypt(role);
    expect(policy()).toEqual(added);
    expect(added).toEqual([
      { Sid: 'UsePlatformKey', Effect: 'Allow', Action: [...KMS_USE_ACTIONS], Resource: ARN },
    ]);
  });

  it('takes an ARN known only at deploy time and leaves the key ID to Terraform', () => {
    const { stack, role } = setup('fraud-detection');
    const arn = new TerraformVariable(stack, 'platform_key_arn', { type: 'string' }).stringValue;
    const key = PlatformKey.fromKeyArn(arn, 'alias/genai-dev-platform');
    key.grantEncryptDecrypt(role);
    new TerraformOutput(stack, 'key_id', { value: key.keyId });
    expect(synthesize(stack).output?.key_id?.value).toBe(
      '${element(split("/", var.platform_key_arn), 1)}',
    );
  });

  it('fails when given an alias ARN where a key ARN is required', () => {
    expect(() =>
      PlatformKey.fromKeyArn(
        'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
        'alias/genai-dev-platform',
      ),
    ).toThrow(/is not a KMS key ARN; pass arn:aws:kms:<region>:<account>:key\/<key-id>/);
  });
});
