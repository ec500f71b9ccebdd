import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { PlatformFunction } from '@genai-sandbox/compute';
import { PlatformStack } from '@genai-sandbox/core';
import { DeadLetterQueue, type RetryPolicy } from '@genai-sandbox/eventing';
import { DeadLetterAlarm } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

/** An hour of retries: an event must not be lost to a short Lambda outage or throttling. */
export const BATCH_RULE_RETRY_POLICY: RetryPolicy = {
  maximumEventAgeInSeconds: 3_600,
  maximumRetryAttempts: 10,
};

export interface BatchEventRuleProps {
  /** Part of the rule's and queue's names. */
  readonly purpose: string;
  readonly description: string;
  /** The events of the default bus that invoke the function. */
  readonly eventPattern: Readonly<Record<string, unknown>>;
  /** The rule's only target. */
  readonly target: PlatformFunction;
  /** The platform key by ARN, for the dead-letter queue (the key admits EventBridge). */
  readonly encryptionKey: IKey;
}

/**
 * An EventBridge rule of the default bus that invokes one function of the batch blueprint: an
 * hour of retries, then an encrypted dead-letter queue only this rule may fill, and its alarm.
 * The function accepts invocations from this rule by its ARN.
 */
export class BatchEventRule extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: BatchEventRuleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', props.purpose),
      description: props.description,
      eventBusName: 'default',
      state: 'ENABLED',
      eventPattern: JSON.stringify(props.eventPattern),
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: props.purpose,
      encryptionKey: props.encryptionKey,
      sourceRuleArn: this.rule.arn,
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName: this.deadLetterQueue.queueName,
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: this.rule.name,
      eventBusName: 'default',
      arn: props.target.functionArn,
      retryPolicy: BATCH_RULE_RETRY_POLICY,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    });
    props.target.allowInvokeFrom(`AllowInvokeFrom${id}`, 'events.amazonaws.com', this.rule.arn);
  }
}
