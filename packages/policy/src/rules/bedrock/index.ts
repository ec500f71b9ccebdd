import type { Rule } from '../../types';
import { bedrockInvokeRequiresGuardrail } from './bedrock-invoke-requires-guardrail';

export const bedrockRules: readonly Rule[] = [bedrockInvokeRequiresGuardrail];
