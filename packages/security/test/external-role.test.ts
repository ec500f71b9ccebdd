import {
  onlyResourceOfType,
  synthesize,
  testConfiguration,
  testStack,
} from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { ExternalRole, grantProjectMembers, PROJECT_ROLE_ID } from '../src';

const ROLE = 'arn:aws:iam::111111111111:role/datazone_usr_role_prj1_env1';
const READ = {
  Sid: 'Read',
  Effect: 'Allow',
  Action: 's3:GetObject',
  Resource: 'arn:aws:s3:::b/x/*',
} as const;

describe('ExternalRole', () => {
  it('collects grants into one managed policy named after the stack, attached to the role by name', () => {
    const stack = testStack({ project: 'fraud-detection', app: 'inference-batch' });
    const role = new ExternalRole(stack, 'ProjectRole', { roleArn: ROLE });
    expect(role.addToPolicy(READ)).toBe(true);
    expect(role.addToPolicy({ ...READ })).toBe(false);
    const json = synthesize(stack);
    const policy = onlyResourceOfType(json, 'aws_iam_policy');
    expect(policy.name).toBe('genai-dev-fraud-detection-inference-batch');
    expect(JSON.parse(policy.policy as string).Statement).toEqual([READ]);
    expect(onlyResourceOfType(json, 'aws_iam_role_policy_attachment')).toMatchObject({
      role: 'datazone_usr_role_prj1_env1',
      policy_arn: expect.stringMatching(/aws_iam_policy\.ProjectRole_Policy.*\.arn/),
    });
    // The role itself belongs to SageMaker Unified Studio: the stack creates no role.
    expect(json.resource?.aws_iam_role).toBeUndefined();
  });

  it('names the role by the last segment of an ARN with a path', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const role = new ExternalRole(stack, 'R', {
      roleArn: 'arn:aws:iam::111111111111:role/service-role/studio/project-role',
    });
    expect(role.roleName).toBe('project-role');
  });

  it('splits a deploy-time ARN in Terraform', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const arn = new TerraformVariable(stack, 'arn', { type: 'string' }).stringValue;
    const role = new ExternalRole(stack, 'R', { roleArn: arn });
    role.addToPolicy(READ);
    expect(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy_attachment').role).toBe(
      '${element(reverse(split("/", var.arn)), 0)}',
    );
  });

  it('fails when the ARN is not a role ARN, naming the value and the form to use', () => {
    const stack = testStack({ project: 'fraud-detection' });
    expect(
      () => new ExternalRole(stack, 'R', { roleArn: 'arn:aws:iam::111111111111:user/alice' }),
    ).toThrow(
      /ExternalRole test-fraud-detection-dev\/R: roleArn "arn:aws:iam::111111111111:user\/alice" is not the ARN of an IAM role; pass arn:aws:iam::111111111111:role\/<name>/,
    );
  });

  it("fails when the role is another account's", () => {
    const stack = testStack({ project: 'fraud-detection' });
    expect(
      () => new ExternalRole(stack, 'R', { roleArn: 'arn:aws:iam::222222222222:role/x' }),
    ).toThrow(/is a role of account 222222222222; this stack deploys to 111111111111/);
  });

  it('fails synthesis when nothing was granted, or more than a managed policy holds', () => {
    const empty = testStack({ project: 'fraud-detection' });
    new ExternalRole(empty, 'R', { roleArn: ROLE });
    expect(() => synthesize(empty)).toThrow(/ExternalRole .*\/R has no statements/);

    const large = testStack({ project: 'fraud-detection' });
    const role = new ExternalRole(large, 'R', { roleArn: ROLE });
    for (let index = 0; index < 120; index += 1)
      role.addToPolicy({ ...READ, Sid: `Read${index}`, Resource: `arn:aws:s3:::b/${index}/*` });
    expect(() => synthesize(large)).toThrow(
      /the managed policy counts \d+ characters, more than the 6144/,
    );
  });
});

describe('grantProjectMembers', () => {
  const withRole = (roleArn?: string) =>
    testConfiguration((fixture) => {
      fixture.environments.dev.projects = [
        {
          name: 'fraud-detection',
          profile: 'genai-full',
          ...(roleArn ? { smusProjectRoleArn: roleArn } : {}),
        },
      ];
    });

  it("grants the stack's project role what the grants add, and returns it", () => {
    const stack = testStack({ project: 'fraud-detection', config: withRole(ROLE) });
    const role = grantProjectMembers(stack, [
      (grantee) => (grantee.addToPolicy(READ) ? [READ] : []),
    ]);
    expect(role?.node.id).toBe(PROJECT_ROLE_ID);
    expect(role?.roleArn).toBe(ROLE);
    expect(role?.policyStatements).toEqual([READ]);
  });

  it('creates nothing for a project without a project role', () => {
    const stack = testStack({ project: 'fraud-detection', config: withRole() });
    const grant = jest.fn(() => []);
    expect(grantProjectMembers(stack, [grant])).toBeUndefined();
    expect(grant).not.toHaveBeenCalled();
    expect(synthesize(stack).resource?.aws_iam_policy).toBeUndefined();
  });
});
