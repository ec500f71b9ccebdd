import {
  evaluateIam,
  type IamRequest,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { SageMakerJobRoles, ServiceRole, vpcNetworkInterfaceStatements } from '../src';

const EC2 = 'arn:aws:ec2:eu-west-1:111111111111';
/** The platform VPC as the role's policy names it: from the stack input vpc_id. */
const PLATFORM_VPC = `${EC2}:vpc/\${var.vpc_id}`;
const OTHER_VPC = `${EC2}:vpc/vpc-0ther000000000000`;

function inlinePolicy(stack: ReturnType<typeof testStack>, roleName: string): string {
  const policy = Object.values(resourcesOfType(synthesize(stack), 'aws_iam_role_policy')).find(
    (candidate) => candidate.name === roleName,
  );
  if (!policy) throw new Error(`no inline policy named ${roleName}`);
  return policy.policy as string;
}

/** What SageMaker asks IAM, as the job role, to start a job in a VPC. */
function jobStart(vpc: string): IamRequest[] {
  return [
    { action: 'ec2:DescribeSubnets', resource: '*', context: { 'ec2:Region': 'eu-west-1' } },
    { action: 'ec2:DescribeVpcs', resource: '*', context: { 'ec2:Region': 'eu-west-1' } },
    { action: 'ec2:DescribeDhcpOptions', resource: '*', context: { 'ec2:Region': 'eu-west-1' } },
    {
      action: 'ec2:DescribeSecurityGroups',
      resource: '*',
      context: { 'ec2:Region': 'eu-west-1' },
    },
    {
      action: 'ec2:DescribeNetworkInterfaces',
      resource: '*',
      context: { 'ec2:Region': 'eu-west-1' },
    },
    { action: 'ec2:CreateNetworkInterface', resource: `${EC2}:network-interface/*` },
    {
      action: 'ec2:CreateNetworkInterface',
      resource: `${EC2}:subnet/subnet-0123456789abcdef0`,
      context: { 'ec2:Vpc': vpc },
    },
    {
      action: 'ec2:CreateNetworkInterface',
      resource: `${EC2}:security-group/sg-0123456789abcdef0`,
      context: { 'ec2:Vpc': vpc },
    },
    {
      action: 'ec2:CreateNetworkInterfacePermission',
      resource: `${EC2}:network-interface/eni-0123456789abcdef0`,
      context: { 'ec2:Vpc': vpc },
    },
    {
      action: 'ec2:DeleteNetworkInterface',
      resource: `${EC2}:network-interface/eni-0123456789abcdef0`,
      context: { 'ec2:Vpc': vpc },
    },
    {
      action: 'ec2:DeleteNetworkInterfacePermission',
      resource: `${EC2}:network-interface/eni-0123456789abcdef0`,
    },
  ];
}

describe('VPC network interfaces of job roles', () => {
  it('let the training job role start a job in the platform VPC', () => {
    const stack = testStack({ project: 'fraud-detection' });
    new SageMakerJobRoles(stack, 'Roles', { description: 'the pipeline' });
    const identity = [inlinePolicy(stack, 'training')];
    for (const request of jobStart(PLATFORM_VPC)) {
      expect([request.action, evaluateIam({ identity }, request)]).toEqual([
        request.action,
        'allow',
      ]);
    }
  });

  it('fails when the subnet, security group or interface is in another VPC', () => {
    const stack = testStack({ project: 'fraud-detection' });
    new SageMakerJobRoles(stack, 'Roles', { description: 'the pipeline' });
    const identity = [inlinePolicy(stack, 'training')];
    const denied = jobStart(OTHER_VPC).filter((request) => request.context?.['ec2:Vpc']);
    expect(denied).toHaveLength(4);
    for (const request of denied) {
      expect(evaluateIam({ identity }, request)).toBe('implicit-deny');
    }
  });

  it('fails when the region is another, or the interface is in another account', () => {
    const stack = testStack({ project: 'fraud-detection' });
    new SageMakerJobRoles(stack, 'Roles', { description: 'the pipeline' });
    const identity = [inlinePolicy(stack, 'training')];
    expect(
      evaluateIam(
        { identity },
        { action: 'ec2:DescribeSubnets', resource: '*', context: { 'ec2:Region': 'us-east-1' } },
      ),
    ).toBe('implicit-deny');
    expect(
      evaluateIam(
        { identity },
        {
          action: 'ec2:CreateNetworkInterface',
          resource: 'arn:aws:ec2:eu-west-1:999999999999:network-interface/*',
        },
      ),
    ).toBe('implicit-deny');
  });

  it('declares the stack input vpc_id the condition names', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const role = new ServiceRole(stack, 'Role', {
      purpose: 'jobs',
      description: 'jobs',
      service: 'sagemaker.amazonaws.com',
    });
    for (const statement of vpcNetworkInterfaceStatements(stack)) role.addToPolicy(statement);
    expect(Object.keys((synthesize(stack) as { variable?: object }).variable ?? {})).toEqual([
      'vpc_id',
    ]);
  });

  it('names another VPC when given one', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const statements = vpcNetworkInterfaceStatements(stack, { vpcArn: OTHER_VPC });
    expect(statements.flatMap((s) => Object.values(s.Condition ?? {}))).toContainEqual({
      'ec2:Vpc': OTHER_VPC,
    });
  });
});
