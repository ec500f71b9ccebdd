import { CloudwatchEventRule } from '@cdktf/provider-aws/lib/cloudwatch-event-rule';
import { CloudwatchEventTarget } from '@cdktf/provider-aws/lib/cloudwatch-event-target';
import { ConstructEnvironment, isDeployTime, PropProblems } from '@genai-sandbox/core';
import { EventTargetRole, type IKey, type IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { DeadLetterQueue } from './dead-letter-queue';
import { DEFAULT_RETRY_POLICY, type RetryPolicy, retryPolicyProblems } from './retry-policy';

export interface EventForwarderProps {
  /** Purpose, part of the rule, role and queue names. */
  readonly purpose: string;
  /** What the rule forwards, shown in the EventBridge console. */
  readonly description: string;
  /** EventBridge pattern (JSON) of the events to forward, matched on this account's default bus. */
  readonly eventPattern: string;
  /** The bus in another account that receives them; its policy must admit this account. */
  readonly targetBusArn: string;
  /** Customer key of the dead-letter queue; its policy must admit EventBridge (PlatformKey allowEventBridge). */
  readonly encryptionKey: IKey;
  /** The boundary of the role EventBridge assumes to put the events. */
  readonly permissionsBoundary: IPermissionsBoundary;
  /** How long and how often a failed delivery is retried before it goes to the dead-letter queue. @default DEFAULT_RETRY_POLICY - a day, 20 attempts */
  readonly retryPolicy?: RetryPolicy;
}

const BUS_ARN = /^arn:aws[a-z-]*:events:[a-z0-9-]+:(\d{12}):event-bus\/[\w.-]+$/;

/**
 * Forwards matching events of the default bus to another account's bus (docs/architecture.md#event-flow,
 * step 3) through a role that may only put events on that bus, with retries and a dead-letter queue.
 */
export class EventForwarder extends Construct {
  readonly ruleArn: string;
  readonly role: EventTargetRole;
  readonly deadLetterQueue: DeadLetterQueue;

  constructor(scope: Construct, id: string, props: EventForwarderProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const retryPolicy = props.retryPolicy ?? DEFAULT_RETRY_POLICY;
    const problems = new PropProblems().addAll(retryPolicyProblems(retryPolicy));
    const account = BUS_ARN.exec(props.targetBusArn)?.[1];
    if (!isDeployTime(props.targetBusArn) && (!account || account === stack.accountId)) {
      problems.add(
        'targetBusArn',
        props.targetBusArn,
        `use the event bus ARN of another account than ${stack.accountId}: arn:aws:events:<region>:<account>:event-bus/<name>`,
      );
    }
    problems.throwIfAny(this, 'EventForwarder');
    const rule = new CloudwatchEventRule(this, 'Rule', {
      name: stack.naming.name('eventbridge-rule', props.purpose),
      description: props.description,
      eventBusName: 'default',
      eventPattern: props.eventPattern,
      state: 'ENABLED',
    });
    this.ruleArn = rule.arn;
    this.role = new EventTargetRole(this, 'Role', {
      purpose: props.purpose,
      ruleArn: rule.arn,
      permissionsBoundary: props.permissionsBoundary,
      statement: {
        Sid: 'PutEventsOnTheTargetBusOnly',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: props.targetBusArn,
      },
    });
    this.deadLetterQueue = new DeadLetterQueue(this, 'DeadLetterQueue', {
      purpose: props.purpose,
      encryptionKey: props.encryptionKey,
      sourceRuleArn: rule.arn,
    });
    new CloudwatchEventTarget(this, 'Target', {
      rule: rule.name,
      eventBusName: 'default',
      arn: props.targetBusArn,
      roleArn: this.role.roleArn,
      retryPolicy,
      deadLetterConfig: { arn: this.deadLetterQueue.queueArn },
    });
  }
}
