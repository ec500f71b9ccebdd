import type { Rule } from '../../types';
import { prodPreventDestroy } from './prod-prevent-destroy';

export const prodRules: readonly Rule[] = [prodPreventDestroy];
