import { z } from 'zod';

/**
 * The evaluation gate of a GenAI settings version (`blueprints.genaiBedrock.evaluation`):
 * `platform evaluate-genai` sends each prompt to the deployed guardrail (Bedrock ApplyGuardrail)
 * of every project of the environment, and a version moves on from an environment only after all
 * of them behaved as listed here. Part of the settings, so changing a prompt is a new version.
 */

const prompt = z
  .string()
  .min(1, { error: 'expected a prompt of at least one character' })
  .max(2000, { error: 'expected at most 2000 characters per evaluation prompt' });

const uniquePrompts = (what: string) =>
  z
    .array(prompt)
    .max(100, { error: `expected at most 100 ${what} prompts; each is one ApplyGuardrail call` })
    .default([])
    .superRefine((prompts, ctx) => {
      prompts.forEach((text, index) => {
        if (prompts.indexOf(text) !== index)
          ctx.addIssue({
            code: 'custom',
            path: [index],
            input: text,
            message: `the same prompt as item ${prompts.indexOf(text)}; remove the repeat`,
          });
      });
    });

export const guardrailEvaluationSchema = z
  .strictObject({
    mustBlock: uniquePrompts('blocked').describe(
      'Prompts the guardrail must intervene on (action GUARDRAIL_INTERVENED).',
    ),
    mustPass: uniquePrompts('passing').describe(
      'Prompts the guardrail must let through unchanged (action NONE).',
    ),
  })
  .describe('Prompts sent to the deployed guardrail as user input (source INPUT).');

export const genaiEvaluationSchema = z
  .strictObject({
    guardrail: guardrailEvaluationSchema.prefault({}),
  })
  .describe(
    'The evaluation gate a settings version passes in an environment before it is promoted from it.',
  );

export type GenaiEvaluation = z.infer<typeof genaiEvaluationSchema>;
