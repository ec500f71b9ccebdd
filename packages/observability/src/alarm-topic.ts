import { SnsTopic } from '@cdktf/provider-aws/lib/sns-topic';
import { SnsTopicPolicy } from '@cdktf/provider-aws/lib/sns-topic-policy';
import { SnsTopicSubscription } from '@cdktf/provider-aws/lib/sns-topic-subscription';
import { type AlarmSubscription, alarmSubscriptionSchema } from '@genai-sandbox/config';
import {
  checkName,
  ConstructEnvironment,
  platformDefault,
  type PolicyStatement,
  renderPolicy,
} from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct, type IConstruct } from 'constructs';
import { type PropProblem, throwIfProblems } from './validation';

/** The topic alarms, event rules and budgets of an account notify. */
export interface IAlarmTopic {
  readonly topicArn: string;
}

export interface PlatformAlarmTopicProps {
  /**
   * Key that encrypts the messages. Its key policy must let CloudWatch and AWS Budgets
   * (`allowAlarmNotifications`) and EventBridge (`allowEventBridge`) of this account use it.
   */
  readonly encryptionKey: IKey;
  /** @default - `observability.subscriptions` of a PlatformStack's environment; required elsewhere */
  readonly subscriptions?: readonly AlarmSubscription[];
}

/** `<platform>-<env>-alarms`: one per account, the same name from the foundation and from every blueprint. */
function alarmTopicName(stack: ConstructEnvironment): string {
  return checkName('sns-topic', `${stack.platform.name}-${stack.environment.name}-alarms`);
}

/**
 * The platform alarm topic of an account (one per environment, created by foundation): SNS
 * encrypted with the platform key, a topic policy that lets only CloudWatch alarms, EventBridge
 * rules and AWS Budgets of this account publish, and the subscriptions of the configuration.
 */
export class PlatformAlarmTopic extends Construct implements IAlarmTopic {
  /**
   * The topic of the environment a construct is in, by its deterministic ARN: blueprint stacks
   * notify it without a cross-stack reference (foundation deploys first).
   */
  static fromEnvironment(scope: IConstruct): IAlarmTopic {
    const stack = ConstructEnvironment.of(scope);
    return {
      topicArn: `arn:aws:sns:${stack.region}:${stack.accountId}:${alarmTopicName(stack)}`,
    };
  }

  readonly topicArn: string;
  readonly topicName: string;
  /** The topic policy statements, exposed so tests and callers can inspect them. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PlatformAlarmTopicProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const subscriptions =
      props.subscriptions ??
      platformDefault(
        this,
        'subscriptions',
        (platform) => platform.environment.observability.subscriptions,
      );
    throwIfProblems(this, 'PlatformAlarmTopic', subscriptionProblems(subscriptions));
    this.topicName = alarmTopicName(stack);
    this.topicArn = PlatformAlarmTopic.fromEnvironment(this).topicArn;
    const topic = new SnsTopic(this, 'Resource', {
      name: this.topicName,
      displayName: `GenAI sandbox ${stack.environment.name} alarms`,
      kmsMasterKeyId: props.encryptionKey.keyArn,
    });

    const account = stack.accountId;
    const publish = (sid: string, service: string, sourceArn: string): PolicyStatement => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: 'sns:Publish',
      Resource: this.topicArn,
      // Confused-deputy guard: the service acts for this account's alarms, rules or budgets only.
      Condition: {
        StringEquals: { 'aws:SourceAccount': account },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    });
    this.policyStatements = [
      publish(
        'CloudWatchAlarmsOfThisAccount',
        'cloudwatch.amazonaws.com',
        `arn:aws:cloudwatch:${stack.region}:${account}:alarm:*`,
      ),
      publish(
        'EventBridgeRulesOfThisAccount',
        'events.amazonaws.com',
        `arn:aws:events:${stack.region}:${account}:rule/*`,
      ),
      publish('BudgetsOfThisAccount', 'budgets.amazonaws.com', `arn:aws:budgets::${account}:*`),
    ];
    new SnsTopicPolicy(this, 'Policy', {
      arn: topic.arn,
      policy: renderPolicy(this.policyStatements),
    });

    for (const subscription of subscriptions) {
      // Keyed by the endpoint, so reordering the configuration does not replace subscriptions.
      const key = `${subscription.protocol}-${subscription.endpoint}`.replace(/[^\w@.-]/g, '_');
      new SnsTopicSubscription(this, `Subscription-${key}`, {
        topicArn: topic.arn,
        protocol: subscription.protocol,
        endpoint: subscription.endpoint,
      });
    }
  }
}

function subscriptionProblems(subscriptions: readonly AlarmSubscription[]): PropProblem[] {
  return subscriptions.flatMap((subscription, index) => {
    const result = alarmSubscriptionSchema.safeParse(subscription);
    return result.success
      ? []
      : [
          {
            prop: `subscriptions[${index}]`,
            received: subscription,
            message: result.error.issues.map((issue) => issue.message).join('; '),
          },
        ];
  });
}
