import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { functionSource } from '@genai-sandbox/functions';
import { PlatformKey } from '@genai-sandbox/security';
import { PlatformFunction } from '../src';

describe('compute constructs in a plain TerraformStack', () => {
  it('synthesize a function named, logged and bounded from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk', project: 'scoring', logRetentionDays: 30 });
    const key = new PlatformKey(stack, 'Key', { purpose: 'data', description: 'Scoring data' });
    new PlatformFunction(stack, 'Router', {
      purpose: 'inference-router',
      description: 'Routes inference requests',
      source: functionSource('inference-router'),
      encryptionKey: key,
      environment: { INFERENCE_ROUTING: '{}' },
    });
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_lambda_function')).toMatchObject({
      function_name: 'risk-dev-scoring-inference-router',
      kms_key_arn: '${aws_kms_key.Key_961B73FD.arn}',
    });
    expect(onlyResourceOfType(json, 'aws_cloudwatch_log_group')).toEqual({
      name: '/risk/dev/scoring/lambda/inference-router',
      retention_in_days: 30,
      kms_key_id: '${aws_kms_key.Key_961B73FD.arn}',
    });
    // The account's boundary by its name, as PermissionsBoundary names it from the same values.
    expect(onlyResourceOfType(json, 'aws_iam_role').permissions_boundary).toBe(
      'arn:aws:iam::210987654321:policy/risk-dev-permissions-boundary',
    );
  });
});
