import { oidcSubjectPinned as rule } from '../../../src/rules/oidc/oidc-subject-pinned';
import { CONTEXT, stackOf, violations } from '../../helpers';
import {
  AUD,
  DEPLOY,
  DEPLOY_TRUST,
  githubRoles,
  githubTrust,
  PLAN,
  PROVIDER_ARN,
  REPO,
  SUB,
} from './github-roles';

const withSubject = (operator: string, subject: string | string[]) =>
  stackOf(
    githubRoles(
      githubTrust({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, [operator]: { [SUB]: subject } }),
    ),
  );

describe('oidc-subject-pinned', () => {
  it('passes the deploy and plan roles of the bootstrap app', async () => {
    const stack = stackOf(githubRoles());
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
    expect(await violations(rule, stack, PLAN)).toEqual([]);
  });

  it('passes a StringLike wildcard after the repository prefix', async () => {
    const stack = withSubject('StringLike', `${REPO}:ref:refs/heads/release/*`);
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
  });

  it('fails when the statement has no sub condition', async () => {
    const stack = stackOf(
      githubRoles(githubTrust({ StringEquals: { [AUD]: 'sts.amazonaws.com' } })),
    );
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      'assume_role_policy statement "GithubActions": no StringEquals or StringLike condition on token.actions.githubusercontent.com:sub, so workflows of any GitHub repository can assume the role; expected values starting with "repo:example-org/genai-sandbox:"',
    ]);
  });

  it('fails when the sub is matched only with ForAnyValue:StringLike, which a missing claim passes', async () => {
    const stack = withSubject('ForAnyValue:StringLike', `${REPO}:environment:dev`);
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('no StringEquals or StringLike condition on'),
    ]);
  });

  it.each(['repo:example-org/*', 'repo:*', 'repo:example-org/genai-sandbox*'])(
    'fails when the sub pattern %s has a wildcard inside the repository',
    async (subject) => {
      expect(await violations(rule, withSubject('StringLike', subject), DEPLOY)).toEqual([
        `assume_role_policy statement "GithubActions": sub value "${subject}" (StringLike) has a wildcard before the end of "repo:example-org/genai-sandbox:", so it matches other repositories`,
      ]);
    },
  );

  it('fails when the sub names another organisation', async () => {
    const stack = withSubject('StringEquals', 'repo:other-org/genai-sandbox:environment:dev');
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      'assume_role_policy statement "GithubActions": sub value "repo:other-org/genai-sandbox:environment:dev" is not of the configured repository example-org/genai-sandbox; expected a value starting with "repo:example-org/genai-sandbox:"',
    ]);
  });

  it('fails when one of the subjects names another repository with a longer name', async () => {
    const stack = withSubject('StringEquals', [
      `${REPO}:pull_request`,
      'repo:example-org/genai-sandbox-fork:pull_request',
    ]);
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining(
        'sub value "repo:example-org/genai-sandbox-fork:pull_request" is not of the configured repository',
      ),
    ]);
  });

  it('fails when the organisation is spelled in another case', async () => {
    const stack = withSubject('StringLike', 'repo:Example-Org/genai-sandbox:*');
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining(
        'sub value "repo:Example-Org/genai-sandbox:*" is not of the configured repository',
      ),
    ]);
  });

  it('fails when the configured repository is another one, following the configuration', async () => {
    const context = { ...CONTEXT, githubRepository: 'acme/ml-platform' };
    expect(await violations(rule, stackOf(githubRoles()), DEPLOY, context)).toEqual([
      expect.stringContaining('expected a value starting with "repo:acme/ml-platform:"'),
    ]);
    const acme = stackOf(
      githubRoles(
        githubTrust({
          StringEquals: {
            [AUD]: 'sts.amazonaws.com',
            [SUB]: 'repo:acme/ml-platform:environment:dev',
          },
        }),
      ),
    );
    expect(await violations(rule, acme, DEPLOY, context)).toEqual([]);
  });

  it('fails when the configured repository is not <org>/<repo>', async () => {
    const context = { ...CONTEXT, githubRepository: 'example-org' };
    expect(await violations(rule, stackOf(githubRoles()), DEPLOY, context)).toEqual([
      'the configured GitHub repository "example-org" is not <org>/<repo>: the sub conditions cannot be checked',
    ]);
  });

  it('fails on the planned trust policy, where the provider reference is resolved to its ARN', async () => {
    const planned = githubTrust(
      {
        StringEquals: {
          [AUD]: 'sts.amazonaws.com',
          [SUB]: 'repo:other-org/genai-sandbox:environment:dev',
        },
      },
      PROVIDER_ARN,
    );
    const stack = stackOf(
      {
        aws_iam_role: {
          GithubDeploy_Role_5E6F7A8B: {
            name: 'genai-dev-github-deploy',
            assume_role_policy: DEPLOY_TRUST,
          },
        },
      },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: DEPLOY,
                  mode: 'managed',
                  type: 'aws_iam_role',
                  name: 'GithubDeploy_Role_5E6F7A8B',
                  values: { name: 'genai-dev-github-deploy', assume_role_policy: planned },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, DEPLOY)).toEqual([
      expect.stringContaining('sub value "repo:other-org/genai-sandbox:environment:dev"'),
    ]);
  });
});
