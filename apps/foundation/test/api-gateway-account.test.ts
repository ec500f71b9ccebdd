import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { FoundationStack } from '../src';

function synthDev() {
  const config = testConfiguration();
  const environment = config.environments.find((candidate) => candidate.name === 'dev');
  if (!environment) throw new Error('no dev');
  return synthesize(new FoundationStack(Testing.app(), { config, environment }));
}

describe('API Gateway account settings', () => {
  it('name the role through which API Gateway writes stage logs', () => {
    const json = synthDev();
    expect(onlyResourceOfType(json, 'aws_api_gateway_account')).toMatchObject({
      cloudwatch_role_arn: expect.stringMatching(/aws_iam_role\.ApiGateway_Role.*\.arn/),
    });
  });

  it('let only API Gateway of this account assume the role, which writes only platform API log groups', () => {
    const json = synthDev();
    const [role] = Object.entries(resourcesOfType(json, 'aws_iam_role')).filter(([id]) =>
      id.startsWith('ApiGateway_Role'),
    );
    const trust = JSON.parse(String(role[1].assume_role_policy)).Statement;
    expect(trust).toEqual([
      expect.objectContaining({
        Principal: { Service: 'apigateway.amazonaws.com' },
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      }),
    ]);
    const [, policy] =
      Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).find(([id]) =>
        id.startsWith('ApiGateway_Role'),
      ) ?? [];
    const groups = 'arn:aws:logs:eu-west-1:111111111111:log-group:/genai/dev/*/apigateway/*';
    expect(JSON.parse(String(policy?.policy)).Statement).toEqual([
      {
        Sid: 'WritePlatformApiLogs',
        Effect: 'Allow',
        Action: ['logs:CreateLogStream', 'logs:PutLogEvents'],
        Resource: `${groups}:log-stream:*`,
      },
      {
        Sid: 'DescribePlatformApiLogStreams',
        Effect: 'Allow',
        Action: ['logs:DescribeLogStreams'],
        Resource: groups,
      },
      { Sid: 'FindLogGroups', Effect: 'Allow', Action: ['logs:DescribeLogGroups'], Resource: '*' },
    ]);
  });
});
