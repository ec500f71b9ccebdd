import { testConfiguration } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import {
  AsyncBacklogAlarm,
  AsyncFailureAlarm,
  DeadLetterAlarm,
  ERROR_RATE_EXPRESSION,
  EndpointErrorRateAlarm,
  EndpointLatencyAlarm,
  IdleEndpointAlarm,
  LambdaAlarms,
  ModelDriftAlarm,
  PlatformAlarm,
} from '../src';
import { synth, TOPIC_ARN } from './helpers';

const ENDPOINT = 'genai-dev-fraud-detection-realtime';
const notifiesTopic = {
  alarm_actions: [TOPIC_ARN],
  ok_actions: [TOPIC_ARN],
  actions_enabled: true,
};

describe('EndpointErrorRateAlarm', () => {
  const { only } = synth(
    (stack) => new EndpointErrorRateAlarm(stack, 'ErrorRate', { endpointName: ENDPOINT }),
  );

  it('fires above 5 % of invocations failing, by metric math over invocations and 4xx/5xx', () => {
    const alarm = only('aws_cloudwatch_metric_alarm');
    expect(alarm).toMatchObject({
      alarm_name: 'genai-dev-fraud-detection-realtime-error-rate',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 5,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
      ...notifiesTopic,
    });
    expect(ERROR_RATE_EXPRESSION).toBe(
      'IF(invocations > 0, 100 * (errors4xx + errors5xx) / invocations, 0)',
    );
    const dimensions = { EndpointName: ENDPOINT, VariantName: 'AllTraffic' };
    const metric = (id: string, metricName: string) => ({
      id,
      return_data: false,
      metric: {
        namespace: 'AWS/SageMaker',
        metric_name: metricName,
        dimensions,
        period: 300,
        stat: 'Sum',
      },
    });
    expect(alarm.metric_query).toEqual([
      metric('invocations', 'Invocations'),
      metric('errors4xx', 'Invocation4XXErrors'),
      metric('errors5xx', 'Invocation5XXErrors'),
      {
        id: 'result',
        expression: ERROR_RATE_EXPRESSION,
        label: 'Error rate (%)',
        return_data: true,
      },
    ]);
    expect(alarm.metric_name).toBeUndefined();
  });

  it('takes the threshold of the environment', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.observability = { thresholds: { errorRatePercent: 10 } };
    });
    const { only: onlyOf } = synth(
      (stack) => new EndpointErrorRateAlarm(stack, 'ErrorRate', { endpointName: ENDPOINT }),
      { config },
    );
    expect(onlyOf('aws_cloudwatch_metric_alarm').threshold).toBe(10);
  });

  it('fails when the threshold is negative', () => {
    expect(() =>
      synth(
        (stack) =>
          new EndpointErrorRateAlarm(stack, 'ErrorRate', {
            endpointName: ENDPOINT,
            thresholdPercent: -5,
          }),
      ),
    ).toThrow(/threshold \(received -5\): expected a number above 0/);
  });
});

describe('thresholds known only at deploy time', () => {
  it('are not checked at synth time', () => {
    const { only } = synth((stack) => {
      const thresholdPercent = new TerraformVariable(stack, 'error_rate', { type: 'number' })
        .numberValue;
      return new EndpointErrorRateAlarm(stack, 'ErrorRate', {
        endpointName: ENDPOINT,
        thresholdPercent,
      });
    });
    expect(only('aws_cloudwatch_metric_alarm').threshold).toBe('${var.error_rate}');
  });
});

describe('EndpointLatencyAlarm', () => {
  it('fires when p99 model latency exceeds 2 s, in the microseconds SageMaker reports', () => {
    const { only } = synth(
      (stack) => new EndpointLatencyAlarm(stack, 'Latency', { endpointName: ENDPOINT }),
    );
    expect(only('aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'genai-dev-fraud-detection-realtime-latency-p99',
      namespace: 'AWS/SageMaker',
      metric_name: 'ModelLatency',
      extended_statistic: 'p99',
      comparison_operator: 'GreaterThanThreshold',
      threshold: 2_000_000,
      treat_missing_data: 'notBreaching',
      ...notifiesTopic,
    });
  });
});

describe('IdleEndpointAlarm', () => {
  it('fires after the configured hours without an invocation, treating no data as idle', () => {
    const { only } = synth(
      (stack) => new IdleEndpointAlarm(stack, 'Idle', { endpointName: ENDPOINT }),
    );
    expect(only('aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'genai-dev-fraud-detection-realtime-idle',
      metric_name: 'Invocations',
      statistic: 'Sum',
      period: 3600,
      evaluation_periods: 24,
      datapoints_to_alarm: 24,
      comparison_operator: 'LessThanOrEqualToThreshold',
      threshold: 0,
      treat_missing_data: 'breaching',
      ...notifiesTopic,
    });
  });

  it('fails when the window is longer than CloudWatch evaluates', () => {
    expect(() =>
      synth(
        (stack) => new IdleEndpointAlarm(stack, 'Idle', { endpointName: ENDPOINT, idleHours: 200 }),
      ),
    ).toThrow(/evaluationPeriods \(received 200\): CloudWatch evaluates at most 7 days/);
  });
});

