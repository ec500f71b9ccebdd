import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS, thresholdsOf } from './thresholds';
import { nameProblems, throwIfProblems } from './validation';

export interface AsyncBacklogAlarmProps {
  /** The asynchronous SageMaker endpoint. */
  readonly endpointName: string;
  /** @default - `observability.thresholds.asyncBacklogPerInstance` (100) */
  readonly threshold?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * Queue depth too high for an asynchronous endpoint: requests waiting per instance
 * (ApproximateBacklogSizePerInstance) above the threshold for three five-minute periods, i.e.
 * scaling does not keep up. Missing data is `notBreaching`: SageMaker reports nothing while the
 * queue is idle.
 */
export class AsyncBacklogAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: AsyncBacklogAlarmProps) {
    const threshold = props.threshold ?? thresholdsOf(scope, 'threshold').asyncBacklogPerInstance;
    super(scope, id, {
      purpose: [props.endpointName, 'backlog'],
      description: `More than ${threshold} requests per instance waited in the queue of asynchronous endpoint ${props.endpointName} for 15 minutes. Check its scaling policy and maximum instance count.`,
      periodSeconds: ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      comparisonOperator: 'GreaterThanThreshold',
      threshold,
      treatMissingData: 'notBreaching',
      metric: {
        namespace: 'AWS/SageMaker',
        metricName: 'ApproximateBacklogSizePerInstance',
        dimensions: { EndpointName: props.endpointName },
        stat: 'Average',
      },
      topic: props.topic,
    });
    throwIfProblems(this, 'AsyncBacklogAlarm', nameProblems('endpointName', props.endpointName));
  }
}
