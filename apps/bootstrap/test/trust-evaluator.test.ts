import { trustAdmits } from './trust-evaluator';

const PROVIDER = 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';
const policy = (...statements: object[]) =>
  JSON.stringify({ Version: '2012-10-17', Statement: statements });
const allow = (condition: object) => ({
  Effect: 'Allow',
  Principal: { Federated: PROVIDER },
  Action: 'sts:AssumeRoleWithWebIdentity',
  Condition: condition,
});
const request = (claims: Record<string, string | undefined>) => ({ provider: PROVIDER, claims });

describe('trustAdmits (the tests own model of STS)', () => {
  it('matches StringLike wildcards, which a too-broad subject would use', () => {
    const broad = policy(
      allow({ StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:org/*' } }),
    );
    expect(trustAdmits(broad, request({ sub: 'repo:org/any:environment:prod' }))).toBe(true);
    expect(trustAdmits(broad, request({ sub: 'repo:other/any:pull_request' }))).toBe(false);
  });

  it('reads condition keys case-insensitively and values case-sensitively, as IAM does', () => {
    const exact = policy(
      allow({
        StringEquals: { 'Token.Actions.GithubUserContent.com:SUB': 'repo:o/r:pull_request' },
      }),
    );
    expect(trustAdmits(exact, request({ sub: 'repo:o/r:pull_request' }))).toBe(true);
    expect(trustAdmits(exact, request({ sub: 'repo:O/R:pull_request' }))).toBe(false);
  });

  it('treats a claim missing from the token as failing, unless the operator is IfExists', () => {
    const sub = { 'token.actions.githubusercontent.com:sub': 'repo:o/r:pull_request' };
    expect(trustAdmits(policy(allow({ StringEquals: sub })), request({}))).toBe(false);
    expect(trustAdmits(policy(allow({ StringEqualsIfExists: sub })), request({}))).toBe(true);
  });

  it('lets a matching Deny win over an Allow', () => {
    const condition = {
      StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
    };
    const both = policy(allow(condition), { ...allow(condition), Effect: 'Deny' });
    expect(trustAdmits(both, request({ aud: 'sts.amazonaws.com' }))).toBe(false);
  });

  it('fails loudly on an operator it does not model, rather than guessing', () => {
    const negated = policy(
      allow({ StringNotEquals: { 'token.actions.githubusercontent.com:sub': 'x' } }),
    );
    expect(() => trustAdmits(negated, request({ sub: 'y' }))).toThrow(
      /StringNotEquals is not modelled/,
    );
  });
});
