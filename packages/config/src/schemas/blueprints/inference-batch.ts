import { z } from 'zod';
import { ML_BUCKET_LAYOUT } from '../../naming/layout';
import { cronExpression } from './data-preprocessing';
import { inferenceApiSchema } from './inference';
import { scheduleExpression } from './model-training';

/**
 * Settings of blueprint 3c, batch transform, under `blueprints.inferenceBatch` of an environment
 * file. Every field has a default, so an environment without the section is valid and each
 * environment overrides only what differs. Limits are SageMaker's own (CreateTransformJob), so a
 * bad value fails at load rather than when the first job is submitted.
 */

const wholeNumber = (what: string, min: number, max: number, why = '') =>
  z
    .number()
    .int({ error: `expected a whole number of ${what} from ${min} to ${max}${why}` })
    .min(min, { error: `expected ${what} from ${min} to ${max}${why}` })
    .max(max, { error: `expected ${what} from ${min} to ${max}${why}` });

/** SageMaker's limit on MaxPayloadInMB, alone and times MaxConcurrentTransforms. */
export const BATCH_PAYLOAD_LIMIT_MB = 100;

export const BATCH_STRATEGIES = ['MultiRecord', 'SingleRecord'] as const;
export const BATCH_SPLIT_TYPES = ['None', 'Line', 'RecordIO', 'TFRecord'] as const;
export const BATCH_ASSEMBLE_WITH = ['None', 'Line'] as const;
export const BATCH_JOIN_SOURCES = ['None', 'Input'] as const;

const BATCH_INPUT = ML_BUCKET_LAYOUT.inference.batchInput;

/** A JSONPath of SageMaker's DataProcessing filters: `$` or `$` followed by a path. */
const jsonPath = z.string().regex(/^\$[\w.[\]'",:*@?()=<>!& -]{0,62}$/, {
  error:
    'expected a JSONPath starting with "$" (at most 63 characters), such as "$" or "$.features"',
});

/** A content type as SageMaker passes it to the container (`text/csv`, `application/jsonlines`). */
const mimeType = z.string().regex(/^[-\w]+\/[-\w+.]+$/, {
  error: 'expected a MIME type "<type>/<subtype>", such as "application/jsonlines" or "text/csv"',
});

/** How each transform job splits its input, batches records and joins its output (typed TransformInput/Output). */
export const batchDataSchema = z
  .strictObject({
    contentType: mimeType
      .default('application/jsonlines')
      .describe('Content type of the input records, sent to the model container.'),
    accept: mimeType
      .default('application/jsonlines')
      .describe('Content type the model answers with, and of the output objects.'),
    splitType: z
      .enum(BATCH_SPLIT_TYPES, { error: `expected one of ${BATCH_SPLIT_TYPES.join(', ')}` })
      .default('Line')
      .describe('How input objects are split into records (None sends each object whole).'),
    assembleWith: z
      .enum(BATCH_ASSEMBLE_WITH, { error: `expected one of ${BATCH_ASSEMBLE_WITH.join(', ')}` })
      .default('Line')
      .describe('How output records are joined in an output object (Line: one per line).'),
    inputFilter: jsonPath
      .default('$')
      .describe('JSONPath of the part of each input record sent to the model.'),
    outputFilter: jsonPath
      .default('$')
      .describe('JSONPath of the part of the joined record written to the output.'),
    joinSource: z
      .enum(BATCH_JOIN_SOURCES, { error: `expected one of ${BATCH_JOIN_SOURCES.join(', ')}` })
      .default('None')
      .describe(
        'Input joins each output record with its input record; None writes the output alone.',
      ),
  })
  .describe('Data split, filters and join of the transform jobs.');

/** An EventBridge Scheduler schedule that submits one job over an input prefix. */
export const batchScheduleSchema = z
  .strictObject({
    expression: scheduleExpression.describe(
      'When to submit a job: "rate(<n> <unit>)" or a six-field "cron(...)".',
    ),
    timezone: z
      .string()
      .regex(/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, {
        error: 'expected "UTC" or an IANA time zone such as "Europe/Berlin"',
      })
      .default('UTC')
      .describe('Time zone of a cron expression.'),
    inputPrefix: z
      .string()
      .refine((prefix) => prefix.startsWith(BATCH_INPUT) && prefix.endsWith('/'), {
        error: `expected a folder under ${BATCH_INPUT} ending with "/", such as "${BATCH_INPUT}nightly/"`,
      })
      .refine((prefix) => !/[*?]/.test(prefix) && !prefix.includes('//'), {
        error: 'expected a plain folder path, without wildcards or empty segments',
      })
      .default(BATCH_INPUT)
      .describe(`The folder whose objects each scheduled job transforms; under ${BATCH_INPUT}.`),
    maximumRetryAttempts: wholeNumber('attempts', 0, 185, ' (the Scheduler limits)')
      .default(3)
      .describe('Retries of a failed invocation of the submitter before the dead-letter queue.'),
    maximumEventAgeSeconds: wholeNumber('seconds', 60, 86_400, ' (the Scheduler limits)')
      .default(3_600)
      .describe('How long Scheduler keeps retrying one invocation before the dead-letter queue.'),
  })
  .describe(
    'A schedule that submits a job over an input folder, with retries and a dead-letter queue.',
  );

