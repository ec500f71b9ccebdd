import { oidcDeployRoleEnvironment as rule } from '../../../src/rules/oidc/oidc-deploy-role-environment';
import { check, stackOf, violations } from '../../helpers';
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

const deployWith = (condition: Record<string, Record<string, string | string[]>>) =>
  stackOf(githubRoles(githubTrust({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, ...condition })));

describe('oidc-deploy-role-environment', () => {
  it('passes a deploy role that trusts the GitHub environment of its account', async () => {
    expect(await violations(rule, stackOf(githubRoles()), DEPLOY)).toEqual([]);
  });

  it('passes a deploy role naming the provider by ARN', async () => {
    const stack = stackOf(
      githubRoles(
        githubTrust(
          { StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:prod` } },
          PROVIDER_ARN,
        ),
      ),
    );
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
  });

  it('does not apply to the plan role, whose name has no "deploy"', async () => {
    expect(await check(rule, stackOf(githubRoles()), PLAN)).toEqual([{ status: 'not-applicable' }]);
  });

  it('fails when the deploy role trusts pull requests and the main branch', async () => {
    const stack = deployWith({
      StringEquals: {
        [AUD]: 'sts.amazonaws.com',
        [SUB]: [`${REPO}:environment:dev`, `${REPO}:pull_request`, `${REPO}:ref:refs/heads/main`],
      },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      'assume_role_policy statement "GithubActions": deploy role genai-dev-github-deploy trusts sub "repo:example-org/genai-sandbox:pull_request", which is not a GitHub environment of example-org/genai-sandbox; expected "repo:example-org/genai-sandbox:environment:<env>"',
      expect.stringContaining('trusts sub "repo:example-org/genai-sandbox:ref:refs/heads/main"'),
    ]);
  });

  it('fails when the environment is matched with StringLike', async () => {
    const stack = deployWith({ StringLike: { [SUB]: `${REPO}:environment:*` } });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      'assume_role_policy statement "GithubActions": deploy role genai-dev-github-deploy pins no GitHub environment (no StringEquals condition on token.actions.githubusercontent.com:sub); expected "repo:example-org/genai-sandbox:environment:<env>"',
    ]);
  });

  it('fails when a StringLike wildcard sits beside the StringEquals environment', async () => {
    const stack = deployWith({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:dev` },
      StringLike: { [SUB]: `${REPO}:*` },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('matches sub with StringLike ["repo:example-org/genai-sandbox:*"]'),
    ]);
  });

  it('fails when the environment value holds a wildcard', async () => {
    const stack = deployWith({
      StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:*` },
    });
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('trusts sub "repo:example-org/genai-sandbox:environment:*"'),
    ]);
  });

  it('fails when the deploy role has no sub condition', async () => {
    expect(await violations(rule, deployWith({}), DEPLOY)).toEqual([
      expect.stringContaining('pins no GitHub environment'),
    ]);
  });
});
