import { logsGroupRetention as rule } from '../../../src/rules/encryption/logs-group-retention';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_cloudwatch_log_group.Api_AccessLogs_4F1C2A3B';
const logGroup = (config: Record<string, unknown>) => ({
  aws_cloudwatch_log_group: {
    Api_AccessLogs_4F1C2A3B: {
      name: '/genai/dev/api/access',
      kms_key_id: '${aws_kms_key.PlatformKey_9FD66B6F.arn}',
      ...config,
    },
  },
});

describe('logs-group-retention', () => {
  it('passes a log group that keeps events for a year', async () => {
    const stack = stackOf(logGroup({ retention_in_days: 365 }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when retention_in_days is not set', async () => {
    expect(await violations(rule, stackOf(logGroup({})), ADDRESS)).toEqual([
      'retention_in_days is not set: events are kept forever',
    ]);
  });

  it('fails when retention_in_days is 0', async () => {
    expect(await violations(rule, stackOf(logGroup({ retention_in_days: 0 })), ADDRESS)).toEqual([
      'retention_in_days is 0: events never expire',
    ]);
  });

  it('fails when retention_in_days is not a number', async () => {
    const stack = stackOf(logGroup({ retention_in_days: '${var.retention}' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'retention_in_days is ${var.retention}, not a number of days',
    ]);
  });

  it('fails when the plan sets the provider default of 0', async () => {
    const stack = stackOf(logGroup({}), {
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
                  retention_in_days: 0,
                  skip_destroy: false,
                },
              },
            ],
          },
        },
      },
    });
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'retention_in_days is 0: events never expire',
    ]);
  });
});
