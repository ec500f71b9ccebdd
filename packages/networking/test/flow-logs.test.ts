import { synthesize } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { FLOW_LOG_DELIVERY_ACTIONS, FlowLogs, type FlowLogsProps } from '../src';
import {
  fixture,
  parsePolicy,
  reference,
  resolved,
  resourceNamed,
  resources,
  synthVpc,
} from './helpers';

const LOG_GROUP_ARN = 'arn:aws:logs:eu-west-1:111111111111:log-group:/genai/dev/vpc/flow-logs';

function synthFlowLogs(overrides: Partial<FlowLogsProps> = {}, environment = 'dev') {
  const { stack, key, boundary } = fixture(environment);
  const flowLogs = new FlowLogs(stack, 'FlowLogs', {
    vpcId: 'vpc-0123456789abcdef0',
    encryptionKey: key,
    permissionsBoundary: boundary,
    ...overrides,
  });
  return { flowLogs, json: synthesize(stack) };
}

describe('FlowLogs', () => {
  const { flowLogs, json } = synthFlowLogs();

  test('logs all traffic of the VPC to the log group, through the delivery role, once the role may write', () => {
    expect(resources(json, 'aws_flow_log')).toEqual([
      {
        vpc_id: 'vpc-0123456789abcdef0',
        traffic_type: 'ALL',
        log_destination_type: 'cloud-watch-logs',
        log_destination: reference(json, 'aws_cloudwatch_log_group', 'FlowLogs_LogGroup', 'arn'),
        iam_role_arn: reference(json, 'aws_iam_role', 'FlowLogs_Role', 'arn'),
        depends_on: [
          reference(json, 'aws_iam_role_policy', 'FlowLogs_Policy').replace(
            /^\$\{(.*)\.id\}$/,
            '$1',
          ),
        ],
      },
    ]);
  });

  test('keeps the inline policy at its address and moves the role from the raw resource it was (UPGRADE.md)', () => {
    const role = Object.keys(json.resource?.aws_iam_role ?? {});
    const policy = Object.keys(json.resource?.aws_iam_role_policy ?? {});
    expect(policy).toEqual([expect.stringMatching(/^FlowLogs_Policy_[0-9A-F]{8}$/)]);
    expect((json as { moved?: unknown }).moved).toEqual([
      {
        from: expect.stringMatching(/^aws_iam_role\.FlowLogs_Role_[0-9A-F]{8}$/),
        to: `aws_iam_role.${role[0]}`,
      },
    ]);
    // The old address is the one cdktf gave the raw role at FlowLogs/Role.
    expect((json as { moved: { from: string }[] }).moved[0].from).not.toBe(
      `aws_iam_role.${role[0]}`,
    );
  });

  test('encrypts the log group with the KMS key and keeps the logs 365 days by default', () => {
    expect(resources(json, 'aws_cloudwatch_log_group')).toEqual([
      {
        name: '/genai/dev/vpc/flow-logs',
        kms_key_id: reference(json, 'aws_kms_key', 'Key', 'arn'),
        retention_in_days: 365,
      },
    ]);
  });

  test('lets only the flow-logs service of this account and region assume the role', () => {
    const role = resourceNamed(json, 'aws_iam_role', 'FlowLogs_Role');
    expect(parsePolicy(role.assume_role_policy)).toEqual({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'VpcFlowLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: {
            StringEquals: { 'aws:SourceAccount': '111111111111' },
            ArnLike: { 'aws:SourceArn': ['arn:aws:ec2:eu-west-1:111111111111:vpc-flow-log/*'] },
          },
        },
      ],
    });
  });

  test('gives the role the permissions boundary and a name from the naming helper', () => {
    expect(resourceNamed(json, 'aws_iam_role', 'FlowLogs_Role')).toMatchObject({
      name: 'genai-dev-flow-logs',
      permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
    });
  });

  test('lets the role write to that log group only, with no wildcard resource', () => {
    const policy = resourceNamed(json, 'aws_iam_role_policy', 'FlowLogs_Policy');
    expect(policy.role).toBe(reference(json, 'aws_iam_role', 'FlowLogs_Role', 'name'));
    expect(parsePolicy(policy.policy).Statement).toEqual([
      {
        Sid: 'DeliverToTheFlowLogGroup',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'],
        Resource: [LOG_GROUP_ARN, `${LOG_GROUP_ARN}:*`],
      },
    ]);
    expect(FLOW_LOG_DELIVERY_ACTIONS).toEqual([
      'logs:CreateLogStream',
      'logs:PutLogEvents',
      'logs:DescribeLogStreams',
    ]);
    expect(resources(json, 'aws_iam_role_policy_attachment')).toEqual([]);
  });

  test('exposes the log group, role and flow log', () => {
    expect(flowLogs.logGroupName).toBe('/genai/dev/vpc/flow-logs');
    expect(flowLogs.logGroupArn).toBe(LOG_GROUP_ARN);
    expect(resolved(flowLogs, flowLogs.roleArn)).toBe(
      reference(json, 'aws_iam_role', 'FlowLogs_Role', 'arn'),
    );
    expect(resolved(flowLogs, flowLogs.flowLogId)).toBe(
      reference(json, 'aws_flow_log', 'FlowLogs'),
    );
  });

  test('keeps the log group from destroy in an environment that protects state', () => {
    const prod = synthFlowLogs({}, 'prod').json;
    expect(resources(prod, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({ lifecycle: { prevent_destroy: true } }),
    ]);
    expect(resources(json, 'aws_cloudwatch_log_group')[0]).not.toHaveProperty('lifecycle');
  });

  test('passes the retention of PlatformVpc through', () => {
    const { json: vpcJson } = synthVpc({ flowLogRetentionDays: 731 });
    expect(resources(vpcJson, 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({ retention_in_days: 731 }),
    ]);
  });

  test('fails when the retention is not one CloudWatch Logs accepts', () => {
    expect(() => synthFlowLogs({ retentionDays: 366 })).toThrow(
      /FlowLogs test-dev\/FlowLogs: 1 invalid prop:\n {2}- retentionDays \(received 366\): CloudWatch Logs accepts only 1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, .* days/,
    );
    // 0 means "never expire" to CloudWatch; the platform wants every log group to expire.
    expect(() => synthFlowLogs({ retentionDays: 0 })).toThrow(/retentionDays \(received 0\)/);
  });

  test('accepts a token retention and leaves it to Terraform', () => {
    const { stack, key, boundary } = fixture();
    const days = new TerraformVariable(stack, 'days', { type: 'number' }).numberValue;
    new FlowLogs(stack, 'FlowLogs', {
      vpcId: 'vpc-0123456789abcdef0',
      encryptionKey: key,
      permissionsBoundary: boundary,
      retentionDays: days,
    });
    expect(resources(synthesize(stack), 'aws_cloudwatch_log_group')).toEqual([
      expect.objectContaining({ retention_in_days: '${var.days}' }),
    ]);
  });
});
