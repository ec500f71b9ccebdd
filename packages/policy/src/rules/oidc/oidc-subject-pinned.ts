import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';
import { conditionsOn, githubTrust, SUBJECT_KEY, subjectPrefix } from './github-trust';

const PINNING_OPERATORS = ['StringEquals', 'StringLike'];

export const oidcSubjectPinned: Rule = {
  id: 'oidc-subject-pinned',
  title: 'GitHub OIDC trust admits only workflows of the configured repository',
  explanation:
    "GitHub's OIDC provider issues tokens to every repository on github.com; the sub claim (repo:<org>/<repo>:...) is what tells them apart. A trust statement without a sub condition, with another repository, or with a wildcard inside the repository part (repo:org/*, repo:*) lets workflows of other repositories, including forks and other organisations, assume the role.",
  fix: 'In the role\'s trust statement (renderPolicy from core), add StringEquals (or StringLike for a wildcard after the prefix) on token.actions.githubusercontent.com:sub with values "repo:<org>/<repo>:environment:<env>", ":pull_request" or ":ref:refs/heads/main", taking <org>/<repo> from the platform configuration.',
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
    const findings = trust.statements.flatMap(({ where, statement }) => {
      const subjects = conditionsOn(statement, SUBJECT_KEY).filter((condition) =>
        PINNING_OPERATORS.includes(condition.operator),
      );
      if (subjects.length === 0)
        return [
          nonCompliant(
            `${where}: no StringEquals or StringLike condition on ${SUBJECT_KEY}, so workflows of any GitHub repository can assume the role; expected values starting with "${prefix}"`,
          ),
        ];
      return subjects.flatMap(({ operator, values }) =>
        values
          .filter((value) => !value.startsWith(prefix))
          .map((value) => {
            const wildcard = value.search(/[*?]/);
            return operator === 'StringLike' &&
              wildcard >= 0 &&
              wildcard < prefix.length &&
              prefix.startsWith(value.slice(0, wildcard))
              ? nonCompliant(
                  `${where}: sub value "${value}" (StringLike) has a wildcard before the end of "${prefix}", so it matches other repositories`,
                )
              : nonCompliant(
                  `${where}: sub value "${value}" is not of the configured repository ${context.githubRepository}; expected a value starting with "${prefix}"`,
                );
          }),
      );
    });
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
