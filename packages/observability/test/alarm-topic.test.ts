import { testConfiguration } from '@genai-sandbox/core/testing';
import { PlatformAlarmTopic } from '../src';
import { DEV_ACCOUNT, statementsOf, synth, TOPIC_ARN } from './helpers';

describe('PlatformAlarmTopic', () => {
  const config = testConfiguration((fixture) => {
    fixture.environments.dev.observability = {
      subscriptions: [
        { protocol: 'email', endpoint: 'ml-oncall@example.com' },
        { protocol: 'https', endpoint: 'https://hooks.example.com/alarms' },
      ],
    };
  });
  const { only, all, construct } = synth(
    (stack, key) => new PlatformAlarmTopic(stack, 'AlarmTopic', { encryptionKey: key }),
    { config },
  );

  it('is encrypted with the platform key and named for the environment', () => {
    expect(only('aws_sns_topic')).toMatchObject({
      name: 'genai-dev-alarms',
      kms_master_key_id: expect.stringMatching(/^\$\{aws_kms_key\.Key_[A-F0-9_]+\.arn\}$/),
    });
    expect(construct.topicArn).toBe(TOPIC_ARN);
  });

  it('lets only CloudWatch alarms, EventBridge rules and budgets of this account publish', () => {
    const statements = statementsOf(only('aws_sns_topic_policy'));
    expect(statements).toEqual([
      {
        Sid: 'CloudWatchAlarmsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'cloudwatch.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: {
          StringEquals: { 'aws:SourceAccount': DEV_ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:cloudwatch:eu-west-1:${DEV_ACCOUNT}:alarm:*` },
        },
      },
      {
        Sid: 'EventBridgeRulesOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: {
          StringEquals: { 'aws:SourceAccount': DEV_ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:events:eu-west-1:${DEV_ACCOUNT}:rule/*` },
        },
      },
      {
        Sid: 'BudgetsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'budgets.amazonaws.com' },
        Action: 'sns:Publish',
        Resource: TOPIC_ARN,
        Condition: {
          StringEquals: { 'aws:SourceAccount': DEV_ACCOUNT },
          ArnLike: { 'aws:SourceArn': `arn:aws:budgets::${DEV_ACCOUNT}:*` },
        },
      },
    ]);
  });

  it('subscribes the configured email address and HTTPS endpoint', () => {
    expect(all('aws_sns_topic_subscription').map((s) => `${s.protocol} ${s.endpoint}`)).toEqual([
      'email ml-oncall@example.com',
      'https https://hooks.example.com/alarms',
    ]);
  });

  it('names the same topic from any stack of the environment', () => {
    const { construct: reference } = synth((stack) => PlatformAlarmTopic.fromEnvironment(stack));
    expect(reference.topicArn).toBe(TOPIC_ARN);
  });

  it('fails when a subscription given as a prop is not an email address', () => {
    expect(() =>
      synth(
        (stack, key) =>
          new PlatformAlarmTopic(stack, 'AlarmTopic', {
            encryptionKey: key,
            subscriptions: [{ protocol: 'email', endpoint: 'oncall' }],
          }),
      ),
    ).toThrow(
      /subscriptions\[0\] \(received .*"oncall".*\): expected an email address such as "ml-oncall@example.com"/,
    );
  });
});

describe('PlatformKey with allowAlarmNotifications', () => {
  it('lets CloudWatch and Budgets of this account encrypt messages for the topic', () => {
    const { key } = synth(() => undefined);
    const statement = (sid: string, service: string, sourceArn: string) => ({
      Sid: sid,
      Effect: 'Allow',
      Principal: { Service: service },
      Action: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      Resource: '*',
      Condition: {
        StringEquals: { 'aws:SourceAccount': DEV_ACCOUNT },
        ArnLike: { 'aws:SourceArn': sourceArn },
      },
    });
    expect(key.policyStatements).toEqual(
      expect.arrayContaining([
        statement(
          'CloudWatchAlarmsOfThisAccountNotify',
          'cloudwatch.amazonaws.com',
          `arn:aws:cloudwatch:eu-west-1:${DEV_ACCOUNT}:alarm:*`,
        ),
        statement(
          'BudgetsOfThisAccountNotify',
          'budgets.amazonaws.com',
          `arn:aws:budgets::${DEV_ACCOUNT}:*`,
        ),
      ]),
    );
  });
});
