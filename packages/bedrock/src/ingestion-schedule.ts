import { SchedulerSchedule } from '@cdktf/provider-aws/lib/scheduler-schedule';
import { PlatformStack } from '@genai-sandbox/core';
import { ServiceRole } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import type { KnowledgeBase } from './knowledge-base';
import { INGESTION_ACTIONS } from './perms';

export interface IngestionScheduleProps {
  readonly knowledgeBase: KnowledgeBase;
  /** `cron(...)` in UTC, checked by the configuration schema. */
  readonly scheduleExpression: string;
}

/**
 * EventBridge Scheduler's universal target for bedrock-agent StartIngestionJob: the service part
 * is the AWS SDK service identifier (`bedrockagent`), not the endpoint prefix, and the action
 * is the SDK operation in camel case.
 */
export const START_INGESTION_TARGET_ARN =
  'arn:aws:scheduler:::aws-sdk:bedrockagent:startIngestionJob';

export const INGESTION_SID = 'StartIngestionOfThisKnowledgeBase';

/**
 * Starts an ingestion job of the knowledge base's data source on a schedule, as a role that
 * EventBridge Scheduler assumes for schedules of this account's default group only and that may
 * start ingestion of this knowledge base only. Scheduler retries a failed call three times within an hour.
 */
export class IngestionSchedule extends Construct {
  readonly role: ServiceRole;
  readonly schedule: SchedulerSchedule;
  readonly name: string;

  constructor(scope: Construct, id: string, props: IngestionScheduleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.name = stack.naming.name('eventbridge-rule', 'kb-ingestion');
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'kb-ingestion',
      description: `EventBridge Scheduler starts ingestion of the ${stack.project?.name} knowledge base`,
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
    this.schedule = new SchedulerSchedule(this, 'Resource', {
      name: this.name,
      description: `Ingest ${stack.project?.name} documents into the knowledge base`,
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
      },
      dependsOn: [this.role.policy],
    });
  }
}
