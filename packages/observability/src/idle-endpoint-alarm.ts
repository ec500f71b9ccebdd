import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { platformDefault } from '@genai-sandbox/core';
import { nameProblems, throwIfProblems } from './validation';

export interface IdleEndpointAlarmProps {
  /** The real-time SageMaker endpoint, which costs money every hour it runs. */
  readonly endpointName: string;
  /** @default 'AllTraffic' */
  readonly variantName?: string;
  /** @default - `observability.idleEndpointHours` of the environment (24) */
  readonly idleHours?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * A real-time endpoint that nobody invoked for the configured window: the most common surprise
 * bill of a sandbox. Hourly datapoints, every one of the window must show no invocation.
 * Missing data is `breaching` on purpose: SageMaker publishes no Invocations datapoint for an
 * hour without requests, so no data is exactly what idleness looks like.
 */
export class IdleEndpointAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: IdleEndpointAlarmProps) {
    const hours =
      props.idleHours ??
      platformDefault(
        scope,
        'idleHours',
        (platform) => platform.environment.observability.idleEndpointHours,
      );
    super(scope, id, {
      purpose: [props.endpointName, 'idle'],
      description: `Endpoint ${props.endpointName} received no invocation for ${hours} hours but keeps its instances running. Delete it, or scale it to zero, if nobody needs it.`,
      periodSeconds: 3600,
      evaluationPeriods: hours,
      comparisonOperator: 'LessThanOrEqualToThreshold',
      threshold: 0,
      treatMissingData: 'breaching',
      metric: {
        namespace: 'AWS/SageMaker',
        metricName: 'Invocations',
        dimensions: {
          EndpointName: props.endpointName,
          VariantName: props.variantName ?? 'AllTraffic',
        },
        stat: 'Sum',
      },
      topic: props.topic,
    });
    throwIfProblems(this, 'IdleEndpointAlarm', nameProblems('endpointName', props.endpointName));
  }
}
