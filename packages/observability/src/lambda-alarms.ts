import { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS, thresholdsOf } from './thresholds';

export interface LambdaAlarmsProps {
  readonly functionName: string;
  /** Errors per five minutes; @default - `observability.thresholds.lambdaErrors` (1) */
  readonly errorThreshold?: number;
  /** Throttles per five minutes; @default - `observability.thresholds.lambdaThrottles` (1) */
  readonly throttleThreshold?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * Errors and throttles of a Lambda function, one alarm each, per five minutes. The platform's
 * functions forward events and run pipelines steps: one failure is already worth a look.
 * Missing data is `notBreaching`: a function that did not run did not fail.
 */
export class LambdaAlarms extends Construct {
  readonly errors: PlatformAlarm;
  readonly throttles: PlatformAlarm;

  constructor(scope: Construct, id: string, props: LambdaAlarmsProps) {
    super(scope, id);
    const alarm = (name: string, metricName: string, threshold: number, advice: string) =>
      new PlatformAlarm(this, metricName, {
        purpose: [props.functionName, name],
        description: `Function ${props.functionName} reported ${threshold} or more ${name} in five minutes. ${advice}`,
        periodSeconds: ALARM_PERIOD_SECONDS,
        evaluationPeriods: 1,
        comparisonOperator: 'GreaterThanOrEqualToThreshold',
        threshold,
        treatMissingData: 'notBreaching',
        metric: {
          namespace: 'AWS/Lambda',
          metricName,
          dimensions: { FunctionName: props.functionName },
          stat: 'Sum',
        },
        topic: props.topic,
      });
    this.errors = alarm(
      'errors',
      'Errors',
      props.errorThreshold ?? thresholdsOf(this, 'errorThreshold').lambdaErrors,
      'Read its log group and the failure destination or dead-letter queue.',
    );
    this.throttles = alarm(
      'throttles',
      'Throttles',
      props.throttleThreshold ?? thresholdsOf(this, 'throttleThreshold').lambdaThrottles,
      'Raise its reserved concurrency or the account limit.',
    );
  }
}
