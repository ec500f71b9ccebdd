import { logsGroupKms as rule } from '../../../src/rules/encryption/logs-group-kms';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_cloudwatch_log_group.Api_AccessLogs_4F1C2A3B';
const logGroup = (config: Record<string, unknown>) => ({
  aws_cloudwatch_log_group: {
    Api_AccessLogs_4F1C2A3B: { name: '/genai/dev/api/access', retention_in_days: 365, ...config },
  },
});

describe('logs-group-kms', () => {
  it('passes a log group encrypted with the platform key', async () => {
    const stack = stackOf(logGroup({ kms_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('passes when the plan does not know the key ARN yet', async () => {
    // A key created in the same apply: the plan leaves kms_key_id out, the configuration has it.
    const stack = stackOf(logGroup({ kms_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }), {
      plan: {
        planned_values: {
          root_module: {
            resources: [
              {
                address: ADDRESS,
                mode: 'managed',
                type: 'aws_cloudwatch_log_group',
                name: 'Api_AccessLogs_4F1C2A3B',
                values: {
                  name: '/genai/dev/api/access',
                  retention_in_days: 365,
                  skip_destroy: false,
                  tags: null,
                },
              },
            ],
          },
        },
      },
    });
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when kms_key_id is not set', async () => {
    expect(await violations(rule, stackOf(logGroup({})), ADDRESS)).toEqual([
      'kms_key_id is not set: the log group is encrypted with a key that no key policy of the platform controls',
    ]);
  });

  it('fails when kms_key_id is empty', async () => {
    expect(await violations(rule, stackOf(logGroup({ kms_key_id: '' })), ADDRESS)).toEqual([
      expect.stringContaining('kms_key_id is not set'),
    ]);
  });
});
