import type { Rule } from '../../types';
import { crossAccountPrincipalsInChain } from './cross-account-principals-in-chain';

export const crossAccountRules: readonly Rule[] = [crossAccountPrincipalsInChain];
