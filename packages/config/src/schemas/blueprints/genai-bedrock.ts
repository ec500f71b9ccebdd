import { z } from 'zod';
import { reportDuplicates } from '../common';
import {
  CHUNKING_STRATEGIES,
  EMBEDDING_MODEL_IDS,
  EMBEDDING_MODELS,
  GUARDRAIL_CONTENT_FILTER_TYPES,
  GUARDRAIL_FILTER_STRENGTHS,
  GUARDRAIL_MANAGED_WORD_LISTS,
  GUARDRAIL_PII_ACTIONS,
  GUARDRAIL_PII_ENTITY_TYPES,
} from './bedrock-catalog';
import { cronExpression } from './data-preprocessing';
import { genaiEvaluationSchema } from './genai-evaluation';

export * from './bedrock-catalog';
export * from './genai-evaluation';

/**
 * Settings of the generative-AI Bedrock blueprint (knowledge base, guardrail, agent and the
 * project's inference profile), under `blueprints.genaiBedrock` of an environment file. Every
 * field has a default, so an environment without the section is valid.
 */

const oneOf = (values: readonly string[], what: string) =>
  `expected one of ${values.join(', ')} (${what})`;

const strength = z.enum(GUARDRAIL_FILTER_STRENGTHS, {
  error: oneOf(GUARDRAIL_FILTER_STRENGTHS, 'guardrail filter strengths'),
});

/** A Bedrock base model ID such as "anthropic.claude-3-haiku-20240307-v1:0". */
const foundationModelId = z.string().regex(/^[a-z0-9-]+\.[a-z0-9.:-]+$/, {
  error:
    'expected a Bedrock model ID "<provider>.<model>", such as "anthropic.claude-3-haiku-20240307-v1:0"',
});

export const contentFilterSchema = z.strictObject({
  type: z
    .enum(GUARDRAIL_CONTENT_FILTER_TYPES, {
      error: oneOf(GUARDRAIL_CONTENT_FILTER_TYPES, 'guardrail content filter categories'),
    })
    .describe('Content category.'),
  inputStrength: strength.describe('How strictly prompts are filtered.'),
  outputStrength: strength.describe('How strictly responses are filtered; NONE for PROMPT_ATTACK.'),
});

export const deniedTopicSchema = z.strictObject({
  name: z
    .string()
    .regex(/^[0-9a-zA-Z_ !?.-]{1,100}$/, {
      error: 'expected 1-100 letters, digits, spaces or _!?.- (a guardrail topic name)',
    })
    .describe('Name of the denied topic.'),
  definition: z
    .string()
    .min(1, { error: 'expected a definition of the topic' })
    .max(200, { error: 'expected at most 200 characters; Bedrock refuses longer definitions' })
    .describe('What the topic covers, in one or two sentences.'),
  examples: z
    .array(z.string().min(1).max(100, { error: 'expected at most 100 characters per example' }))
    .max(5, { error: 'expected at most 5 example phrases' })
    .default([])
    .describe('Example prompts that belong to the topic.'),
});

export const piiEntitySchema = z.strictObject({
  type: z
    .enum(GUARDRAIL_PII_ENTITY_TYPES, {
      error: oneOf(GUARDRAIL_PII_ENTITY_TYPES, 'Bedrock PII entity types'),
    })
    .describe('PII entity type (GuardrailPiiEntityType).'),
  action: z
    .enum(GUARDRAIL_PII_ACTIONS, { error: oneOf(GUARDRAIL_PII_ACTIONS, 'PII actions') })
    .describe('BLOCK the message or ANONYMIZE the entity.'),
});

