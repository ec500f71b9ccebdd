import type { Rule } from '../../types';

export const encryptionRules: readonly Rule[] = [];
