import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS, thresholdsOf } from './thresholds';
import { nameProblems, throwIfProblems } from './validation';

export interface EndpointErrorRateAlarmProps {
  /** The SageMaker endpoint (real-time, serverless or asynchronous). */
  readonly endpointName: string;
  /** @default 'AllTraffic' - the variant SageMaker creates for a single-model endpoint */
  readonly variantName?: string;
  /** Percent of invocations; @default - `observability.thresholds.errorRatePercent` (5) */
  readonly thresholdPercent?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * The metric math of the error rate: 4xx and 5xx errors as a percentage of invocations, 0 when
 * there was no invocation (a quiet endpoint is not failing; idleness has its own alarm).
 */
export const ERROR_RATE_EXPRESSION =
  'IF(invocations > 0, 100 * (errors4xx + errors5xx) / invocations, 0)';

/**
 * High error rate (design: more than 5 %) of a SageMaker endpoint, by metric math over its
 * invocations and 4xx/5xx errors rather than a raw count, so a busy endpoint with a few errors
 * stays quiet and a small one failing every request does not. Two of three five-minute periods
 * must breach. Missing data is `notBreaching`: an endpoint without traffic has no error rate.
 */
export class EndpointErrorRateAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: EndpointErrorRateAlarmProps) {
    const threshold =
      props.thresholdPercent ?? thresholdsOf(scope, 'thresholdPercent').errorRatePercent;
    const dimensions = {
      EndpointName: props.endpointName,
      VariantName: props.variantName ?? 'AllTraffic',
    };
    const metric = (metricName: string) => ({
      namespace: 'AWS/SageMaker',
      metricName,
      dimensions,
      stat: 'Sum',
    });
    super(scope, id, {
      purpose: [props.endpointName, 'error-rate'],
      description: `More than ${threshold} % of the invocations of endpoint ${props.endpointName} failed (4xx or 5xx) in 2 of 3 five-minute periods. Check the endpoint's CloudWatch logs and recent model or traffic changes.`,
      periodSeconds: ALARM_PERIOD_SECONDS,
      evaluationPeriods: 3,
      datapointsToAlarm: 2,
      comparisonOperator: 'GreaterThanThreshold',
      threshold,
      treatMissingData: 'notBreaching',
      math: {
        metrics: {
          invocations: metric('Invocations'),
          errors4xx: metric('Invocation4XXErrors'),
          errors5xx: metric('Invocation5XXErrors'),
        },
        expression: ERROR_RATE_EXPRESSION,
        label: 'Error rate (%)',
      },
      topic: props.topic,
    });
    throwIfProblems(
      this,
      'EndpointErrorRateAlarm',
      nameProblems('endpointName', props.endpointName),
    );
  }
}
