import type { Rule } from '../../types';

export const oidcRules: readonly Rule[] = [];
