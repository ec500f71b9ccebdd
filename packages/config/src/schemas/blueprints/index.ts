import { z } from 'zod';
import { dataPreprocessingSchema } from './data-preprocessing';
import { genaiBedrockSchema } from './genai-bedrock';
import {
  inferenceDomainSchema,
  inferenceRealtimeSchema,
  inferenceServerlessSchema,
} from './inference';
import { inferenceAsyncSchema } from './inference-async';
import { inferenceBatchSchema } from './inference-batch';
import { modelTrainingSchema } from './model-training';

export * from './data-preprocessing';
export * from './genai-bedrock';
export * from './inference';
export * from './inference-batch';
export * from './inference-async';
export * from './model-monitor-analyzer';
export * from './model-training';

/**
 * Per-blueprint settings of an environment (`blueprints` in `<env>.json`), one strict section per
 * blueprint in its own file, each defaulted so an environment without it stays valid. The next
 * blueprint adds its section here (`modelTraining: modelTrainingSchema.prefault({})`).
 * `prefault` rather than `default`: zod 4 returns a default as is, without applying the inner
 * defaults, while a prefault is parsed.
 */
export const blueprintSettingsSchema = z
  .strictObject({
    dataPreprocessing: dataPreprocessingSchema.prefault({}),
    modelTraining: modelTrainingSchema.prefault({}),
    // No default: an environment that pins a stored settings version must not have the section,
    // so its absence has to stay visible. effectiveGenaiSettings applies the defaults.
    genaiBedrock: genaiBedrockSchema.optional(),
    inferenceRealtime: inferenceRealtimeSchema.prefault({}),
    inferenceServerless: inferenceServerlessSchema.prefault({}),
    inferenceBatch: inferenceBatchSchema.prefault({}),
    inferenceAsync: inferenceAsyncSchema.prefault({}),
    inferenceDomain: inferenceDomainSchema
      .optional()
      .describe('Custom domain of the inference APIs (one host per project); default none.'),
  })
  .describe('Per-blueprint settings; every section and field has a default.');

export type BlueprintSettings = z.infer<typeof blueprintSettingsSchema>;
