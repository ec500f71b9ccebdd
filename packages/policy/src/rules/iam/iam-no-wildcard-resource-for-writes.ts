import type { Rule } from '../../types';
import {
  checkStatements,
  expand,
  grantingIdentityPolicies,
  POLICY_RESOURCE_TYPES,
} from './statements';

const WRITE_LEVELS = ['Write', 'Permissions management', 'Tagging'];

export const iamNoWildcardResourceForWrites: Rule = {
  id: 'iam-no-wildcard-resource-for-writes',
  title: 'IAM policies do not grant writes on every resource',
  explanation:
    'Resource "*" on a write, permissions-management or tagging action lets the principal change, delete or re-permission every resource of that kind in the account, including other projects\' data and the platform\'s own key, state and boundary. Actions that support only "*" are exempt: there is nothing narrower to name.',
  fix: 'Name the ARNs the workload writes to (the arn of a SecureBucket, MlBucket or PlatformKey); keep Resource "*" for read and list actions and for actions without resource types.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, stack, iam }) {
    return checkStatements(resource, grantingIdentityPolicies(stack, resource), (statement) => {
      if (statement.effect !== 'Allow' || !statement.resources.includes('*')) return [];
      return statement.actions.flatMap((pattern) => {
        const writes = expand(iam, pattern).filter(
          (action) =>
            action.hasResourceTypes &&
            action.accessLevel.split(', ').some((level) => WRITE_LEVELS.includes(level)),
        );
        if (writes.length === 0) return [];
        if (!/[*?]/.test(pattern))
          return [
            `grants ${pattern} (${writes[0].accessLevel}) on Resource "*"; it can be limited to named resources`,
          ];
        const service = pattern.slice(0, pattern.indexOf(':'));
        const examples = writes.slice(0, 3).map((action) => `${service}:${action.name}`);
        const more = writes.length > 3 ? ', ...' : '';
        return [
          `grants ${pattern} on Resource "*", which includes ${writes.length} write, permissions management or tagging ${writes.length === 1 ? 'action' : 'actions'} that can be limited to named resources (${examples.join(', ')}${more})`,
        ];
      });
    });
  },
};
