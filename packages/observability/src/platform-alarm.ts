import {
  CloudwatchMetricAlarm,
  type CloudwatchMetricAlarmMetricQuery,
} from '@cdktf/provider-aws/lib/cloudwatch-metric-alarm';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { Construct } from 'constructs';
import { type IAlarmTopic, PlatformAlarmTopic } from './alarm-topic';
import { positiveProblems, throwIfProblems } from './validation';

/**
 * What an alarm concludes from a period without data. Every platform alarm chooses one on
 * purpose (CloudWatch's default, `missing`, leaves an alarm in INSUFFICIENT_DATA for days):
 * - `notBreaching`: no data means nothing went wrong (no traffic, no errors, empty queue);
 * - `breaching`: no data is the problem itself (an endpoint nobody invokes);
 * - `ignore`: the metric arrives only now and then (monitoring runs), so keep the last state.
 */
export type TreatMissingData = 'notBreaching' | 'breaching' | 'ignore' | 'missing';

/** One CloudWatch metric, as the alarm and the dashboard name it. */
export interface MetricSpec {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  /** `Sum`, `Average`, `Maximum`, `Minimum`, `SampleCount` or a percentile such as `p99`. */
  readonly stat: string;
}

export interface PlatformAlarmProps {
  /**
   * Parts of the alarm name after `<platform>-<env>[-<project>]`; a first part that already
   * starts with that prefix (a platform resource name) is not prefixed twice.
   */
  readonly purpose: readonly string[];
  /** What the alarm means and what to do, shown in the notification. */
  readonly description: string;
  /** Seconds per datapoint: 10, 30 or a multiple of 60. */
  readonly periodSeconds: number;
  readonly evaluationPeriods: number;
  /** @default evaluationPeriods */
  readonly datapointsToAlarm?: number;
  readonly comparisonOperator:
    | 'GreaterThanThreshold'
    | 'GreaterThanOrEqualToThreshold'
    | 'LessThanThreshold'
    | 'LessThanOrEqualToThreshold';
  readonly threshold: number;
  readonly treatMissingData: TreatMissingData;
  /** One metric... */
  readonly metric?: MetricSpec;
  /** ...or metric math: `metrics` by id, and the `expression` over them that is compared. */
  readonly math?: {
    readonly metrics: Readonly<Record<string, MetricSpec>>;
    readonly expression: string;
    readonly label: string;
  };
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

const PERCENTILE = /^p\d{1,2}(\.\d+)?$/;

/**
 * A CloudWatch metric alarm that notifies the platform alarm topic when it fires and when it
 * recovers, and whose missing-data treatment is always stated. The alarm constructs of this
 * package are presets of it with the thresholds of the design.
 */
export class PlatformAlarm extends Construct {
  readonly alarmName: string;
  readonly alarmArn: string;
  readonly resource: CloudwatchMetricAlarm;

  constructor(scope: Construct, id: string, props: PlatformAlarmProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const period = props.periodSeconds;
    throwIfProblems(this, 'PlatformAlarm', [
      ...((props.metric === undefined) === (props.math === undefined)
        ? [
            {
              prop: 'metric',
              received: props.metric,
              message: 'give exactly one of metric and math',
            },
          ]
        : []),
      ...([10, 30].includes(period) || (period >= 60 && period % 60 === 0)
        ? []
        : [
            {
              prop: 'periodSeconds',
              received: period,
              message: 'expected 10, 30 or a multiple of 60',
            },
          ]),
      ...(Number.isInteger(props.evaluationPeriods) && props.evaluationPeriods >= 1
        ? []
        : [
            {
              prop: 'evaluationPeriods',
              received: props.evaluationPeriods,
              message: 'expected a whole number of at least 1',
            },
          ]),
      ...(props.datapointsToAlarm === undefined ||
      (props.datapointsToAlarm >= 1 && props.datapointsToAlarm <= props.evaluationPeriods)
        ? []
        : [
            {
              prop: 'datapointsToAlarm',
              received: props.datapointsToAlarm,
              message: `expected 1 to evaluationPeriods (${props.evaluationPeriods})`,
            },
          ]),
      ...(period * props.evaluationPeriods <= 7 * 24 * 3600
        ? []
        : [
            {
              prop: 'evaluationPeriods',
              received: props.evaluationPeriods,
              message: 'CloudWatch evaluates at most 7 days: shorten the period or the count',
            },
          ]),
      ...(props.comparisonOperator.startsWith('Greater')
        ? positiveProblems('threshold', props.threshold)
        : []),
    ]);
    const topic = props.topic ?? PlatformAlarmTopic.fromEnvironment(this);
    const prefix = stack.naming.name('cloudwatch-alarm', 'x').slice(0, -1);
    const [first = '', ...rest] = props.purpose;
    this.alarmName = stack.naming.name(
      'cloudwatch-alarm',
      ...[first.startsWith(prefix) ? first.slice(prefix.length) : first, ...rest].filter(Boolean),
    );
    this.alarmArn = `arn:aws:cloudwatch:${stack.region}:${stack.accountId}:alarm:${this.alarmName}`;
    const single = props.metric && {
      namespace: props.metric.namespace,
      metricName: props.metric.metricName,
      dimensions: { ...props.metric.dimensions },
      period,
      ...(PERCENTILE.test(props.metric.stat)
        ? { extendedStatistic: props.metric.stat }
        : { statistic: props.metric.stat }),
    };
    this.resource = new CloudwatchMetricAlarm(this, 'Resource', {
      alarmName: this.alarmName,
      alarmDescription: props.description,
      comparisonOperator: props.comparisonOperator,
      threshold: props.threshold,
      evaluationPeriods: props.evaluationPeriods,
      datapointsToAlarm: props.datapointsToAlarm ?? props.evaluationPeriods,
      treatMissingData: props.treatMissingData,
      actionsEnabled: true,
      alarmActions: [topic.topicArn],
      okActions: [topic.topicArn],
      ...single,
      ...(props.math ? { metricQuery: metricQueries(props.math, period) } : {}),
    });
  }
}

function metricQueries(
  math: NonNullable<PlatformAlarmProps['math']>,
  period: number,
): CloudwatchMetricAlarmMetricQuery[] {
  return [
    ...Object.entries(math.metrics).map(([id, metric]) => ({
      id,
      returnData: false,
      metric: {
        namespace: metric.namespace,
        metricName: metric.metricName,
        dimensions: { ...metric.dimensions },
        period,
        stat: metric.stat,
      },
    })),
    { id: 'result', expression: math.expression, label: math.label, returnData: true },
  ];
}
