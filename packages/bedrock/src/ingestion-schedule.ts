import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { DeadLetterAlarm } from '@genai-sandbox/observability';
import { type IKey, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import type { KnowledgeBase } from './knowledge-base';
import { INGESTION_ACTIONS, QUEUE_KEY_ACTIONS, SCHEDULE_DEAD_LETTER_ACTIONS } from './perms';

export interface IngestionScheduleProps {
  readonly knowledgeBase: KnowledgeBase;
  /** `cron(...)` in UTC, checked by the configuration schema. */
  readonly scheduleExpression: string;
  /** The platform key by its key ARN (`PlatformKey.fromKeyArn`): encrypts the dead-letter queue. */
  readonly encryptionKey: IKey;
}

/**
 * EventBridge Scheduler's universal target for bedrock-agent StartIngestionJob: the service part
 * is the AWS SDK service identifier (`bedrockagent`), not the endpoint prefix, and the action
 * is the SDK operation in camel case.
 */
export const START_INGESTION_TARGET_ARN =
  'arn:aws:scheduler:::aws-sdk:bedrockagent:startIngestionJob';

export const INGESTION_SID = 'StartIngestionOfThisKnowledgeBase';
export const INGESTION_DEAD_LETTER_SIDS = {
  send: 'SendFailedStartsToDeadLetterQueue',
  key: 'EncryptDeadLetters',
} as const;

/**
 * Starts an ingestion job of the knowledge base's data source on a schedule, as a role that
 * EventBridge Scheduler assumes for schedules of this account's default group only and that may
 * start ingestion of this knowledge base only. Scheduler retries a failed call three times within an hour,
 * then puts the event into a dead-letter queue (KMS, 14 days) whose alarm notifies the platform
 * alarm topic: a schedule whose StartIngestionJob keeps failing (access denied, a knowledge base
 * or data source gone, a job still running) is seen.
 *
 * An ingestion job that starts and then ends FAILED is not covered: Bedrock publishes no
 * EventBridge event for knowledge base ingestion jobs (its events are model customization, batch
 * inference and data automation jobs) and no CloudWatch metric of failed jobs.
 */
export class IngestionSchedule extends Construct {
  readonly role: ServiceRole;
  readonly schedule: SchedulerSchedule;
  readonly name: string;
  readonly deadLetterQueue: SqsQueue;
  /** `<platform>-<env>-<project>-kb-ingestion-dlq`, known at synth (the dashboard searches it). */
  readonly deadLetterQueueName: string;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: IngestionScheduleProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.name = stack.naming.name('eventbridge-rule', 'kb-ingestion');
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'kb-ingestion',
      description: `EventBridge Scheduler starts ingestion of the ${stack.projectName} knowledge base`,
      service: 'scheduler.amazonaws.com',
      // Scheduler names the schedule group, not the schedule, as aws:SourceArn when it assumes
      // the role; the schedule is in the account's default group.
      sourceArns: [`arn:aws:scheduler:${stack.region}:${stack.accountId}:schedule-group/default`],
    });
    this.role.addToPolicy({
      Sid: INGESTION_SID,
      Effect: 'Allow',
      Action: [...INGESTION_ACTIONS],
      Resource: props.knowledgeBase.knowledgeBaseArn,
    });
    const queueName = stack.naming.name('sqs-queue', 'kb-ingestion', 'dlq');
    this.deadLetterQueueName = queueName;
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: queueName,
      kmsMasterKeyId: props.encryptionKey.keyArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: 14 * 24 * 3600,
    });
    // Scheduler sends dead letters as the schedule's role, so the role (not a queue policy) needs
    // SendMessage and the key.
    this.role.addToPolicy({
      Sid: INGESTION_DEAD_LETTER_SIDS.send,
      Effect: 'Allow',
      Action: [...SCHEDULE_DEAD_LETTER_ACTIONS],
      Resource: this.deadLetterQueue.arn,
    });
    props.encryptionKey.grant(this.role, {
      sid: INGESTION_DEAD_LETTER_SIDS.key,
      actions: QUEUE_KEY_ACTIONS,
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName,
    });
    this.schedule = new SchedulerSchedule(this, 'Resource', {
      name: this.name,
      description: `Ingest ${stack.projectName} documents into the knowledge base`,
      scheduleExpression: props.scheduleExpression,
      scheduleExpressionTimezone: 'UTC',
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: START_INGESTION_TARGET_ARN,
        roleArn: this.role.roleArn,
        input: JSON.stringify({
          KnowledgeBaseId: props.knowledgeBase.knowledgeBaseId,
          DataSourceId: props.knowledgeBase.dataSource.dataSourceId,
        }),
        retryPolicy: { maximumRetryAttempts: 3, maximumEventAgeInSeconds: 3600 },
        deadLetterConfig: { arn: this.deadLetterQueue.arn },
      },
      dependsOn: [this.role.policy],
    });
  }
}
