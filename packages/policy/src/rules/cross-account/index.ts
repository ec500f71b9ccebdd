import type { Rule } from '../../types';

export const crossAccountRules: readonly Rule[] = [];
