import { evaluateIam, resourcePolicyAllows } from '../src/testing';

const doc = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const ROLE = 'arn:aws:iam::111111111111:role/genai-dev-worker';

describe('evaluateIam (the tests own model of IAM)', () => {
  const everything = doc({ Effect: 'Allow', Action: '*', Resource: '*' });

  it('needs an allow of the identity policies and of the boundary', () => {
    const s3Only = doc({ Effect: 'Allow', Action: 's3:*', Resource: '*' });
    const request = { action: 'iam:CreateRole', resource: `${ROLE}2` };
    expect(evaluateIam({ identity: [everything] }, request)).toBe('allow');
    expect(evaluateIam({ identity: [everything], boundary: s3Only }, request)).toBe(
      'implicit-deny',
    );
    expect(evaluateIam({ identity: [s3Only], boundary: everything }, request)).toBe(
      'implicit-deny',
    );
  });

  it('lets an explicit deny of the boundary win, with NotAction and NotResource', () => {
    const boundary = doc(
      { Effect: 'Allow', Action: '*', Resource: '*' },
      { Effect: 'Deny', NotAction: ['s3:Get*'], Resource: 'arn:aws:s3:::state/*' },
      { Effect: 'Deny', Action: 'kms:*', NotResource: 'arn:aws:kms:*:*:key/ok' },
    );
    const evaluate = (action: string, resource: string) =>
      evaluateIam({ identity: [everything], boundary }, { action, resource });
    expect(evaluate('S3:GETOBJECT', 'arn:aws:s3:::state/x')).toBe('allow');
    expect(evaluate('s3:PutObject', 'arn:aws:s3:::state/x')).toBe('explicit-deny');
    expect(evaluate('s3:PutObject', 'arn:aws:s3:::other/x')).toBe('allow');
    expect(evaluate('kms:Decrypt', 'arn:aws:kms:eu-west-1:1:key/ok')).toBe('allow');
    expect(evaluate('kms:Decrypt', 'arn:aws:kms:eu-west-1:1:key/other')).toBe('explicit-deny');
  });

  it('reads conditions as IAM does: absent keys, IfExists, negation, Null and the set operators', () => {
    const allowIf = (condition: object) =>
      doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition });
    const holds = (condition: object, context?: Record<string, string | string[]>) =>
      evaluateIam(
        { identity: [allowIf(condition)] },
        { action: 's3:x', resource: 'r', context },
      ) === 'allow';
    expect(holds({ StringEquals: { 'aws:PrincipalTag/a': 'x' } })).toBe(false);
    expect(holds({ StringEqualsIfExists: { 'aws:PrincipalTag/a': 'x' } })).toBe(true);
    expect(holds({ StringNotEquals: { 'aws:PrincipalTag/a': 'x' } })).toBe(true);
    expect(
      holds(
        { ArnLike: { 'aws:PrincipalArn': 'arn:*:role/a-*' } },
        { 'AWS:PrincipalArn': 'arn:aws:iam::1:role/a-b' },
      ),
    ).toBe(true);
    expect(holds({ Null: { 'aws:TagKeys': 'false' } })).toBe(false);
    const all = { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['a', 'b'] } };
    expect(holds(all)).toBe(true);
    expect(holds(all, { 'aws:TagKeys': ['a', 'c'] })).toBe(false);
    expect(holds({ ...all, Null: { 'aws:TagKeys': 'false' } })).toBe(false);
    expect(holds({ ...all, Null: { 'aws:TagKeys': 'false' } }, { 'aws:TagKeys': ['b'] })).toBe(
      true,
    );
    const any = { 'ForAnyValue:StringEquals': { 'aws:TagKeys': 'a' } };
    expect(holds(any, { 'aws:TagKeys': ['c', 'a'] })).toBe(true);
    expect(holds(any)).toBe(false);
  });

  it('fails loudly on a single-value operator over a multi-valued key, or an unknown operator', () => {
    const request = { action: 's3:x', resource: 'r', context: { 'aws:TagKeys': ['a'] } };
    const policy = (condition: object) =>
      doc({ Effect: 'Allow', Action: '*', Resource: '*', Condition: condition });
    expect(() =>
      evaluateIam({ identity: [policy({ StringEquals: { 'aws:TagKeys': 'a' } })] }, request),
    ).toThrow(/multi-valued key aws:TagKeys is not defined by IAM/);
    expect(() =>
      evaluateIam({ identity: [policy({ IpAddress: { 'aws:SourceIp': '1.2.3.4' } })] }, request),
    ).toThrow(/IpAddress is not modelled/);
  });

  it('matches a resource policy principal by role ARN or by account', () => {
    const policy = doc({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:root' },
      Action: 'events:PutEvents',
      Resource: 'bus',
    });
    const put = (principalArn: string) =>
      resourcePolicyAllows(policy, { action: 'events:PutEvents', resource: 'bus', principalArn });
    expect(put('arn:aws:iam::222222222222:role/any')).toBe('allow');
    expect(put('arn:aws:iam::333333333333:role/any')).toBe('implicit-deny');
  });
});
