import { oidcAudiencePinned as rule } from '../../../src/rules/oidc/oidc-audience-pinned';
import { check, policy, stackOf, violations } from '../../helpers';
import {
  AUD,
  DEPLOY,
  githubRoles,
  githubTrust,
  PLAN,
  PROVIDER_ARN,
  REPO,
  SUB,
} from './github-roles';

const withDeployTrust = (condition: Record<string, Record<string, string | string[]>>) =>
  stackOf(githubRoles(githubTrust(condition)));

describe('oidc-audience-pinned', () => {
  it('passes the deploy and plan roles of the bootstrap app', async () => {
    const stack = stackOf(githubRoles());
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
    expect(await violations(rule, stack, PLAN)).toEqual([]);
  });

  it('passes a trust policy naming the provider by its ARN', async () => {
    const stack = stackOf(
      githubRoles(
        githubTrust(
          { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:dev` } },
          PROVIDER_ARN,
        ),
      ),
    );
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
  });

  it('does not apply to roles that do not trust GitHub', async () => {
    const stack = stackOf({
      ...githubRoles(),
      aws_iam_openid_connect_provider: {
        GithubOidc_Provider_1A2B3C4D: { url: 'https://gitlab.com', client_id_list: ['x'] },
      },
    });
    expect(await check(rule, stack, 'aws_iam_role.Network_FlowLogs_Role_5294D16F')).toEqual([
      { status: 'not-applicable' },
    ]);
    // The reference resolves to a GitLab provider: not GitHub's.
    expect(await check(rule, stack, DEPLOY)).toEqual([{ status: 'not-applicable' }]);
  });

  it('fails when the statement has no audience condition', async () => {
    const stack = withDeployTrust({ StringEquals: { [SUB]: `${REPO}:environment:dev` } });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      'assume_role_policy statement "GithubActions": no condition on token.actions.githubusercontent.com:aud; expected StringEquals token.actions.githubusercontent.com:aud = "sts.amazonaws.com"',
    ]);
  });

  it('fails when the provider is named by ARN and no condition is set at all', async () => {
    const stack = stackOf(githubRoles(githubTrust({}, PROVIDER_ARN)));
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('no condition on token.actions.githubusercontent.com:aud'),
    ]);
  });

  it('fails when the audience is matched with StringLike', async () => {
    const stack = withDeployTrust({
      StringLike: { [AUD]: '*' },
      StringEquals: { [SUB]: `${REPO}:environment:dev` },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('the audience condition is StringLike ["*"]'),
    ]);
  });

  it('fails when the audience is matched with StringEqualsIfExists, which a missing claim passes', async () => {
    const stack = withDeployTrust({
      StringEqualsIfExists: { [AUD]: 'sts.amazonaws.com' },
      StringEquals: { [SUB]: `${REPO}:environment:dev` },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining(
        'the audience condition is StringEqualsIfExists ["sts.amazonaws.com"]; expected StringEquals',
      ),
    ]);
  });

  it('fails when the audience admits another value too', async () => {
    const stack = withDeployTrust({
      StringEquals: {
        [AUD]: ['sts.amazonaws.com', 'api://AzureADTokenExchange'],
        [SUB]: `${REPO}:environment:dev`,
      },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining(
        'the audience condition is StringEquals ["sts.amazonaws.com","api://AzureADTokenExchange"]',
      ),
    ]);
  });

  it('fails when a second GitHub statement lacks the audience, naming it', async () => {
    const trust = JSON.parse(
      githubTrust({
        StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:dev` },
      }),
    ) as {
      Statement: Record<string, unknown>[];
    };
    trust.Statement.push({
      Effect: 'Allow',
      Principal: { Federated: PROVIDER_ARN },
      Action: 'sts:AssumeRoleWithWebIdentity',
      Condition: { StringEquals: { [SUB]: `${REPO}:environment:dev` } },
    });
    const stack = stackOf(githubRoles(policy(...trust.Statement)));
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringMatching(/^assume_role_policy statement #2: no condition on/),
    ]);
  });

  it('fails when the trust policy is not JSON yet names the OIDC provider', async () => {
    const stack = stackOf(githubRoles(`${PROVIDER_ARN} {`));
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('its GitHub trust cannot be checked'),
    ]);
  });
});