export const inferenceBatchSchema = z
  .strictObject({
    instanceType: z
      .string()
      .regex(/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/, {
        error: 'expected a SageMaker instance type "ml.<family>.<size>", such as "ml.m5.xlarge"',
      })
      .default('ml.m5.xlarge')
      .describe(
        'Instance type of the transform jobs (on-demand: batch transform has no managed spot).',
      ),
    instanceCount: wholeNumber('instances', 1, 100)
      .default(1)
      .describe('Instances of each transform job.'),
    batchStrategy: z
      .enum(BATCH_STRATEGIES, { error: `expected one of ${BATCH_STRATEGIES.join(', ')}` })
      .default('MultiRecord')
      .describe(
        'MultiRecord sends as many records per request as fit maxPayloadMb; SingleRecord one.',
      ),
    maxPayloadMb: wholeNumber('MB', 1, BATCH_PAYLOAD_LIMIT_MB, ' (the SageMaker limit)')
      .default(6)
      .describe('Largest request body sent to the model.'),
    maxConcurrentTransforms: wholeNumber('requests per instance', 1, 1_000)
      .default(1)
      .describe('Parallel requests to each instance; times maxPayloadMb at most 100 MB.'),
    invocationTimeoutSeconds: wholeNumber('seconds', 1, 3_600, ' (the SageMaker limit)')
      .default(600)
      .describe('How long one request to the model may take.'),
    invocationMaxRetries: wholeNumber('retries', 0, 3, ' (the SageMaker limit)')
      .default(3)
      .describe('Retries of a failed request to the model before the job fails.'),
    data: batchDataSchema.prefault({}),
    schedule: batchScheduleSchema
      .optional()
      .describe('Submit a job on a schedule; default none (jobs start on uploads and API calls).'),
    crawlerSchedule: cronExpression
      .default('cron(0 * * * ? *)')
      .describe('When the Glue crawler catalogs inference/batch/output/ (UTC).'),
    api: inferenceApiSchema.prefault({}),
    // Not a setting: named so that the mistake gets a message that explains it, not "unknown key".
    useSpotInstances: z
      .unknown()
      .optional()
      .describe('Not supported: SageMaker batch transform has no managed spot option.'),
  })
  .superRefine((settings, ctx) => {
    if (settings.useSpotInstances !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['useSpotInstances'],
        input: settings.useSpotInstances,
        message:
          'SageMaker batch transform has no managed spot option (CreateTransformJob takes none); remove useSpotInstances, and lower cost with a smaller instanceType or instanceCount',
      });
    const { maxPayloadMb, maxConcurrentTransforms } = settings;
    if (maxPayloadMb * maxConcurrentTransforms > BATCH_PAYLOAD_LIMIT_MB)
      ctx.addIssue({
        code: 'custom',
        path: ['maxConcurrentTransforms'],
        input: maxConcurrentTransforms,
        message: `maxConcurrentTransforms times maxPayloadMb (${maxPayloadMb}) must be at most ${BATCH_PAYLOAD_LIMIT_MB} MB (SageMaker's limit); lower one of them`,
      });
    if (settings.batchStrategy === 'MultiRecord' && settings.data.splitType === 'None')
      ctx.addIssue({
        code: 'custom',
        path: ['data', 'splitType'],
        input: settings.data.splitType,
        message:
          'MultiRecord batches records, so SageMaker needs a splitType of Line, RecordIO or TFRecord; set one, or batchStrategy "SingleRecord"',
      });
  })
  .describe('Blueprint 3c: SageMaker batch transform jobs on uploads, a schedule or the API.');

export type BatchSchedule = z.infer<typeof batchScheduleSchema>;
export type InferenceBatchSettings = z.infer<typeof inferenceBatchSchema>;
