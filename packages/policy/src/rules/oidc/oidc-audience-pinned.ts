import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';
import { AUDIENCE_KEY, conditionsOn, githubTrust } from './github-trust';

const AUDIENCE = 'sts.amazonaws.com';

export const oidcAudiencePinned: Rule = {
  id: 'oidc-audience-pinned',
  title: 'GitHub OIDC trust pins the token audience to sts.amazonaws.com',
  explanation:
    'Without an audience condition the role accepts any token GitHub issues for the repository, including ones minted for another cloud or service (the aud claim is set by the requester); sts.amazonaws.com is the audience aws-actions/configure-aws-credentials requests, so only tokens meant for AWS STS are accepted.',
  fix: `In the role's trust statement (renderPolicy from core), add "Condition": {"StringEquals": {"${AUDIENCE_KEY}": "${AUDIENCE}"}} next to the sub condition.`,
  severity: 'error',
  resourceTypes: ['aws_iam_role'],
  check({ resource, stack }) {
    const trust = githubTrust(resource, stack);
    if (trust.unreadable) return nonCompliant(trust.unreadable);
    if (trust.statements.length === 0) return NOT_APPLICABLE;
    const findings = trust.statements.flatMap(({ where, statement }) => {
      const audiences = conditionsOn(statement, AUDIENCE_KEY);
      const pinned = audiences.some(
        (condition) =>
          condition.operator === 'StringEquals' &&
          condition.values.length > 0 &&
          condition.values.every((value) => value === AUDIENCE),
      );
      if (pinned) return [];
      const found = audiences
        .map((condition) => `${condition.operator} ${JSON.stringify(condition.values)}`)
        .join('; ');
      return [
        nonCompliant(
          `${where}: ${found ? `the audience condition is ${found}` : `no condition on ${AUDIENCE_KEY}`}; expected StringEquals ${AUDIENCE_KEY} = "${AUDIENCE}"`,
        ),
      ];
    });
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
