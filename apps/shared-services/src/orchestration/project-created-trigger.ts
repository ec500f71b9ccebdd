import { PROJECT_ORCHESTRATION_PURPOSES } from '@genai-sandbox/config';
import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { PlatformStack } from '@genai-sandbox/core';
import { DEFAULT_RETRY_POLICY, DeadLetterQueue } from '@genai-sandbox/eventing';
import { DeadLetterAlarm, type IAlarmTopic } from '@genai-sandbox/observability';
import { EventTargetRole, type IKey, PermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { START_EXECUTION_ACTIONS, STATE_MACHINE_KEY_ACTIONS } from './perms';
import { projectCreatedPattern } from './project-created-rule';
import { STATE_MACHINE_CONTEXT_KEY } from './provisioning-state-machine';

export interface ProjectCreatedTriggerProps {
  readonly domainId: string;
  readonly stateMachineArn: string;
  /** The platform key: the dead-letter queue, and the execution input of the machine. */
  readonly encryptionKey: IKey;
  readonly alarmTopic: IAlarmTopic;
}

/**
 * The rule on the default bus that starts the state machine for each project-creation event of
 * the domain, with the event as the execution's input: through a role that may only start that
 * machine, a day of retries, then an encrypted dead-letter queue that raises an alarm.
 */
export class ProjectCreatedTrigger extends Construct {
  readonly ruleArn: string;
  readonly role: EventTargetRole;
  readonly deadLetterQueue: DeadLetterQueue;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: ProjectCreatedTriggerProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', PROJECT_ORCHESTRATION_PURPOSES.rule),
      description:
        'Starts the project provisioning for each new SageMaker Unified Studio project of the domain',
      eventBusName: 'default',
      eventPattern: projectCreatedPattern(props.domainId),
      state: 'ENABLED',
    });
    this.ruleArn = rule.arn;
    this.role = new EventTargetRole(this, 'Role', {
      purpose: PROJECT_ORCHESTRATION_PURPOSES.rule,
      ruleArn: rule.arn,
      permissionsBoundary: PermissionsBoundary.ofEnvironment(this),
      statement: {
        Sid: 'StartTheProvisioningOnly',
        Effect: 'Allow',
        Action: [...START_EXECUTION_ACTIONS],
        Resource: props.stateMachineArn,
      },
    });
    // StartExecution encrypts the input with the machine's key, in the machine's context.
    this.role.addToPolicy({
      Sid: 'EncryptTheExecutionInput',
      Effect: 'Allow',
      Action: [...STATE_MACHINE_KEY_ACTIONS],
      Resource: props.encryptionKey.keyArn,
      Condition: { StringEquals: { [STATE_MACHINE_CONTEXT_KEY]: props.stateMachineArn } },
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: PROJECT_ORCHESTRATION_PURPOSES.rule,
      encryptionKey: props.encryptionKey,
      sourceRuleArn: rule.arn,
    });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName: this.deadLetterQueue.queueName,
      topic: props.alarmTopic,
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: rule.name,
      eventBusName: 'default',
      arn: props.stateMachineArn,
      roleArn: this.role.roleArn,
      retryPolicy: DEFAULT_RETRY_POLICY,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    });
  }
}
