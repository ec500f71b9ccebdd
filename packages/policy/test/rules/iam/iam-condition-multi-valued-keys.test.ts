import { iamConditionMultiValuedKeys as rule } from '../../../src/rules/iam/iam-condition-multi-valued-keys';
import { policy, stackOf, violations } from '../../helpers';
import { rolePolicy } from './fixtures';

const BUS = 'aws_cloudwatch_event_bus_policy.Promotion';
const busPolicy = (condition: Record<string, unknown>) =>
  stackOf({
    aws_cloudwatch_event_bus_policy: {
      Promotion: {
        event_bus_name: 'genai-test-promotion',
        policy: policy({
          Sid: 'PreviousEnvironmentPutsModelApprovals',
          Effect: 'Allow',
          Principal: { AWS: 'arn:aws:iam::111111111111:root' },
          Action: 'events:PutEvents',
          Resource: 'arn:aws:events:eu-west-1:222222222222:event-bus/genai-test-promotion',
          Condition: condition,
        }),
      },
    },
  });
const EVENTS = {
  'events:source': 'aws.sagemaker',
  'events:detail-type': 'SageMaker Model Package State Change',
};

describe('iam-condition-multi-valued-keys', () => {
  it('passes ForAllValues with the Null guard, ForAnyValue, and single-valued keys with plain operators', async () => {
    expect(
      await violations(
        rule,
        busPolicy({
          'ForAllValues:StringEquals': EVENTS,
          Null: { 'events:source': 'false', 'events:detail-type': 'false' },
        }),
        BUS,
      ),
    ).toEqual([]);
    const stack = stackOf(
      rolePolicy(
        {
          Sid: 'PlatformKey',
          Effect: 'Allow',
          Action: 'kms:Decrypt',
          Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
          Condition: {
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
            StringEquals: {
              'aws:ResourceTag/platform': 'genai',
              'kms:ViaService': 's3.eu-west-1.amazonaws.com',
            },
          },
        },
        {
          Sid: 'DenyJobsOutsideVpc',
          Effect: 'Deny',
          Action: 'sagemaker:CreateTrainingJob',
          Resource: '*',
          Condition: { Null: { 'sagemaker:VpcSubnets': 'true' } },
        },
        {
          // A Deny is only made wider by an empty set: no guard needed.
          Sid: 'DenyOtherTags',
          Effect: 'Deny',
          Action: 'sagemaker:AddTags',
          Resource: '*',
          Condition: { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['project'] } },
        },
      ),
    );
    expect(await violations(rule, stack, 'aws_iam_role_policy.Work')).toEqual([]);
  });

  it('fails when a plain StringEquals compares the multi-valued events keys (the promotion bus)', async () => {
    expect(await violations(rule, busPolicy({ StringEquals: EVENTS }), BUS)).toEqual([
      expect.stringMatching(
        /^policy statement "PreviousEnvironmentPutsModelApprovals": StringEquals on events:source, which the IAM catalogue types as multi-valued/,
      ),
      expect.stringMatching(/StringEquals on events:detail-type, which the IAM catalogue types/),
    ]);
  });

  it('fails when ForAllValues in an Allow has no Null guard for its key', async () => {
    expect(
      await violations(
        rule,
        busPolicy({
          'ForAllValues:StringEquals': EVENTS,
          Null: { 'events:source': 'false', 'events:detail-type': 'true' },
        }),
        BUS,
      ),
    ).toEqual([
      'policy statement "PreviousEnvironmentPutsModelApprovals": ForAllValues:StringEquals on events:detail-type without Null {"events:detail-type": "false"}: ForAllValues is true for a request that carries no events:detail-type at all, so the Allow admits it',
    ]);
  });

  it.each([
    ['ArnLike', { ArnLike: { 'aws:PrincipalOrgPaths': 'o-1/*' } }],
    ['StringLikeIfExists', { StringLikeIfExists: { 'aws:TagKeys': 'project' } }],
    ['StringNotEquals', { StringNotEquals: { 'kms:ResourceAliases': 'alias/x' } }],
    ['ArnEquals', { ArnEquals: { 'aws:CalledVia': 'athena.amazonaws.com' } }],
  ])('fails when %s compares a multi-valued key', async (operator, condition) => {
    const stack = stackOf(
      rolePolicy({ Sid: 'S', Effect: 'Deny', Action: 's3:*', Resource: '*', Condition: condition }),
    );
    const found = await violations(rule, stack, 'aws_iam_role_policy.Work');
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${operator.split(' ')[0]} on `);
  });
});
