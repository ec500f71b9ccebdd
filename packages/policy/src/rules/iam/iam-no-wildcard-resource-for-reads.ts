import type { Rule } from '../../types';
import {
  checkStatements,
  expand,
  grantingIdentityPolicies,
  POLICY_RESOURCE_TYPES,
} from './statements';

const READ_LEVELS = ['Read', 'List'];

export const iamNoWildcardResourceForReads: Rule = {
  id: 'iam-no-wildcard-resource-for-reads',
  title: 'IAM policies do not grant reads on every resource where they can be scoped',
  explanation:
    'Resource "*" on a read or list action that supports resource-level permissions lets the principal read every resource of that kind in the account, other teams\' included: function code locations and environment variables, training-job and pipeline definitions, queue and topic policies. IaC scanners report it as well. Actions the IAM catalogue lists without resource types are exempt: there is nothing narrower to name.',
  fix: 'Name the ARNs (by the platform\'s name prefix, `<platform>-<env>-*`, or the account and region where AWS generates IDs) and keep Resource "*" only for actions without resource types; for the CI roles, READ_SCOPES in packages/security/src/ci-permissions/read-scopes.ts is the one list.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, stack, iam }) {
    return checkStatements(resource, grantingIdentityPolicies(stack, resource), (statement) => {
      if (statement.effect !== 'Allow' || !statement.resources.includes('*')) return [];
      return statement.actions.flatMap((pattern) => {
        const reads = expand(iam, pattern).filter(
          (action) =>
            action.hasResourceTypes &&
            action.accessLevel.split(', ').some((level) => READ_LEVELS.includes(level)),
        );
        if (reads.length === 0) return [];
        if (!/[*?]/.test(pattern))
          return [
            `grants ${pattern} (${reads[0].accessLevel}) on Resource "*"; it can be limited to named resources`,
          ];
        const service = pattern.slice(0, pattern.indexOf(':'));
        const examples = reads.slice(0, 3).map((action) => `${service}:${action.name}`);
        const more = reads.length > 3 ? ', ...' : '';
        return [
          `grants ${pattern} on Resource "*", which includes ${reads.length} read or list ${reads.length === 1 ? 'action' : 'actions'} that can be limited to named resources (${examples.join(', ')}${more})`,
        ];
      });
    });
  },
};
