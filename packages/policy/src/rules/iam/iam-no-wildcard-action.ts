import type { Rule } from '../../types';
import { checkStatements, isEveryAction, POLICY_RESOURCE_TYPES } from './statements';

export const iamNoWildcardAction: Rule = {
  id: 'iam-no-wildcard-action',
  title: 'IAM policies do not allow every action',
  explanation:
    'An Allow of "*" (or "*:*") grants every action of every service, and an Allow with NotAction grants everything except the listed actions, including services added after the policy was written: either one makes the principal an administrator of whatever the resources cover.',
  fix: 'List the actions the workload calls (renderPolicy from @genai-sandbox/core takes them as Action); give deploy roles the PermissionsBoundary from @genai-sandbox/security rather than broad grants.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource }) {
    return checkStatements(
      resource,
      () => true,
      (statement) => {
        if (statement.effect !== 'Allow') return [];
        const wildcard = statement.actions.find(isEveryAction);
        if (wildcard) return [`allows Action "${wildcard}", every action of every service`];
        if (statement.notActions.length > 0)
          return [
            `allows NotAction ${JSON.stringify(statement.notActions)}, which grants every other action of every service`,
          ];
        return [];
      },
    );
  },
};
