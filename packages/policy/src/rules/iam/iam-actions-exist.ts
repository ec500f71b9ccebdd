import { splitAction } from '../../iam/catalog';
import type { Rule } from '../../types';
import { checkStatements, expand, isEveryAction, POLICY_RESOURCE_TYPES } from './statements';

export const iamActionsExist: Rule = {
  id: 'iam-actions-exist',
  title: 'IAM policies name only actions that exist',
  explanation:
    'IAM accepts a policy with a misspelled action and silently ignores it: an Allow then grants nothing and the workload fails at run time, and a Deny protects nothing while it looks like it does.',
  fix: 'Use the action names of the AWS Service Authorization Reference (the message suggests the closest one); renderPolicy from @genai-sandbox/core renders them unchanged.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, iam }) {
    return checkStatements(
      resource,
      () => true,
      (statement) =>
        [...statement.actions, ...statement.notActions].flatMap((action) => {
          if (isEveryAction(action)) return [];
          const [service, name] = splitAction(action);
          if (name === undefined || name === '' || service === '')
            return [`${action} is not of the form service:action`];
          if (!iam.serviceExists(service))
            return [`${action} names ${service}, which is not an IAM service prefix`];
          if (expand(iam, action).length > 0) return [];
          const suggestion = iam.suggestion(action);
          return [
            `${action} is not an action of ${service}${suggestion ? `; did you mean ${suggestion}?` : ''}`,
          ];
        }),
    );
  },
};
