import { bedrockInvokeRequiresGuardrail as rule } from '../../../src/rules/bedrock/bedrock-invoke-requires-guardrail';
import { stackOf, violations } from '../../helpers';
import { BOUNDARY_ARN, boundaryPolicy, roleWithBoundary, rolePolicy } from '../iam/fixtures';

const PROFILE = 'arn:aws:bedrock:eu-west-1:111111111111:application-inference-profile/abc123';
const GUARDRAIL = 'arn:aws:bedrock:eu-west-1:111111111111:guardrail/gr1abc';
/** The reference the Guardrail construct renders: ARN and published version, resolved at apply. */
const GUARDRAIL_REFERENCE =
  '${aws_bedrock_guardrail.Guardrail.guardrail_arn}:${aws_bedrock_guardrail_version.Guardrail_Version.version}';
const WORK = 'aws_iam_role_policy.Work';

const invoke = (sid: string, extra: Record<string, unknown> = {}) => ({
  Sid: sid,
  Effect: 'Allow',
  Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
  Resource: PROFILE,
  ...extra,
});

describe('bedrock-invoke-requires-guardrail', () => {
  it('passes invocation pinned to a published guardrail version, and statements that do not invoke', async () => {
    const stack = stackOf(
      rolePolicy(
        invoke('Reference', {
          Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL_REFERENCE } },
        }),
        invoke('Literal', {
          Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:3` } },
        }),
        { Sid: 'Apply', Effect: 'Allow', Action: 'bedrock:ApplyGuardrail', Resource: GUARDRAIL },
        { Sid: 'Agent', Effect: 'Allow', Action: 'bedrock:InvokeAgent', Resource: '*' },
        { Sid: 'DenyInvoke', Effect: 'Deny', Action: 'bedrock:InvokeModel', Resource: '*' },
        {
          Sid: 'AllButInvoke',
          Effect: 'Allow',
          NotAction: ['bedrock:InvokeModel*'],
          Resource: GUARDRAIL,
        },
      ),
    );
    expect(await violations(rule, stack, WORK)).toEqual([]);
  });

  it('passes the permissions boundary, which grants nothing by itself', async () => {
    const stack = stackOf({ ...boundaryPolicy(), ...roleWithBoundary(BOUNDARY_ARN) });
    expect(await violations(rule, stack, 'aws_iam_policy.Boundary')).toEqual([]);
  });

  it('fails when a role can invoke a model without the guardrail condition', async () => {
    const stack = stackOf(rolePolicy(invoke('Open')));
    expect(await violations(rule, stack, WORK)).toEqual([
      'policy statement "Open": grants model invocation (through bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) without a condition on bedrock:GuardrailIdentifier',
    ]);
  });

  it('fails when wildcards or NotAction reach the invocation actions', async () => {
    const stack = stackOf(
      rolePolicy(
        { Sid: 'Invoke', Effect: 'Allow', Action: 'bedrock:Invoke*', Resource: PROFILE },
        { Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' },
        {
          Sid: 'AllButOne',
          Effect: 'Allow',
          NotAction: 'bedrock:InvokeModel',
          Resource: '*',
        },
      ),
    );
    expect(await violations(rule, stack, WORK)).toEqual([
      'policy statement "Invoke": grants model invocation (through bedrock:Invoke*) without a condition on bedrock:GuardrailIdentifier',
      'policy statement "Everything": grants model invocation (through *) without a condition on bedrock:GuardrailIdentifier',
      'policy statement "AllButOne": grants model invocation (through NotAction) without a condition on bedrock:GuardrailIdentifier',
    ]);
  });

  it('fails when the guardrail is unversioned, a wildcard, or only checked if present', async () => {
    const stack = stackOf(
      rolePolicy(
        invoke('Draft', {
          Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': GUARDRAIL } },
        }),
        invoke('AnyVersion', {
          Condition: { StringLike: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:*` } },
        }),
        invoke('IfExists', {
          Condition: {
            StringEqualsIfExists: { 'bedrock:GuardrailIdentifier': `${GUARDRAIL}:1` },
          },
        }),
      ),
    );
    expect(await violations(rule, stack, WORK)).toEqual([
      `policy statement "Draft": grants model invocation (through bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) with bedrock:GuardrailIdentifier ["${GUARDRAIL}"], which is not one published guardrail version "<guardrail ARN>:<version>"`,
      `policy statement "AnyVersion": grants model invocation (through bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) with bedrock:GuardrailIdentifier ["${GUARDRAIL}:*"], which is not one published guardrail version "<guardrail ARN>:<version>"`,
      'policy statement "IfExists": grants model invocation (through bedrock:InvokeModel, bedrock:InvokeModelWithResponseStream) with bedrock:GuardrailIdentifier only under StringEqualsIfExists, which does not require it',
    ]);
  });
});
