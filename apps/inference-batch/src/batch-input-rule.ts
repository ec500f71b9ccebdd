import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import type { PlatformFunction } from '@genai-sandbox/compute';
import { ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { DeadLetterQueue, type RetryPolicy } from '@genai-sandbox/eventing';
import { DeadLetterAlarm } from '@genai-sandbox/observability';
import type { IKey } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { Construct } from 'constructs';

/** An hour of retries: an upload must not be lost to a short Lambda outage or throttling. */
export const INPUT_RULE_RETRY_POLICY: RetryPolicy = {
  maximumEventAgeInSeconds: 3_600,
  maximumRetryAttempts: 10,
};

export interface BatchInputRuleProps {
  /** The project's ML bucket, whose EventBridge notifications the foundation stack turns on. */
  readonly bucket: IMlBucket;
  /** The submitter, the rule's only target. */
  readonly submitter: PlatformFunction;
  /** The platform key by ARN, for the dead-letter queue (the key admits EventBridge). */
  readonly encryptionKey: IKey;
}

/**
 * Starts a job for every object created under `inference/batch/input/` of the project's bucket:
 * an EventBridge rule on S3's "Object Created" events (the ML bucket sends every event to
 * EventBridge; no second notification path), folder markers and empty objects left out by the
 * pattern, the submitter as its target with an hour of retries and an encrypted dead-letter queue
 * that only this rule may fill, and an alarm when it does. The function accepts invocations from
 * this rule only.
 */
export class BatchInputRule extends Construct {
  readonly rule: CloudwatchEventRule;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: BatchInputRuleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const prefix = ML_BUCKET_LAYOUT.inference.batchInput;
    this.rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', 'batch-input'),
      description: `Objects created under ${prefix} of ${props.bucket.bucketName} start batch transform jobs`,
      eventBusName: 'default',
      state: 'ENABLED',
      eventPattern: JSON.stringify({
        source: ['aws.s3'],
        'detail-type': ['Object Created'],
        detail: {
          bucket: { name: [props.bucket.bucketName] },
          object: { key: [{ prefix }], size: [{ numeric: ['>', 0] }] },
        },
      }),
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: 'batch-input',
      encryptionKey: props.encryptionKey,
      sourceRuleArn: this.rule.arn,
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName: this.deadLetterQueue.queueName,
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: this.rule.name,
      eventBusName: 'default',
      arn: props.submitter.functionArn,
      retryPolicy: INPUT_RULE_RETRY_POLICY,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    });
    props.submitter.allowInvokeFrom(
      'AllowInvokeFromInputRule',
      'events.amazonaws.com',
      this.rule.arn,
    );
  }
}
