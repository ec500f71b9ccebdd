import { snsTopicKms as rule } from '../../../src/rules/encryption/sns-topic-kms';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_sns_topic.AsyncInference_Notifications_6B0E1D2C';
const topic = (config: Record<string, unknown>) => ({
  aws_sns_topic: {
    AsyncInference_Notifications_6B0E1D2C: { name: 'genai-dev-fraud-async-results', ...config },
  },
});

describe('sns-topic-kms', () => {
  it('passes a topic encrypted with the platform key', async () => {
    const stack = stackOf(topic({ kms_master_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('passes when the plan does not know the key ARN yet', async () => {
    const stack = stackOf(topic({ kms_master_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }), {
      plan: {
        planned_values: {
          root_module: {
            resources: [
              {
                address: ADDRESS,
                mode: 'managed',
                type: 'aws_sns_topic',
                name: 'AsyncInference_Notifications_6B0E1D2C',
                values: { name: 'genai-dev-fraud-async-results', fifo_topic: false, tags: null },
              },
            ],
          },
        },
      },
    });
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when kms_master_key_id is not set', async () => {
    expect(await violations(rule, stackOf(topic({})), ADDRESS)).toEqual([
      'kms_master_key_id is not set: messages are stored without server-side encryption',
    ]);
  });

  it('fails when the topic uses the AWS managed alias/aws/sns key', async () => {
    const stack = stackOf(topic({ kms_master_key_id: 'alias/aws/sns' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'kms_master_key_id is alias/aws/sns, the AWS managed key: its key policy cannot be restricted; use a customer managed key',
    ]);
  });

  it('fails when the topic names the AWS managed key by its alias ARN', async () => {
    const stack = stackOf(
      topic({ kms_master_key_id: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/sns' }),
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      expect.stringContaining('alias/aws/sns, the AWS managed key'),
    ]);
  });
});
