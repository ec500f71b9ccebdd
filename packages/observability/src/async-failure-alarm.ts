import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS } from './thresholds';
import { nameProblems, throwIfProblems } from './validation';

export interface AsyncFailureAlarmProps {
  /** The asynchronous SageMaker endpoint. */
  readonly endpointName: string;
  /** @default 'AllTraffic' */
  readonly variantName?: string;
  /** Model errors per five minutes. @default 5 */
  readonly threshold?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * Model errors of an asynchronous endpoint: the 5xx answers of its model containers in 2 of 3
 * five-minute periods. Asynchronous endpoints publish no `Invocations`, so the error-rate alarm of
 * real-time endpoints (a share of invocations) cannot watch them; this count can, and it is the
 * alarm a blue/green update of the endpoint rolls back on. Missing data is `notBreaching`: an
 * endpoint scaled to zero reports nothing and fails nothing.
 */
export class AsyncFailureAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: AsyncFailureAlarmProps) {
    const threshold = props.threshold ?? 5;
    super(scope, id, {
      purpose: [props.endpointName, 'model-errors'],
      description: `The model of asynchronous endpoint ${props.endpointName} answered ${threshold} or more requests with a 5xx error in 2 of 3 five-minute periods. Check the endpoint's CloudWatch logs and inference/async/failures/; a running update rolls back.`,
      periodSeconds: ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold,
      treatMissingData: 'notBreaching',
      metric: {
        namespace: 'AWS/SageMaker',
        metricName: 'Invocation5XXErrors',
        dimensions: {
          EndpointName: props.endpointName,
          VariantName: props.variantName ?? 'AllTraffic',
        },
        stat: 'Sum',
      },
      topic: props.topic,
    });
    throwIfProblems(this, 'AsyncFailureAlarm', nameProblems('endpointName', props.endpointName));
  }
}
