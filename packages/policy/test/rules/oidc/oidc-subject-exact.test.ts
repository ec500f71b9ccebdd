import { oidcSubjectExact as rule } from '../../../src/rules/oidc/oidc-subject-exact';
import { check, stackOf, violations } from '../../helpers';
import { AUD, DEPLOY, githubRoles, githubTrust, PLAN, REPO, SUB } from './github-roles';

/** The plan role trusting `subject` with `operator`, next to the deploy role of the bootstrap app. */
const planTrusting = (operator: string, subject: string | string[]) =>
  stackOf(
    githubRoles(
      undefined,
      githubTrust({ StringEquals: { [AUD]: 'sts.amazonaws.com' }, [operator]: { [SUB]: subject } }),
    ),
  );

describe('oidc-subject-exact', () => {
  it('passes the deploy and plan roles of the bootstrap app: environment, pull_request and main', async () => {
    const stack = stackOf(githubRoles());
    expect(await violations(rule, stack, DEPLOY)).toEqual([]);
    expect(await violations(rule, stack, PLAN)).toEqual([]);
  });

  it('does not apply to roles without GitHub trust', async () => {
    const stack = stackOf(githubRoles());
    expect(await check(rule, stack, 'aws_iam_role.Network_FlowLogs_Role_5294D16F')).toEqual([
      { status: 'not-applicable' },
    ]);
  });

  it('fails when the plan role trusts repo:<org>/<repo>:* (every branch, tag and environment)', async () => {
    expect(await violations(rule, planTrusting('StringLike', `${REPO}:*`), PLAN)).toEqual([
      `assume_role_policy statement "GithubActions": sub "${REPO}:*" (StringLike) is a wildcard, which admits every matching branch, tag, environment or event of the repository; trust exact subjects: ${REPO}:pull_request, ref:refs/heads/main or environment:<name>`,
    ]);
  });

  it.each([
    ['every branch', 'StringLike', `${REPO}:ref:refs/heads/*`],
    ['every environment', 'StringLike', `${REPO}:environment:*`],
    ['one character wildcard', 'StringLike', `${REPO}:environment:de?`],
    ['IfExists wildcard', 'StringLikeIfExists', `${REPO}:pull_request*`],
    ['ForAnyValue wildcard', 'ForAnyValue:StringLike', `${REPO}:*`],
  ])('fails when sub is a wildcard: %s', async (_, operator, subject) => {
    expect(await violations(rule, planTrusting(operator, subject), PLAN)).toEqual([
      expect.stringContaining(`sub "${subject}" (${operator}) is a wildcard`),
    ]);
  });

  it.each([
    ['another branch', `${REPO}:ref:refs/heads/feature`],
    ['a tag', `${REPO}:ref:refs/tags/v1`],
    ['another repository', 'repo:example-org/other:pull_request'],
  ])('fails when sub is exact but %s', async (_, subject) => {
    expect(await violations(rule, planTrusting('StringEquals', subject), PLAN)).toEqual([
      expect.stringContaining(`sub "${subject}" is not an exact subject this platform trusts`),
    ]);
  });

  it('passes a negated wildcard, which only narrows the subjects', async () => {
    const stack = stackOf(
      githubRoles(
        undefined,
        githubTrust({
          StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:pull_request` },
          StringNotLike: { [SUB]: `${REPO}:ref:refs/heads/dependabot/*` },
        }),
      ),
    );
    expect(await violations(rule, stack, PLAN)).toEqual([]);
  });
});
