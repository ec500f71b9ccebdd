import { sqsQueueKms as rule } from '../../../src/rules/encryption/sqs-queue-kms';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_sqs_queue.Promotion_DeadLetterQueue_A1B2C3D4';
const queue = (config: Record<string, unknown>) => ({
  aws_sqs_queue: {
    Promotion_DeadLetterQueue_A1B2C3D4: {
      name: 'genai-dev-promotion-dlq',
      message_retention_seconds: 1209600,
      ...config,
    },
  },
});
const planned = (values: Record<string, unknown>) => ({
  planned_values: {
    root_module: {
      resources: [
        {
          address: ADDRESS,
          mode: 'managed',
          type: 'aws_sqs_queue',
          name: 'Promotion_DeadLetterQueue_A1B2C3D4',
          values: {
            name: 'genai-dev-promotion-dlq',
            fifo_queue: false,
            message_retention_seconds: 1209600,
            ...values,
          },
        },
      ],
    },
  },
});

describe('sqs-queue-kms', () => {
  it('passes a queue encrypted with the platform key', async () => {
    const stack = stackOf(
      queue({
        kms_master_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}',
        kms_data_key_reuse_period_seconds: 300,
      }),
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('passes when the plan does not know the key ARN yet', async () => {
    const stack = stackOf(queue({ kms_master_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }), {
      plan: planned({ kms_data_key_reuse_period_seconds: 300 }),
    });
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when only SSE-SQS is enabled', async () => {
    const stack = stackOf(queue({ sqs_managed_sse_enabled: true }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'kms_master_key_id is not set and sqs_managed_sse_enabled is true: SSE-SQS encrypts with a key SQS owns, not a customer managed key',
    ]);
  });

  it('fails when kms_master_key_id is not set', async () => {
    expect(await violations(rule, stackOf(queue({})), ADDRESS)).toEqual([
      'kms_master_key_id is not set: the queue is not encrypted with a customer managed key (at most with SSE-SQS, a key SQS owns)',
    ]);
  });

  it('fails when kms_master_key_id is empty', async () => {
    expect(await violations(rule, stackOf(queue({ kms_master_key_id: '' })), ADDRESS)).toEqual([
      expect.stringContaining('kms_master_key_id is not set'),
    ]);
  });

  it('fails when the plan shows SSE-SQS and no key', async () => {
    const stack = stackOf(queue({ sqs_managed_sse_enabled: true }), {
      plan: planned({ kms_master_key_id: null, sqs_managed_sse_enabled: true }),
    });
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      expect.stringContaining('sqs_managed_sse_enabled is true'),
    ]);
  });

  it('fails when the queue uses the AWS managed alias/aws/sqs key', async () => {
    const stack = stackOf(queue({ kms_master_key_id: 'alias/aws/sqs' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'kms_master_key_id is alias/aws/sqs, the AWS managed key: its key policy cannot be restricted; use a customer managed key',
    ]);
  });
});
