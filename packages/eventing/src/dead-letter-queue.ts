import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { SqsQueuePolicy } from '@cdktf/provider-aws/lib/sqs-queue-policy';
import { ConstructEnvironment, renderPolicy } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface DeadLetterQueueProps {
  /** Purpose, part of the name `<platform>-<env>-<purpose>-dlq`. */
  readonly purpose: string;
  /** Customer key; its policy must admit EventBridge (PlatformKey allowEventBridge). */
  readonly encryptionKey: IKey;
  /** ARN of the EventBridge rule whose failed deliveries land here; the only sender. */
  readonly sourceRuleArn: string;
}

/** An encrypted SQS queue that only one EventBridge rule may send to; failed events wait 14 days. */
export class DeadLetterQueue extends Construct {
  readonly queueArn: string;
  readonly queueName: string;
  readonly resource: SqsQueue;

  constructor(scope: Construct, id: string, props: DeadLetterQueueProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.queueName = stack.naming.name('sqs-queue', props.purpose, 'dlq');
    this.resource = new SqsQueue(this, 'Resource', {
      name: this.queueName,
      kmsMasterKeyId: props.encryptionKey.keyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    this.queueArn = this.resource.arn;
    new SqsQueuePolicy(this, 'Policy', {
      queueUrl: this.resource.url,
      policy: renderPolicy([
        {
          Sid: 'OnlyTheRuleDeliversFailures',
          Effect: 'Allow',
          Principal: { Service: 'events.amazonaws.com' },
          Action: 'sqs:SendMessage',
          Resource: this.resource.arn,
          Condition: {
            ArnEquals: { 'aws:SourceArn': props.sourceRuleArn },
            StringEquals: { 'aws:SourceAccount': stack.accountId },
          },
        },
      ]),
    });
  }
}
