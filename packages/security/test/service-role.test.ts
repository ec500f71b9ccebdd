import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { PlatformKey, ServiceRole, type ServiceRoleProps } from '../src';

const READ = { Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/x/*' } as const;

function roleIn(props: Partial<ServiceRoleProps> = {}, project?: string) {
  const stack = testStack({ project });
  const role = new ServiceRole(stack, 'Role', {
    purpose: 'preprocessing',
    description: 'Processing jobs',
    service: 'sagemaker.amazonaws.com',
    ...props,
  });
  return { stack, role };
}

const policyOf = (stack: ReturnType<typeof testStack>) =>
  JSON.parse(onlyResourceOfType(synthesize(stack), 'aws_iam_role_policy').policy as string);

describe('ServiceRole', () => {
  it('trusts one service of this account only, for one hour, within the environment boundary', () => {
    const { stack, role } = roleIn({ statements: [READ] }, 'fraud-detection');
    role.addToPolicy(READ);
    const json = synthesize(stack);
    const iamRole = onlyResourceOfType(json, 'aws_iam_role');
    expect(iamRole).toMatchObject({
      name: 'genai-dev-fraud-detection-preprocessing',
      max_session_duration: 3600,
      permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
    });
    expect(JSON.parse(iamRole.assume_role_policy as string).Statement).toEqual([
      {
        Sid: 'ServiceOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'sagemaker.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
  });

  it('narrows the trust to source ARNs when given', () => {
    const { stack } = roleIn({
      statements: [READ],
      sourceArns: ['arn:aws:glue:eu-west-1:111111111111:crawler/*'],
    });
    const trust = JSON.parse(
      onlyResourceOfType(synthesize(stack), 'aws_iam_role').assume_role_policy as string,
    );
    expect(trust.Statement[0].Condition.ArnLike).toEqual({
      'aws:SourceArn': ['arn:aws:glue:eu-west-1:111111111111:crawler/*'],
    });
  });

  it('names the trust statement with trustSid when given', () => {
    const { role } = roleIn({ statements: [READ], trustSid: 'VpcFlowLogsOfThisAccount' });
    expect(role.trustStatements.map((statement) => statement.Sid)).toEqual([
      'VpcFlowLogsOfThisAccount',
    ]);
  });

  it('fails when trustSid is not a Sid', () => {
    expect(() => roleIn({ statements: [READ], trustSid: 'flow-logs trust' })).toThrow(
      /trustSid "flow-logs trust" is not a Sid; IAM accepts letters and digits only/,
    );
  });

  it('renders statements added after construction, once each', () => {
    const { stack, role } = roleIn();
    expect(role.addToPolicy(READ)).toBe(true);
    expect(role.addToPolicy({ ...READ })).toBe(false);
    role.addToPolicy({ Sid: 'Later', Effect: 'Allow', Action: 'glue:GetTable', Resource: 'x' });
    expect(policyOf(stack).Statement).toEqual([
      READ,
      { Sid: 'Later', Effect: 'Allow', Action: 'glue:GetTable', Resource: 'x' },
    ]);
  });

  it('fails when two different statements use one Sid', () => {
    const { role } = roleIn();
    role.addToPolicy({ ...READ, Sid: 'Same' });
    expect(() => role.addToPolicy({ ...READ, Sid: 'Same', Resource: 'other' })).toThrow(
      /already uses Sid "Same"/,
    );
  });

  it('fails synthesis when nothing was granted', () => {
    const { stack } = roleIn();
    expect(() => Testing.synth(stack, true)).toThrow(/has no statements/);
  });

  it('fails when the service, session or source ARN is not valid, listing every problem', () => {
    expect(() =>
      roleIn({ service: 'glue', maxSessionDurationSeconds: 60, sourceArns: ['crawler/*'] }),
    ).toThrow(
      /service "glue" is not a service principal[\s\S]*sourceArns "crawler\/\*" is not an ARN[\s\S]*maxSessionDurationSeconds is 60/,
    );
  });
});

describe('ServiceRole.grantBaseExecution', () => {
  it('adds own log groups, read-only catalog and the platform key by alias, and returns them', () => {
    const { stack, role } = roleIn({}, 'fraud-detection');
    const added = role.grantBaseExecution();
    expect(added.map((statement) => statement.Sid)).toEqual([
      'BaseOwnLogGroups',
      'BaseReadGlueCatalog',
      'BasePlatformKey',
    ]);
    const [logs, catalog, key] = policyOf(stack).Statement;
    expect(logs.Resource).toEqual([
      'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/sagemaker/*',
      'arn:aws:logs:eu-west-1:111111111111:log-group:/aws/sagemaker/*:log-stream:*',
    ]);
    expect(
      catalog.Action.every((action: string) => /^glue:(Get|BatchGet|Search)/.test(action)),
    ).toBe(true);
    expect(catalog.Resource).toContain('arn:aws:glue:eu-west-1:111111111111:catalog');
    expect(key).toMatchObject({
      Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
      Condition: {
        'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
      },
    });
    expect(role.grantBaseExecution()).toEqual([]);
  });

  it('uses the Glue log groups for a Glue role', () => {
    const { stack, role } = roleIn({ service: 'glue.amazonaws.com' });
    role.grantBaseExecution();
    expect(policyOf(stack).Statement[0].Resource[0]).toBe(
      'arn:aws:logs:eu-west-1:111111111111:log-group:/aws-glue/*',
    );
  });

  it('fails when the service has no known log groups and none are given', () => {
    const { role } = roleIn({ service: 'states.amazonaws.com' });
    expect(() => role.grantBaseExecution()).toThrow(/no log group prefixes known/);
    expect(() => role.grantBaseExecution({ logGroupPrefixes: ['aws/states'] })).toThrow(
      /must start and end with "\/"/,
    );
  });
});

describe('PlatformKey.fromEnvironment', () => {
  it('names the account key without the project', () => {
    expect(PlatformKey.fromEnvironment(testStack({ project: 'fraud-detection' }))).toMatchObject({
      aliasName: 'alias/genai-dev-platform',
      aliasArn: 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
    });
  });
});
