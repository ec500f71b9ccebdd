import type { Rule } from '../../types';

export const kmsRules: readonly Rule[] = [];
