import { cloudwatchAlarmMissingData as rule } from '../../../src/rules/monitoring/cloudwatch-alarm-missing-data';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_cloudwatch_metric_alarm.Endpoint_Idle_1F2E3D4C';
const alarm = (config: Record<string, unknown>) => ({
  aws_cloudwatch_metric_alarm: {
    Endpoint_Idle_1F2E3D4C: {
      alarm_name: 'genai-dev-fraud-detection-realtime-idle',
      alarm_actions: ['arn:aws:sns:eu-west-1:111111111111:genai-dev-alarms'],
      comparison_operator: 'LessThanOrEqualToThreshold',
      evaluation_periods: 24,
      metric_name: 'Invocations',
      namespace: 'AWS/SageMaker',
      period: 3600,
      statistic: 'Sum',
      threshold: 0,
      ...config,
    },
  },
});

describe('cloudwatch-alarm-missing-data', () => {
  it('passes an alarm that treats missing data as breaching', async () => {
    const stack = stackOf(alarm({ treat_missing_data: 'breaching' }));
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when treat_missing_data is not set', async () => {
    expect(await violations(rule, stackOf(alarm({})), ADDRESS)).toEqual([
      'treat_missing_data is not set: CloudWatch treats missing data as "missing"',
    ]);
  });
});
