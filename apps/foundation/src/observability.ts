import { PlatformStack } from '@genai-sandbox/core';
import {
  DeadLetterAlarm,
  ObservabilityLink,
  PlatformAlarmTopic,
  PlatformBudgets,
  PlatformDashboard,
  searchWidget,
} from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface FoundationObservabilityProps {
  /** The platform key; it must admit alarm notifications and EventBridge (PlatformKey options). */
  readonly encryptionKey: IKey;
  /** Dead-letter queues of the foundation, by name: each gets a "not empty" alarm. */
  readonly deadLetterQueueNames: readonly string[];
}

/**
 * The observability of an account: the alarm topic every alarm, rule and budget of the
 * environment notifies, the budgets, the unified dashboard, alarms on the foundation's own
 * dead-letter queues, and the link that shares metrics, logs and traces with the shared-services
 * account.
 */
export class FoundationObservability extends Construct {
  readonly alarmTopic: PlatformAlarmTopic;
  readonly budgets: PlatformBudgets;
  readonly dashboard: PlatformDashboard;
  readonly link?: ObservabilityLink;

  constructor(scope: Construct, id: string, props: FoundationObservabilityProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const { config, environment } = stack;
    this.alarmTopic = new PlatformAlarmTopic(this, 'AlarmTopic', {
      encryptionKey: props.encryptionKey,
    });
    this.budgets = new PlatformBudgets(this, 'Budgets', { topic: this.alarmTopic });
    this.dashboard = new PlatformDashboard(this, 'Dashboard');

    for (const queueName of props.deadLetterQueueNames) {
      const alarm = new DeadLetterAlarm(this, `DeadLetterAlarm-${queueName}`, {
        queueName,
        topic: this.alarmTopic,
      });
      this.dashboard.addAlarms(alarm.alarmArn);
    }
    const prefix = `${config.platform.name}-${environment.name}`;
    this.dashboard.addAccountWidgets(
      searchWidget(stack.region, 'Event rules: failed deliveries', [
        {
          namespace: 'AWS/Events',
          dimensions: ['RuleName'],
          metricName: 'FailedInvocations',
          contains: prefix,
          stat: 'Sum',
          periodSeconds: 300,
          label: 'Failed',
        },
      ]),
      searchWidget(stack.region, 'Dead-letter queues: messages', [
        {
          namespace: 'AWS/SQS',
          dimensions: ['QueueName'],
          metricName: 'ApproximateNumberOfMessagesVisible',
          contains: prefix,
          stat: 'Maximum',
          periodSeconds: 300,
          label: 'Visible',
        },
      ]),
      searchWidget(stack.region, 'Platform log groups: bytes in', [
        {
          namespace: 'AWS/Logs',
          dimensions: ['LogGroupName'],
          metricName: 'IncomingBytes',
          contains: `/${config.platform.name}/${environment.name}`,
          stat: 'Sum',
          periodSeconds: 3600,
          label: 'Bytes',
        },
      ]),
    );

    const sinkArn = config.platform.sharedServices?.oamSinkArn;
    if (sinkArn && environment.observability.crossAccount) {
      this.link = new ObservabilityLink(this, 'CrossAccountLink', { sinkArn });
    }
  }
}
