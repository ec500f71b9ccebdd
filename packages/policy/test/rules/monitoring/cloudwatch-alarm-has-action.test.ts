import { cloudwatchAlarmHasAction as rule } from '../../../src/rules/monitoring/cloudwatch-alarm-has-action';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_cloudwatch_metric_alarm.Observability_DeadLetterAlarm_8E9ADF28';
const TOPIC = 'arn:aws:sns:eu-west-1:111111111111:genai-dev-alarms';
const alarm = (config: Record<string, unknown>) => ({
  aws_cloudwatch_metric_alarm: {
    Observability_DeadLetterAlarm_8E9ADF28: {
      alarm_name: 'genai-dev-forward-approvals-dlq-not-empty',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      evaluation_periods: 1,
      metric_name: 'ApproximateNumberOfMessagesVisible',
      namespace: 'AWS/SQS',
      period: 300,
      statistic: 'Maximum',
      threshold: 1,
      treat_missing_data: 'notBreaching',
      ...config,
    },
  },
});

describe('cloudwatch-alarm-has-action', () => {
  it('passes an alarm that notifies the alarm topic', async () => {
    const stack = stackOf(alarm({ alarm_actions: [TOPIC], actions_enabled: true }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('passes an alarm whose action is a reference Terraform resolves', async () => {
    const stack = stackOf(alarm({ alarm_actions: ['${aws_sns_topic.Alarms_1A2B3C4D.arn}'] }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when alarm_actions is not set', async () => {
    expect(await violations(rule, stackOf(alarm({})), ADDRESS)).toEqual([
      'alarm_actions is not set: the alarm notifies nobody',
    ]);
  });

  it('fails when alarm_actions is empty', async () => {
    expect(await violations(rule, stackOf(alarm({ alarm_actions: [] })), ADDRESS)).toEqual([
      'alarm_actions is not set: the alarm notifies nobody',
    ]);
  });

  it('fails when the actions are disabled', async () => {
    const stack = stackOf(alarm({ alarm_actions: [TOPIC], actions_enabled: false }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      'actions_enabled is false: the alarm notifies nobody',
    ]);
  });
});
