import { z } from 'zod';

/**
 * The evaluation gate of a GenAI settings version (`blueprints.genaiBedrock.evaluation`):
 * `platform evaluate-genai` sends each guardrail prompt to the deployed guardrail (Bedrock
 * ApplyGuardrail) and each agent prompt to the deployed agent alias (InvokeAgent) of every project
 * of the environment, and a version moves on from an environment only after all of them behaved
 * as listed here. Part of the settings, so changing a prompt is a new version.
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

const answerText = z
  .string()
  .min(1, { error: 'expected a text of at least one character' })
  .max(200, { error: 'expected at most 200 characters' });

/** The shape an agent's answer must have: every listed condition holds. */
export const agentAnswerSchema = z
  .strictObject({
    mustContain: z
      .array(answerText)
      .max(20)
      .optional()
      .describe('Texts the answer must contain, compared without regard to case.'),
    mustNotContain: z
      .array(answerText)
      .max(20)
      .optional()
      .describe('Texts the answer must not contain, compared without regard to case.'),
    mustMatch: z
      .string()
      .min(1)
      .max(500)
      .refine(
        (pattern) => {
          try {
            new RegExp(pattern, 'u');
            return true;
          } catch {
            return false;
          }
        },
        {
          error:
            'expected a JavaScript regular expression (with the u flag), such as "refund within \\d+ days"',
        },
      )
      .optional()
      .describe('A regular expression (JavaScript, u flag) the answer must match somewhere.'),
    maxCharacters: z
      .int({ error: 'expected a whole number of characters' })
      .min(1)
      .max(100_000)
      .optional()
      .describe('The longest answer accepted, in characters.'),
  })
  .refine(
    (answer) =>
      (answer.mustContain?.length ?? 0) + (answer.mustNotContain?.length ?? 0) > 0 ||
      answer.mustMatch !== undefined ||
      answer.maxCharacters !== undefined,
    {
      error:
        'expected at least one of mustContain, mustNotContain, mustMatch or maxCharacters: an answer shape that accepts everything gates nothing',
    },
  );

export const agentEvaluationSchema = z
  .strictObject({
    prompts: z
      .array(
        z.strictObject({
          prompt: prompt.describe('Sent to the agent alias as the user input of a new session.'),
          answer: agentAnswerSchema,
        }),
      )
      .min(1, { error: 'expected at least one prompt, or leave out evaluation.agent' })
      .max(20, { error: 'expected at most 20 agent prompts; each is one InvokeAgent session' })
      .superRefine((prompts, ctx) => {
        const texts = prompts.map((entry) => entry.prompt);
        texts.forEach((text, index) => {
          if (texts.indexOf(text) !== index)
            ctx.addIssue({
              code: 'custom',
              path: [index, 'prompt'],
              input: text,
              message: `the same prompt as item ${texts.indexOf(text)}; remove the repeat`,
            });
        });
      }),
  })
  .describe(
    'Prompts sent to the deployed agent alias, each with the shape of the answer it must give.',
  );

export const genaiEvaluationSchema = z
  .strictObject({
    guardrail: guardrailEvaluationSchema.prefault({}),
    // Optional without a default: settings without it keep the version hash they had.
    agent: agentEvaluationSchema.optional(),
  })
  .describe(
    'The evaluation gate a settings version passes in an environment before it is promoted from it.',
  );

export type GenaiEvaluation = z.infer<typeof genaiEvaluationSchema>;
export type AgentEvaluation = z.infer<typeof agentEvaluationSchema>;
export type AgentAnswer = z.infer<typeof agentAnswerSchema>;
