import type { Rule } from '../../types';
import { POLICY_RESOURCE_TYPES } from './statements';
import { wildcardResourceCheck } from './wildcard-resource';

const WRITE_LEVELS = ['Write', 'Permissions management', 'Tagging'];

export const iamNoWildcardResourceForWrites: Rule = {
  id: 'iam-no-wildcard-resource-for-writes',
  title: 'IAM policies do not grant writes on every resource',
  explanation:
    'Resource "*" on a write, permissions-management or tagging action lets the principal change, delete or re-permission every resource of that kind in the account, including other projects\' data and the platform\'s own key, state and boundary. Actions that support only "*" are exempt: there is nothing narrower to name.',
  fix: 'Name the ARNs the workload writes to (the arn of a SecureBucket, MlBucket or PlatformKey); keep Resource "*" for read and list actions and for actions without resource types.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check: wildcardResourceCheck(WRITE_LEVELS, 'write, permissions management or tagging'),
};