const DEFAULT_CONTENT_FILTERS = [
  { type: 'SEXUAL', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'VIOLENCE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'INSULTS', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'MISCONDUCT', inputStrength: 'HIGH', outputStrength: 'HIGH' },
  { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'NONE' },
] as const;

const blockedMessage = (fallback: string) =>
  z
    .string()
    .min(1, { error: 'expected a message shown when the guardrail blocks' })
    .max(500, { error: 'expected at most 500 characters (the Bedrock limit)' })
    .default(fallback);

export const guardrailSchema = z
  .strictObject({
    contentFilters: z
      .array(contentFilterSchema)
      .default(() => DEFAULT_CONTENT_FILTERS.map((filter) => ({ ...filter })))
      .describe('Content filters; default every category at HIGH.'),
    deniedTopics: z
      .array(deniedTopicSchema)
      .max(30, { error: 'expected at most 30 denied topics (the Bedrock limit)' })
      .default([])
      .describe('Topics the guardrail refuses.'),
    piiEntities: z
      .array(piiEntitySchema)
      .default([
        { type: 'AWS_ACCESS_KEY', action: 'BLOCK' },
        { type: 'AWS_SECRET_KEY', action: 'BLOCK' },
        { type: 'CREDIT_DEBIT_CARD_NUMBER', action: 'BLOCK' },
        { type: 'EMAIL', action: 'ANONYMIZE' },
        { type: 'PHONE', action: 'ANONYMIZE' },
      ])
      .describe('PII entities and what the guardrail does with them.'),
    words: z
      .array(z.string().min(1).max(100, { error: 'expected at most 100 characters per word' }))
      .max(10_000)
      .default([])
      .describe('Words and phrases the guardrail blocks.'),
    managedWordLists: z
      .array(
        z.enum(GUARDRAIL_MANAGED_WORD_LISTS, {
          error: oneOf(GUARDRAIL_MANAGED_WORD_LISTS, 'managed word lists'),
        }),
      )
      .default(['PROFANITY'])
      .describe('AWS-managed word lists.'),
    blockedInputMessage: blockedMessage(
      'Sorry, this request is outside what this assistant may answer.',
    ).describe('Shown instead of the answer when a prompt is blocked.'),
    blockedOutputMessage: blockedMessage(
      'Sorry, the answer was withheld by the content policy.',
    ).describe('Shown instead of a blocked answer.'),
  })
  .superRefine((guardrail, ctx) => {
    reportDuplicates(
      ctx,
      guardrail.contentFilters,
      (filter) => filter.type,
      ['contentFilters'],
      ['type'],
    );
    reportDuplicates(
      ctx,
      guardrail.piiEntities,
      (entity) => entity.type,
      ['piiEntities'],
      ['type'],
    );
    reportDuplicates(
      ctx,
      guardrail.deniedTopics,
      (topic) => topic.name,
      ['deniedTopics'],
      ['name'],
    );
    guardrail.contentFilters.forEach((filter, index) => {
      if (filter.type === 'PROMPT_ATTACK' && filter.outputStrength !== 'NONE') {
        ctx.addIssue({
          code: 'custom',
          path: ['contentFilters', index, 'outputStrength'],
          input: filter.outputStrength,
          message: 'PROMPT_ATTACK filters prompts only; set outputStrength to "NONE"',
        });
      }
    });
  });

export const chunkingSchema = z
  .strictObject({
    strategy: z
      .enum(CHUNKING_STRATEGIES, { error: oneOf(CHUNKING_STRATEGIES, 'chunking strategies') })
      .default('FIXED_SIZE')
      .describe('FIXED_SIZE, SEMANTIC or NONE (each file one chunk).'),
    maxTokens: z
      .number()
      .int({ error: 'expected a whole number of tokens' })
      .min(20, { error: 'expected at least 20 tokens per chunk' })
      .max(8192, { error: 'expected at most 8192 tokens per chunk' })
      .default(300)
      .describe('Largest chunk, in tokens (FIXED_SIZE and SEMANTIC).'),
    overlapPercentage: z
      .number()
      .int({ error: 'expected a whole percentage' })
      .min(1, { error: 'expected 1 to 99 percent' })
      .max(99, { error: 'expected 1 to 99 percent' })
      .default(20)
      .describe('Overlap between adjacent FIXED_SIZE chunks, in percent.'),
    bufferSize: z
      .number()
      .int()
      .min(0, { error: 'expected 0 or 1 sentence' })
      .max(1, { error: 'expected 0 or 1 sentence' })
      .default(0)
      .describe('SEMANTIC: sentences around each sentence compared for a breakpoint.'),
    breakpointPercentileThreshold: z
      .number()
      .int()
      .min(50, { error: 'expected 50 to 99' })
      .max(99, { error: 'expected 50 to 99' })
      .default(95)
      .describe('SEMANTIC: dissimilarity percentile that starts a new chunk.'),
  })
  .describe('How documents are split before embedding.');

export const knowledgeBaseSchema = z.strictObject({
  embeddingModel: z
    .enum(EMBEDDING_MODEL_IDS, { error: oneOf(EMBEDDING_MODEL_IDS, 'embedding models') })
    .default('amazon.titan-embed-text-v2:0')
    .describe('Bedrock embedding model of the knowledge base.'),
  embeddingDimensions: z
    .number()
    .int({ error: 'expected a whole number of dimensions' })
    .default(1024)
    .describe('Vector dimensions; must be one the embedding model emits.'),
  dataPrefix: z
    .string()
    .regex(/^data\/(raw|processed|features)\/([a-z0-9][a-z0-9_-]*\/)*$/, {
      error:
        'expected a folder of the ML bucket under data/raw/, data/processed/ or data/features/ ending with "/", such as "data/processed/knowledge-base/"',
    })
    .default('data/processed/knowledge-base/')
    .describe('Prefix of the project ML bucket the data source ingests.'),
  chunking: chunkingSchema.prefault({}),
  ingestionSchedule: cronExpression
    .default('cron(0 4 * * ? *)')
    .describe('When EventBridge Scheduler starts an ingestion job (UTC).'),
  standbyReplicas: z
    .boolean()
    .default(false)
    .describe('OpenSearch Serverless standby replicas (costs twice the OCUs); on in production.'),
});

export const agentSchema = z.strictObject({
  instruction: z
    .string()
    .min(40, { error: 'expected at least 40 characters (the Bedrock minimum for an instruction)' })
    .max(4000, { error: 'expected at most 4000 characters' })
    .default(
      'You answer questions about the project using its knowledge base. Say when you do not know.',
    )
    .describe('What the agent is for and how it answers.'),
  idleSessionTtlSeconds: z
    .number()
    .int()
    .min(60, { error: 'expected 60 to 3600 seconds' })
    .max(3600, { error: 'expected 60 to 3600 seconds' })
    .default(600)
    .describe('Seconds of inactivity that end a session.'),
  aliasVersion: z
    .string()
    .regex(/^[1-9][0-9]{0,4}$/, { error: 'expected a published agent version number, such as "3"' })
    .optional()
    .describe(
      'Agent version the "live" alias routes to. Unset on the first deploy (Bedrock publishes version 1 from the prepared draft); then pin it and move it deliberately.',
    ),
});

export const genaiBedrockSchema = z
  .strictObject({
    generationModel: foundationModelId
      .default('anthropic.claude-3-haiku-20240307-v1:0')
      .describe('Base model of the agent and of the project inference profile.'),
    knowledgeBase: knowledgeBaseSchema.prefault({}),
    guardrail: guardrailSchema.prefault({}),
    agent: agentSchema.prefault({}),
    evaluation: genaiEvaluationSchema.prefault({}),
  })
  .superRefine((settings, ctx) => {
    const { embeddingModel, embeddingDimensions } = settings.knowledgeBase;
    const supported: readonly number[] = EMBEDDING_MODELS[embeddingModel];
    if (!supported.includes(embeddingDimensions)) {
      ctx.addIssue({
        code: 'custom',
        path: ['knowledgeBase', 'embeddingDimensions'],
        input: embeddingDimensions,
        message: `${embeddingModel} emits ${supported.join(', ')} dimensions; set embeddingDimensions to ${supported.join(' or ')} or choose another embeddingModel`,
      });
    }
  })
  .describe('Blueprint genai-bedrock: knowledge base, guardrail, agent and inference profile.');

export type GenaiBedrockSettings = z.infer<typeof genaiBedrockSchema>;
export type GuardrailSettings = z.infer<typeof guardrailSchema>;
export type KnowledgeBaseSettings = z.infer<typeof knowledgeBaseSchema>;
export type ChunkingSettings = z.infer<typeof chunkingSchema>;
export type AgentSettings = z.infer<typeof agentSchema>;
