import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { ModelInvocationLogging } from '../src';

describe('ModelInvocationLogging', () => {
  const stack = testStack({ app: 'foundation' });
  const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'test' });
  const logging = new ModelInvocationLogging(stack, 'InvocationLogging', {
    encryptionKey: key,
    retentionDays: 90,
  });
  const json = synthesize(stack);

  it('logs text invocations to a KMS-encrypted log group with retention', () => {
    expect(onlyResourceOfType(json, 'aws_cloudwatch_log_group')).toMatchObject({
      name: '/genai/dev/bedrock/model-invocations',
      kms_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Key_.*\.arn\}$/),
      retention_in_days: 90,
    });
    const config = onlyResourceOfType(json, 'aws_bedrock_model_invocation_logging_configuration');
    expect(config.logging_config).toEqual({
      text_data_delivery_enabled: true,
      image_data_delivery_enabled: false,
      embedding_data_delivery_enabled: false,
      video_data_delivery_enabled: false,
      cloudwatch_config: {
        log_group_name: expect.stringContaining('aws_cloudwatch_log_group.'),
        role_arn: expect.stringContaining('aws_iam_role.InvocationLogging_Role_'),
      },
    });
    expect(config.depends_on).toEqual([
      expect.stringContaining('aws_iam_role_policy.InvocationLogging_Role_Policy_'),
    ]);
  });

  it('lets only Bedrock of this account assume the role, which may only write this log group', () => {
    expect(logging.role.trustStatements).toEqual([
      expect.objectContaining({
        Principal: { Service: 'bedrock.amazonaws.com' },
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnLike: { 'aws:SourceArn': ['arn:aws:bedrock:eu-west-1:111111111111:*'] },
        },
      }),
    ]);
    const policy = onlyResourceOfType(json, 'aws_iam_role_policy');
    expect(JSON.parse(policy.policy as string).Statement).toEqual([
      {
        Sid: 'WriteInvocationLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource:
          'arn:aws:logs:eu-west-1:111111111111:log-group:/genai/dev/bedrock/model-invocations:log-stream:*',
      },
    ]);
  });

  it("relies on the platform key's CloudWatch Logs statement for this account's log groups", () => {
    expect(key.policyStatements).toContainEqual(
      expect.objectContaining({
        Principal: { Service: 'logs.eu-west-1.amazonaws.com' },
        Condition: {
          ArnLike: {
            'kms:EncryptionContext:aws:logs:arn': 'arn:aws:logs:eu-west-1:111111111111:log-group:*',
          },
        },
      }),
    );
  });
});
