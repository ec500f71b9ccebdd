import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { SchedulerScheduleGroup } from '@cdktf/provider-aws/lib/scheduler-schedule-group';
import { SqsQueue } from '@cdktf/provider-aws/lib/sqs-queue';
import type { TrainingSchedule } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';

/** Actions of the schedule's role, one statement each (see PipelineSchedule). */
export const PIPELINE_START_ACTIONS = ['sagemaker:StartPipelineExecution'] as const;
export const DEAD_LETTER_SEND_ACTIONS = ['sqs:SendMessage'] as const;
/** Sending to an SSE-KMS queue and reading the schedule's encrypted target input. */
export const SCHEDULE_KEY_ACTIONS = ['kms:Decrypt', 'kms:GenerateDataKey'] as const;

/** A failed start waits here for two weeks, SQS's longest retention. */
const DEAD_LETTER_RETENTION_SECONDS = 14 * 24 * 3600;

export interface PipelineScheduleProps {
  readonly settings: TrainingSchedule;
  /** Name of the pipeline the schedule starts; its ARN is built from it for the role. */
  readonly pipelineName: string;
  /** The pipeline's ARN (a resource attribute), the schedule's target. */
  readonly pipelineArn: string;
  /** Pipeline parameters every scheduled execution passes, by name. */
  readonly parameters: Readonly<Record<string, string>>;
}

/**
 * An EventBridge Scheduler schedule that starts the training pipeline (the native SageMaker
 * pipeline target) with the given parameters: retries as configured, then a KMS-encrypted SQS
 * dead-letter queue; the schedule's target input encrypted with the platform key. Its role may
 * only start that one pipeline, send to that queue and use the platform key, and only Scheduler
 * acting for the schedule group of this construct (`aws:SourceArn`, as Scheduler's documentation
 * gives it: the group, not the schedule) may assume it.
 */
export class PipelineSchedule extends Construct {
  readonly group: SchedulerScheduleGroup;
  readonly schedule: SchedulerSchedule;
  readonly deadLetterQueue: SqsQueue;
  readonly role: ServiceRole;

  constructor(scope: Construct, id: string, props: PipelineScheduleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const key = PlatformKey.fromEnvironment(this);
    const regional = (service: string) => `arn:aws:${service}:${stack.region}:${stack.accountId}`;
    // Scheduler's names follow EventBridge rule rules (64 characters of letters, digits, . - _).
    const groupName = stack.naming.name('eventbridge-rule', 'training');
    const queueName = stack.naming.name('sqs-queue', 'training-schedule', 'dlq');

    this.group = new SchedulerScheduleGroup(this, 'Group', { name: groupName });
    this.deadLetterQueue = new SqsQueue(this, 'DeadLetterQueue', {
      name: queueName,
      kmsMasterKeyId: key.aliasArn,
      kmsDataKeyReusePeriodSeconds: 300,
      messageRetentionSeconds: DEAD_LETTER_RETENTION_SECONDS,
    });

    this.role = new ServiceRole(this, 'Role', {
      purpose: 'training-schedule',
      description: `EventBridge Scheduler: starts ${props.pipelineName}`,
      service: 'scheduler.amazonaws.com',
      sourceArns: [`${regional('scheduler')}:schedule-group/${groupName}`],
    });
    this.role.addToPolicy({
      Sid: 'StartTheTrainingPipeline',
      Effect: 'Allow',
      Action: [...PIPELINE_START_ACTIONS],
      Resource: `${regional('sagemaker')}:pipeline/${props.pipelineName}`,
    });
    this.role.addToPolicy({
      Sid: 'SendFailedStartsToTheDeadLetterQueue',
      Effect: 'Allow',
      Action: [...DEAD_LETTER_SEND_ACTIONS],
      Resource: `${regional('sqs')}:${queueName}`,
    });
    this.role.addToPolicy(
      key.statementFor({ sid: 'PlatformKeyForQueueAndInput', actions: SCHEDULE_KEY_ACTIONS }),
    );

    const { settings } = props;
    this.schedule = new SchedulerSchedule(this, 'Schedule', {
      name: stack.naming.name('eventbridge-rule', 'training', 'start'),
      groupName: this.group.name,
      description: `Starts ${props.pipelineName} ${settings.expression}`,
      scheduleExpression: settings.expression,
      scheduleExpressionTimezone: settings.timezone,
      flexibleTimeWindow: { mode: 'OFF' },
      kmsKeyArn: key.aliasArn,
      state: 'ENABLED',
      target: {
        arn: props.pipelineArn,
        roleArn: this.role.roleArn,
        retryPolicy: {
          maximumRetryAttempts: settings.maximumRetryAttempts,
          maximumEventAgeInSeconds: settings.maximumEventAgeSeconds,
        },
        deadLetterConfig: { arn: this.deadLetterQueue.arn },
        sagemakerPipelineParameters: {
          pipelineParameter: Object.entries(props.parameters).map(([name, value]) => ({
            name,
            value,
          })),
        },
      },
      // A schedule that fires before its role may start the pipeline loses the first run.
      dependsOn: [this.role.policy],
    });
  }
}
