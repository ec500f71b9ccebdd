import type { Rule } from '../../types';

export const iamRules: readonly Rule[] = [];
