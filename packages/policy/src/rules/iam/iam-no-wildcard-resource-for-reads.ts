import type { Rule } from '../../types';
import { POLICY_RESOURCE_TYPES } from './statements';
import { wildcardResourceCheck } from './wildcard-resource';

const READ_LEVELS = ['Read', 'List'];

export const iamNoWildcardResourceForReads: Rule = {
  id: 'iam-no-wildcard-resource-for-reads',
  title: 'IAM policies do not grant reads on every resource where they can be scoped',
  explanation:
    'Resource "*" on a read or list action that supports resource-level permissions lets the principal read every resource of that kind in the account, other teams\' included: function code locations and environment variables, training-job and pipeline definitions, queue and topic policies. IaC scanners report it as well. Actions the IAM catalogue lists without resource types are exempt: there is nothing narrower to name.',
  fix: 'Name the ARNs (by the platform\'s name prefix, `<platform>-<env>-*`, or the account and region where AWS generates IDs) and keep Resource "*" only for actions without resource types; for the CI roles, READ_SCOPES in packages/security/src/ci-permissions/read-scopes.ts is the one list.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check: wildcardResourceCheck(READ_LEVELS, 'read or list'),
};
