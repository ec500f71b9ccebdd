import { attribute } from '../../model/stack-model';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';
import { conditionsOn, githubTrust, SUBJECT_KEY, subjectPrefix } from './github-trust';

export const oidcDeployRoleEnvironment: Rule = {
  id: 'oidc-deploy-role-environment',
  title: 'GitHub deploy roles trust only a GitHub environment of the configured repository',
  explanation:
    'A deploy role changes an account, so only jobs that ran in a GitHub environment (with its reviewers and branch rules) may assume it; a pull_request or branch subject, or a wildcard, would let any such workflow deploy. A role is a deploy role when its name contains "deploy": the bootstrap app names them <platform>-<env>-github-deploy.',
  fix: 'Give the deploy role\'s trust statement exactly StringEquals token.actions.githubusercontent.com:sub = "repo:<org>/<repo>:environment:<env>"; pull request and main branch access belongs to the read-only plan role.',
  severity: 'error',
  resourceTypes: ['aws_iam_role'],
  check({ resource, stack, context }) {
    const name = attribute(resource, 'name') ?? attribute(resource, 'name_prefix');
    if (typeof name !== 'string' || !/deploy/i.test(name)) return NOT_APPLICABLE;
    const trust = githubTrust(resource, stack);
    if (trust.unreadable) return nonCompliant(trust.unreadable);
    if (trust.statements.length === 0) return NOT_APPLICABLE;
    const prefix = subjectPrefix(context.githubRepository);
    if (!prefix)
      return nonCompliant(
        `the configured GitHub repository "${context.githubRepository}" is not <org>/<repo>: the sub conditions cannot be checked`,
      );
    const expected = `${prefix}environment:<env>`;
    const findings = trust.statements.flatMap(({ where, statement }) => {
      // Negated operators only narrow the subjects further; every other one admits some.
      const subjects = conditionsOn(statement, SUBJECT_KEY).filter(
        (condition) => !condition.operator.includes('Not'),
      );
      if (!subjects.some((condition) => condition.operator === 'StringEquals'))
        return [
          nonCompliant(
            `${where}: deploy role ${name} pins no GitHub environment (no StringEquals condition on ${SUBJECT_KEY}); expected "${expected}"`,
          ),
        ];
      return subjects.flatMap(({ operator, values }) =>
        operator !== 'StringEquals'
          ? [
              nonCompliant(
                `${where}: deploy role ${name} matches sub with ${operator} ${JSON.stringify(values)}; expected StringEquals "${expected}"`,
              ),
            ]
          : values
              .filter(
                (value) =>
                  !value.startsWith(`${prefix}environment:`) ||
                  !/^[^*?:]+$/.test(value.slice(`${prefix}environment:`.length)),
              )
              .map((value) =>
                nonCompliant(
                  `${where}: deploy role ${name} trusts sub "${value}", which is not a GitHub environment of ${context.githubRepository}; expected "${expected}"`,
                ),
              ),
      );
    });
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
