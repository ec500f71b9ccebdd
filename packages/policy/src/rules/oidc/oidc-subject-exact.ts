import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';
import { conditionsOn, githubTrust, SUBJECT_KEY, subjectPrefix } from './github-trust';

/** The subjects a CI role may trust, after `repo:<org>/<repo>:`. */
const EXACT_SUBJECTS = [/^pull_request$/, /^ref:refs\/heads\/main$/, /^environment:[^*?:\s]+$/];
const EXPECTED = 'pull_request, ref:refs/heads/main or environment:<name>';

export const oidcSubjectExact: Rule = {
  id: 'oidc-subject-exact',
  title: 'GitHub OIDC roles trust exact subjects: pull requests, main, or one environment',
  explanation:
    'oidc-subject-pinned keeps other repositories out; this rule keeps the trust inside the repository exact. A wildcard in sub (repo:<org>/<repo>:*, :ref:refs/heads/*, :environment:*) admits every branch, tag and environment of the repository, so any workflow a contributor pushes on a branch, or any environment without reviewers, gets the role. The plan role needs pull_request and ref:refs/heads/main; a deploy role needs its environment; nothing else.',
  fix: 'Give the trust statement StringEquals token.actions.githubusercontent.com:sub with exact values, "repo:<org>/<repo>:pull_request", "repo:<org>/<repo>:ref:refs/heads/main" or "repo:<org>/<repo>:environment:<env>" (GithubOidcRole subjects), never StringLike with a wildcard.',
  severity: 'error',
  resourceTypes: ['aws_iam_role'],
  check({ resource, stack, context }) {
    const trust = githubTrust(resource, stack);
    if (trust.unreadable) return nonCompliant(trust.unreadable);
    if (trust.statements.length === 0) return NOT_APPLICABLE;
    const prefix = subjectPrefix(context.githubRepository);
    if (!prefix)
      return nonCompliant(
        `the configured GitHub repository "${context.githubRepository}" is not <org>/<repo>: the sub conditions cannot be checked`,
      );
    const findings = trust.statements.flatMap(({ where, statement }) =>
      conditionsOn(statement, SUBJECT_KEY)
        // Negated operators only narrow the subjects further.
        .filter((condition) => !condition.operator.includes('Not'))
        .flatMap(({ operator, values }) =>
          values.flatMap((value) => {
            if (operator.includes('Like') && /[*?]/.test(value))
              return [
                nonCompliant(
                  `${where}: sub "${value}" (${operator}) is a wildcard, which admits every matching branch, tag, environment or event of the repository; trust exact subjects: ${prefix}${EXPECTED}`,
                ),
              ];
            const rest = value.startsWith(prefix) ? value.slice(prefix.length) : undefined;
            return rest !== undefined && EXACT_SUBJECTS.some((subject) => subject.test(rest))
              ? []
              : [
                  nonCompliant(
                    `${where}: sub "${value}" is not an exact subject this platform trusts; expected ${prefix}${EXPECTED}`,
                  ),
                ];
          }),
        ),
    );
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
