import type { Rule } from '../../types';

export const computeRules: readonly Rule[] = [];
