import type { Rule } from '../../types';

export const offlineRules: readonly Rule[] = [];
