import type { Rule } from '../../types';

export const prodRules: readonly Rule[] = [];
