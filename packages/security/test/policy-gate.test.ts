import { synthesizeWithMetadata, testStack } from '@genai-sandbox/core/testing';
import { policyViolations } from '@genai-sandbox/policy/testing';
import { PermissionsBoundary, PlatformKey, ServiceRole } from '../src';

/** A platform key, the boundary and a service role with its base grants, as a blueprint builds them. */
function build() {
  const stack = testStack({ project: 'fraud-detection' });
  new PermissionsBoundary(stack, 'Boundary');
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowS3ServerAccessLogs: true,
    allowEventBridge: true,
    downstreamAccountIds: ['222222222222'],
    downstreamPrincipalArns: ['arn:aws:iam::222222222222:role/genai-test-promotion'],
  });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'jobs',
    description: 'Processing jobs',
    service: 'sagemaker.amazonaws.com',
  });
  role.grantBaseExecution();
  return { stack, key, role };
}

describe('security constructs and the baseline policy pack', () => {
  it('builds a key, a boundary and a role that pass it', async () => {
    const { stack } = build();
    expect(await policyViolations(synthesizeWithMetadata(stack), stack.config)).toEqual([]);
  });

  it('fails when the key stops rotating and the role grants every action', async () => {
    const { stack, key, role } = build();
    key.resource.addOverride('enable_key_rotation', false);
    role.addToPolicy({ Sid: 'Everything', Effect: 'Allow', Action: '*', Resource: '*' });
    const violations = await policyViolations(synthesizeWithMetadata(stack), stack.config);
    expect(violations).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^kms-key-rotation aws_kms_key\.Key_/),
        expect.stringMatching(/^iam-no-wildcard-action aws_iam_role_policy\.Role_/),
      ]),
    );
  });
});