describe('queue, function and drift alarms', () => {
  it('alarms on an asynchronous backlog per instance', () => {
    const { only } = synth(
      (stack) =>
        new AsyncBacklogAlarm(stack, 'Backlog', {
          endpointName: 'genai-dev-fraud-detection-async',
        }),
    );
    expect(only('aws_cloudwatch_metric_alarm')).toMatchObject({
      metric_name: 'ApproximateBacklogSizePerInstance',
      dimensions: { EndpointName: 'genai-dev-fraud-detection-async' },
      threshold: 100,
      treat_missing_data: 'notBreaching',
      ...notifiesTopic,
    });
  });

  it('alarms on model errors of an asynchronous endpoint, which publishes no Invocations', () => {
    const { only } = synth(
      (stack) =>
        new AsyncFailureAlarm(stack, 'ModelErrors', {
          endpointName: 'genai-dev-fraud-detection-async',
        }),
    );
    expect(only('aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'genai-dev-fraud-detection-async-model-errors',
      metric_name: 'Invocation5XXErrors',
      dimensions: { EndpointName: 'genai-dev-fraud-detection-async', VariantName: 'AllTraffic' },
      statistic: 'Sum',
      threshold: 5,
      evaluation_periods: 3,
      datapoints_to_alarm: 2,
      treat_missing_data: 'notBreaching',
      ...notifiesTopic,
    });
  });

  it('alarms on any message in a dead-letter queue', () => {
    const { only } = synth(
      (stack) =>
        new DeadLetterAlarm(stack, 'Dlq', { queueName: 'genai-dev-forward-approvals-dlq' }),
    );
    expect(only('aws_cloudwatch_metric_alarm')).toMatchObject({
      alarm_name: 'genai-dev-forward-approvals-dlq-not-empty',
      namespace: 'AWS/SQS',
      metric_name: 'ApproximateNumberOfMessagesVisible',
      statistic: 'Maximum',
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      threshold: 1,
      ...notifiesTopic,
    });
  });

  it('alarms on Lambda errors and throttles', () => {
    const { all } = synth(
      (stack) => new LambdaAlarms(stack, 'Forwarder', { functionName: 'genai-dev-forwarder' }),
    );
    expect(
      all('aws_cloudwatch_metric_alarm').map((alarm) => [alarm.metric_name, alarm.threshold]),
    ).toEqual([
      ['Errors', 1],
      ['Throttles', 1],
    ]);
  });

  it('alarms on the largest feature drift Model Monitor reports, keeping state between runs', () => {
    const { only } = synth(
      (stack) =>
        new ModelDriftAlarm(stack, 'Drift', {
          endpointName: ENDPOINT,
          monitoringScheduleName: 'genai-dev-fraud-detection-data-quality',
          features: ['amount', 'merchant'],
        }),
    );
    const alarm = only('aws_cloudwatch_metric_alarm');
    expect(alarm).toMatchObject({ threshold: 0.1, treat_missing_data: 'ignore', ...notifiesTopic });
    const queries = alarm.metric_query as Record<string, unknown>[];
    expect(queries.at(-1)).toMatchObject({ expression: 'MAX([drift0, drift1])' });
    expect(queries[1]).toMatchObject({
      metric: {
        namespace: 'aws/sagemaker/Endpoints/data-metrics',
        metric_name: 'feature_baseline_drift_merchant',
      },
    });
  });

  it('fails when no feature is watched', () => {
    expect(() =>
      synth(
        (stack) =>
          new ModelDriftAlarm(stack, 'Drift', {
            endpointName: ENDPOINT,
            monitoringScheduleName: 'schedule',
            features: [],
          }),
      ),
    ).toThrow(/features \(received \[\]\): name 1 to 10 features/);
  });
});

describe('PlatformAlarm', () => {
  it('fails with every problem at once', () => {
    expect(() =>
      synth(
        (stack) =>
          new PlatformAlarm(stack, 'Alarm', {
            purpose: ['broken'],
            description: 'broken',
            periodSeconds: 45,
            evaluationPeriods: 0,
            comparisonOperator: 'GreaterThanThreshold',
            threshold: 0,
            treatMissingData: 'notBreaching',
          }),
      ),
    ).toThrow(
      /4 invalid props:[\s\S]*metric[\s\S]*periodSeconds[\s\S]*evaluationPeriods[\s\S]*threshold/,
    );
  });
});
