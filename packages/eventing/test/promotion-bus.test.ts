import { resourcePolicyAllows } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { PromotionBus, type PromotionBusProps } from '../src';
import { DEV_ACCOUNT, fixture, statementsOf, synth, TEST_ACCOUNT } from './helpers';

const BUS = 'genai-test-promotion';
const BUS_ARN = `arn:aws:events:eu-west-1:${TEST_ACCOUNT}:event-bus/${BUS}`;

function synthBus(props: Partial<PromotionBusProps> = {}) {
  return synth(
    ({ stack, key }) =>
      new PromotionBus(stack, 'Bus', {
        busName: BUS,
        sourceAccountId: DEV_ACCOUNT,
        encryptionKey: key,
        ...props,
      }),
  );
}

describe('PromotionBus', () => {
  const { only, ref, construct } = synthBus();

  it('is encrypted with the given customer key', () => {
    expect(only('aws_cloudwatch_event_bus')).toEqual({
      name: BUS,
      kms_key_identifier: ref('aws_kms_key', 'Key_', 'arn'),
    });
    expect(construct.busName).toBe(BUS);
    expect(construct.busArn).toBe(BUS_ARN);
  });

  it('lets only the previous account put only SageMaker model package state changes', () => {
    const policy = only('aws_cloudwatch_event_bus_policy');
    expect(policy.event_bus_name).toBe(ref('aws_cloudwatch_event_bus', 'Bus_', 'name'));
    expect(statementsOf(policy)).toEqual([
      {
        Sid: 'PreviousEnvironmentPutsModelApprovals',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${DEV_ACCOUNT}:root` },
        Action: 'events:PutEvents',
        Resource: BUS_ARN,
        Condition: {
          'ForAllValues:StringEquals': {
            'events:source': 'aws.sagemaker',
            'events:detail-type': 'SageMaker Model Package State Change',
          },
          Null: { 'events:source': 'false', 'events:detail-type': 'false' },
        },
      },
    ]);
  });

  describe('as IAM evaluates PutEvents (events:source and events:detail-type are multi-valued)', () => {
    const document = only('aws_cloudwatch_event_bus_policy').policy as string;
    const put = (principalArn: string, context: Record<string, string[]>) =>
      resourcePolicyAllows(document, {
        action: 'events:PutEvents',
        resource: BUS_ARN,
        principalArn,
        context,
      });
    const FORWARDER = `arn:aws:iam::${DEV_ACCOUNT}:role/genai-dev-forward-approvals`;
    const approval = {
      'events:source': ['aws.sagemaker'],
      'events:detail-type': ['SageMaker Model Package State Change'],
    };

    it("admits the previous account's forwarder putting model approvals", () => {
      expect(put(FORWARDER, approval)).toBe('allow');
    });

    it.each([
      ['another source', { ...approval, 'events:source': ['aws.sagemaker', 'my.app'] }],
      ['another detail type', { ...approval, 'events:detail-type': ['Anything'] }],
      ['no source at all', { 'events:detail-type': approval['events:detail-type'] }],
      ['no detail type at all', { 'events:source': approval['events:source'] }],
    ])('refuses %s', (_, context) => {
      expect(put(FORWARDER, context)).toBe('implicit-deny');
    });

    it('refuses another account', () => {
      expect(put('arn:aws:iam::999999999999:role/x', approval)).toBe('implicit-deny');
    });
  });

  it('archives every event of the bus for replay, 90 days by default', () => {
    expect(only('aws_cloudwatch_event_archive')).toEqual({
      name: 'genai-test-promotion-archive',
      event_source_arn: ref('aws_cloudwatch_event_bus', 'Bus_', 'arn'),
      retention_days: 90,
    });
    expect(
      synthBus({ archiveRetentionDays: 30 }).only('aws_cloudwatch_event_archive').retention_days,
    ).toBe(30);
  });

  it('fails when the source account is this account', () => {
    expect(() => synthBus({ sourceAccountId: TEST_ACCOUNT })).toThrow(
      `sourceAccountId (received "${TEST_ACCOUNT}"): use the 12-digit ID of the previous environment's account, not this one (${TEST_ACCOUNT})`,
    );
  });

  it('fails when the source account is malformed', () => {
    for (const account of ['11111111111', '1111111111111', 'arn:aws:iam::111111111111:root']) {
      expect(() => synthBus({ sourceAccountId: account })).toThrow(
        `sourceAccountId (received "${account}")`,
      );
    }
  });

  it('fails when the archive retention is not a whole number of days, at least 1', () => {
    for (const days of [0, -1, 1.5]) {
      expect(() => synthBus({ archiveRetentionDays: days })).toThrow(
        `archiveRetentionDays (received ${days}): use a whole number of days, at least 1`,
      );
    }
  });

  it('fails when the bus name breaks the EventBridge rules, with every problem at once', () => {
    expect(() =>
      synthBus({ busName: 'genai test', sourceAccountId: 'x', archiveRetentionDays: 0 }),
    ).toThrow(
      /PromotionBus test-test\/Bus: 3 invalid props:\n {2}- busName \(received "genai test"\): Invalid event-bus name "genai test".*\n {2}- sourceAccountId \(received "x"\).*\n {2}- archiveRetentionDays \(received 0\)/,
    );
  });

  it('accepts values only known at deploy time', () => {
    const { stack, key } = fixture();
    const variable = (name: string, type: 'string' | 'number') =>
      new TerraformVariable(stack, name, { type });
    expect(
      () =>
        new PromotionBus(stack, 'Bus', {
          busName: variable('bus', 'string').stringValue,
          sourceAccountId: variable('account', 'string').stringValue,
          archiveRetentionDays: variable('days', 'number').numberValue,
          encryptionKey: key,
        }),
    ).not.toThrow();
  });
});
