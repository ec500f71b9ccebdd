import type { Construct } from 'constructs';
import type { IAlarmTopic } from './alarm-topic';
import { PlatformAlarm } from './platform-alarm';
import { ALARM_PERIOD_SECONDS, thresholdsOf } from './thresholds';

export interface DeadLetterAlarmProps {
  /** The SQS dead-letter queue. */
  readonly queueName: string;
  /** @default - `observability.thresholds.deadLetterMessages` (1: any message) */
  readonly threshold?: number;
  /** @default - the platform alarm topic of the environment */
  readonly topic?: IAlarmTopic;
}

/**
 * A dead-letter queue that is not empty: every message in it is an event or request the platform
 * gave up on. Maximum of visible messages over five minutes. Missing data is `notBreaching`: SQS
 * stops reporting a queue that stayed inactive for hours, which for a DLQ means it stayed empty.
 */
export class DeadLetterAlarm extends PlatformAlarm {
  constructor(scope: Construct, id: string, props: DeadLetterAlarmProps) {
    const threshold = props.threshold ?? thresholdsOf(scope, 'threshold').deadLetterMessages;
    super(scope, id, {
      purpose: [props.queueName, 'not-empty'],
      description: `Dead-letter queue ${props.queueName} holds ${threshold} or more messages: deliveries failed for good. Inspect the messages, fix the cause, then redrive them.`,
      periodSeconds: ALARM_PERIOD_SECONDS,
      evaluationPeriods: 1,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      threshold,
      treatMissingData: 'notBreaching',
      metric: {
        namespace: 'AWS/SQS',
        metricName: 'ApproximateNumberOfMessagesVisible',
        dimensions: { QueueName: props.queueName },
        stat: 'Maximum',
      },
      topic: props.topic,
    });
  }
}
