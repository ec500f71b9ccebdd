import type { Rule } from '../../types';
import { iamActionsExist } from './iam-actions-exist';
import { iamConditionKeysKnown } from './iam-condition-keys-known';
import { iamConditionMultiValuedKeys } from './iam-condition-multi-valued-keys';
import { iamNoAdminPolicyAttachment } from './iam-no-admin-policy-attachment';
import { iamNoWildcardAction } from './iam-no-wildcard-action';
import { iamNoWildcardResourceForReads } from './iam-no-wildcard-resource-for-reads';
import { iamNoWildcardResourceForWrites } from './iam-no-wildcard-resource-for-writes';
import { iamPassrolePassedToService } from './iam-passrole-passed-to-service';
import { iamRolePermissionsBoundary } from './iam-role-permissions-boundary';

export const iamRules: readonly Rule[] = [
  iamNoWildcardAction,
  iamNoWildcardResourceForWrites,
  iamNoWildcardResourceForReads,
  iamActionsExist,
  iamConditionKeysKnown,
  iamConditionMultiValuedKeys,
  iamPassrolePassedToService,
  iamNoAdminPolicyAttachment,
  iamRolePermissionsBoundary,
];
