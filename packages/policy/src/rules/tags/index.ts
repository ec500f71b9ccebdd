import type { Rule } from '../../types';
import { tagsRequired } from './tags-required';

export const tagsRules: readonly Rule[] = [tagsRequired];
