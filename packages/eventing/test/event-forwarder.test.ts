import { TerraformVariable } from 'cdktf';
import {
  DEFAULT_RETRY_POLICY,
  EventForwarder,
  type EventForwarderProps,
  modelApprovalPattern,
} from '../src';
import { fixture, PROD_BUS_ARN, resolved, statementsOf, synth, TEST_ACCOUNT } from './helpers';

const PATTERN = modelApprovalPattern(['genai-llm-finetuned']);

function synthForwarder(props: Partial<EventForwarderProps> = {}) {
  return synth(
    ({ stack, key, boundary }) =>
      new EventForwarder(stack, 'Forward', {
        purpose: 'forward-approvals',
        description: 'Forwards approved model packages to prod',
        eventPattern: PATTERN,
        targetBusArn: PROD_BUS_ARN,
        encryptionKey: key,
        permissionsBoundary: boundary,
        ...props,
      }),
  );
}

describe('EventForwarder', () => {
  const { only, ref, construct } = synthForwarder();
  const ruleArn = ref('aws_cloudwatch_event_rule', 'Forward_Rule_', 'arn');

  it('matches the pattern on the default bus of this account', () => {
    expect(only('aws_cloudwatch_event_rule')).toEqual({
      name: 'genai-test-forward-approvals',
      description: 'Forwards approved model packages to prod',
      event_bus_name: 'default',
      event_pattern: PATTERN,
      state: 'ENABLED',
    });
    expect(resolved(construct, construct.ruleArn)).toBe(ruleArn);
  });

  it('targets the other bus through the role, with a day of retries and the dead-letter queue', () => {
    expect(only('aws_cloudwatch_event_target')).toEqual({
      rule: ref('aws_cloudwatch_event_rule', 'Forward_Rule_', 'name'),
      event_bus_name: 'default',
      arn: PROD_BUS_ARN,
      role_arn: ref('aws_iam_role', 'Forward_Role_', 'arn'),
      retry_policy: { maximum_event_age_in_seconds: 86400, maximum_retry_attempts: 20 },
      dead_letter_config: { arn: ref('aws_sqs_queue', 'Forward_DeadLetterQueue_', 'arn') },
    });
    expect(DEFAULT_RETRY_POLICY).toEqual({
      maximumEventAgeInSeconds: 86_400,
      maximumRetryAttempts: 20,
    });
  });

  it('lets only EventBridge assume the role, only for this rule of this account', () => {
    expect(statementsOf(only('aws_iam_role'), 'assume_role_policy')).toEqual([
      {
        Sid: 'EventBridgeForThisRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT },
          ArnEquals: { 'aws:SourceArn': ruleArn },
        },
      },
    ]);
  });

  it('lets the role only put events on the target bus, within the permissions boundary', () => {
    expect(only('aws_iam_role')).toMatchObject({
      name: 'genai-test-forward-approvals',
      permissions_boundary: `arn:aws:iam::${TEST_ACCOUNT}:policy/genai-test-permissions-boundary`,
    });
    const policy = only('aws_iam_role_policy');
    expect(policy.role).toBe(ref('aws_iam_role', 'Forward_Role_', 'name'));
    expect(statementsOf(policy)).toEqual([
      {
        Sid: 'PutEventsOnTheTargetBusOnly',
        Effect: 'Allow',
        Action: 'events:PutEvents',
        Resource: PROD_BUS_ARN,
      },
    ]);
    expect(construct.role.policyStatements).toEqual(statementsOf(policy));
  });

  it('keeps failed events 14 days in a KMS-encrypted queue that only this rule may send to', () => {
    expect(only('aws_sqs_queue')).toEqual({
      name: 'genai-test-forward-approvals-dlq',
      kms_master_key_id: ref('aws_kms_key', 'Key_', 'arn'),
      kms_data_key_reuse_period_seconds: 300,
      message_retention_seconds: 1_209_600,
    });
    const policy = only('aws_sqs_queue_policy');
    expect(policy.queue_url).toBe(ref('aws_sqs_queue', 'Forward_DeadLetterQueue_', 'url'));
    expect(statementsOf(policy)).toEqual([
      {
        Sid: 'OnlyTheRuleDeliversFailures',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sqs:SendMessage',
        Resource: ref('aws_sqs_queue', 'Forward_DeadLetterQueue_', 'arn'),
        Condition: {
          ArnEquals: { 'aws:SourceArn': ruleArn },
          StringEquals: { 'aws:SourceAccount': TEST_ACCOUNT },
        },
      },
    ]);
  });

  it('takes another retry policy from props', () => {
    const target = synthForwarder({
      retryPolicy: { maximumEventAgeInSeconds: 3600, maximumRetryAttempts: 5 },
    }).only('aws_cloudwatch_event_target');
    expect(target.retry_policy).toEqual({
      maximum_event_age_in_seconds: 3600,
      maximum_retry_attempts: 5,
    });
  });

  it('fails when the target bus is in the same account', () => {
    const own = `arn:aws:events:eu-west-1:${TEST_ACCOUNT}:event-bus/genai-test-promotion`;
    expect(() => synthForwarder({ targetBusArn: own })).toThrow(
      `targetBusArn (received "${own}"): use the event bus ARN of another account than ${TEST_ACCOUNT}`,
    );
  });

  it('fails when the target is not an event bus ARN', () => {
    for (const arn of [
      'genai-prod-promotion',
      'arn:aws:sqs:eu-west-1:333333333333:genai-prod-queue',
      'arn:aws:events:eu-west-1:333333333333:rule/genai-prod-promotion',
      'arn:aws:events:eu-west-1:333333333333:event-bus/',
    ]) {
      expect(() => synthForwarder({ targetBusArn: arn })).toThrow(
        `targetBusArn (received "${arn}")`,
      );
    }
  });

  it('fails when the retry policy is outside the EventBridge limits, with every problem at once', () => {
    expect(() =>
      synthForwarder({
        targetBusArn: 'x',
        retryPolicy: { maximumEventAgeInSeconds: 86_401, maximumRetryAttempts: 186 },
      }),
    ).toThrow(
      /EventForwarder .*: 3 invalid props:\n {2}- retryPolicy\.maximumEventAgeInSeconds \(received 86401\).*\n {2}- retryPolicy\.maximumRetryAttempts \(received 186\).*\n {2}- targetBusArn \(received "x"\)/,
    );
    expect(() =>
      synthForwarder({ retryPolicy: { maximumEventAgeInSeconds: 59, maximumRetryAttempts: -1 } }),
    ).toThrow(
      /maximumEventAgeInSeconds \(received 59\): EventBridge allows whole seconds from 60 to 86400\n {2}- retryPolicy\.maximumRetryAttempts \(received -1\)/,
    );
  });

  it('accepts values only known at deploy time', () => {
    const { stack, key, boundary } = fixture();
    const variable = (name: string, type: 'string' | 'number') =>
      new TerraformVariable(stack, name, { type });
    expect(
      () =>
        new EventForwarder(stack, 'Forward', {
          purpose: 'forward-approvals',
          description: 'd',
          eventPattern: PATTERN,
          targetBusArn: variable('bus', 'string').stringValue,
          retryPolicy: {
            maximumEventAgeInSeconds: variable('age', 'number').numberValue,
            maximumRetryAttempts: variable('attempts', 'number').numberValue,
          },
          encryptionKey: key,
          permissionsBoundary: boundary,
        }),
    ).not.toThrow();
  });
});
