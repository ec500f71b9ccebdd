import type { Rule } from '../../types';
import { kmsKeyPolicyNoWildcardPrincipal } from './kms-key-policy-no-wildcard-principal';
import { kmsKeyRotation } from './kms-key-rotation';

export const kmsRules: readonly Rule[] = [kmsKeyRotation, kmsKeyPolicyNoWildcardPrincipal];
