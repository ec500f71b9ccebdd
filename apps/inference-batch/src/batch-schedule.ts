import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { PlatformFunction } from '@genai-sandbox/compute';
import type { BatchSchedule as BatchScheduleSettings } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { DeadLetterAlarm } from '@genai-sandbox/observability';
import { type IKey, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';

/** Sending dead letters to an SSE-KMS queue, and reading the schedule's encrypted target input. */
export const SCHEDULE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;
export const SCHEDULE_DEAD_LETTER_ACTIONS = ['sqs:SendMessage'] as const;

export const BATCH_SCHEDULE_SIDS = {
  invoke: 'InvokeTheBatchSubmitter',
  send: 'SendFailedRunsToDeadLetterQueue',
  key: 'PlatformKeyForQueueAndInput',
} as const;

export interface BatchScheduleProps {
  readonly settings: BatchScheduleSettings;
  /** The submitter, the schedule's only target. */
  readonly submitter: PlatformFunction;
  /** The platform key by ARN: the dead-letter queue and the schedule's target input. */
  readonly encryptionKey: IKey;
}

/**
 * Submits one batch transform job over the configured input folder on a schedule (EventBridge
 * Scheduler): the input carries Scheduler's scheduled time, so a retried run names the job it
 * already started. Retries as configured, then a KMS-encrypted dead-letter queue with an alarm;
 * the target input encrypted with the platform key. Its role may only invoke the submitter, send
 * to that queue and use the key, and only Scheduler acting for this account's default schedule
 * group may assume it (Scheduler names the group, not the schedule, as `aws:SourceArn`).
 */
export class BatchSchedule extends Construct {
  readonly role: ServiceRole;
  readonly schedule: SchedulerSchedule;
  readonly deadLetterQueue: SqsQueue;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: BatchScheduleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const { settings } = props;
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'batch-schedule',
      description: `EventBridge Scheduler submits batch jobs over ${settings.inputPrefix}`,
      service: 'scheduler.amazonaws.com',
      sourceArns: [`arn:aws:scheduler:${stack.region}:${stack.accountId}:schedule-group/default`],
    });
    props.submitter.grantInvoke(this.role);
    const queueName = stack.naming.name('sqs-queue', 'batch-schedule', 'dlq');
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: queueName,
      kmsMasterKeyId: props.encryptionKey.keyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    // Scheduler sends dead letters as the schedule's role, so the role (not a queue policy) needs
    // SendMessage and the key.
    this.role.addToPolicy({
      Sid: BATCH_SCHEDULE_SIDS.send,
      Effect: 'Allow',
      Action: [...SCHEDULE_DEAD_LETTER_ACTIONS],
      Resource: this.deadLetterQueue.arn,
    });
    props.encryptionKey.grant(this.role, {
      sid: BATCH_SCHEDULE_SIDS.key,
      actions: SCHEDULE_KEY_ACTIONS,
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', { queueName });
    this.schedule = new SchedulerSchedule(this, 'Resource', {
      name: stack.naming.name('eventbridge-rule', 'batch-schedule'),
      description: `Submits a batch transform job over ${settings.inputPrefix} ${settings.expression}`,
      scheduleExpression: settings.expression,
      scheduleExpressionTimezone: settings.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      kmsKeyArn: props.encryptionKey.keyArn,
      state: 'ENABLED',
      target: {
        arn: props.submitter.functionArn,
        roleArn: this.role.roleArn,
        input: JSON.stringify({
          trigger: 'schedule',
          inputPrefix: settings.inputPrefix,
          scheduledTime: '<aws.scheduler.scheduled-time>',
        }),
        retryPolicy: {
          maximumRetryAttempts: settings.maximumRetryAttempts,
          maximumEventAgeInSeconds: settings.maximumEventAgeSeconds,
        },
        deadLetterConfig: { arn: this.deadLetterQueue.arn },
      },
      // A schedule that fires before its role may invoke the function loses the first run.
      dependsOn: [this.role.policy],
    });
  }
}
