import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { DeadLetterQueue, PromotionBus } from '../src';

describe('eventing constructs in a plain TerraformStack', () => {
  it('synthesize a bus and a dead-letter queue named and encrypted from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk' });
    const key = new PlatformKey(stack, 'Key', {
      purpose: 'events',
      description: 'Events',
      allowEventBridge: true,
    });
    const bus = new PromotionBus(stack, 'Bus', {
      busName: 'risk-dev-approvals',
      sourceAccountId: '111111111111',
      encryptionKey: key,
    });
    new DeadLetterQueue(stack, 'Dlq', {
      purpose: 'approvals',
      encryptionKey: key,
      sourceRuleArn: 'arn:aws:events:eu-central-1:210987654321:rule/risk-dev-approvals',
    });
    const json = synthesize(stack);
    expect(bus.busArn).toBe(
      'arn:aws:events:eu-central-1:210987654321:event-bus/risk-dev-approvals',
    );
    expect(onlyResourceOfType(json, 'aws_sqs_queue')).toMatchObject({
      name: 'risk-dev-approvals-dlq',
      kms_master_key_id: '${aws_kms_key.Key_961B73FD.arn}',
    });
  });
});
