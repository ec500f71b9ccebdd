import type { Rule } from '../../types';

export const tagsRules: readonly Rule[] = [];
