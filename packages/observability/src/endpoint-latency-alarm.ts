import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS, MICROSECONDS_PER_SECOND, thresholdsOf } from './thresholds';
import { nameProblems, throwIfProblems } from './validation';

export interface EndpointLatencyAlarmProps {
  /** The real-time SageMaker endpoint. */
  readonly endpointName: string;
  /** @default 'AllTraffic' */
  readonly variantName?: string;
  /** @default - `observability.thresholds.latencyP99Seconds` (2) */
  readonly thresholdSeconds?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * High real-time latency (design: p99 above 2 s) of a SageMaker endpoint's model, in 2 of 3
 * five-minute periods. ModelLatency is in microseconds, so the threshold is converted. Missing
 * data is `notBreaching`: without requests there is no latency to complain about.
 */
export class EndpointLatencyAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: EndpointLatencyAlarmProps) {
    const seconds =
      props.thresholdSeconds ?? thresholdsOf(scope, 'thresholdSeconds').latencyP99Seconds;
    super(scope, id, {
      purpose: [props.endpointName, 'latency-p99'],
      description: `The p99 model latency of endpoint ${props.endpointName} exceeded ${seconds} s in 2 of 3 five-minute periods. Check instance utilisation, scaling and payload sizes.`,
      periodSeconds: ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: 'GreaterThanThreshold',
      threshold: seconds * MICROSECONDS_PER_SECOND,
      treatMissingData: 'notBreaching',
      metric: {
        namespace: 'AWS/SageMaker',
        metricName: 'ModelLatency',
        dimensions: {
          EndpointName: props.endpointName,
          VariantName: props.variantName ?? 'AllTraffic',
        },
        stat: 'p99',
      },
      topic: props.topic,
    });
    throwIfProblems(this, 'EndpointLatencyAlarm', nameProblems('endpointName', props.endpointName));
  }
}
