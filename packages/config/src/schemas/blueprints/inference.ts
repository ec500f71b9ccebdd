import { z } from 'zod';

/**
 * Settings of the inference blueprints (real-time and serverless SageMaker endpoints behind the
 * project's inference API), under `blueprints.inferenceRealtime` and
 * `blueprints.inferenceServerless` of an environment file. Every field has a default, so an
 * environment without the sections is valid. Limits are SageMaker's and API Gateway's own, so a
 * bad value fails here rather than at apply.
 */

/** A whole number within SageMaker's, Lambda's or API Gateway's bounds; the message names them. */
export const wholeNumber = (what: string, min: number, max: number, why = '') =>
  z
    .number()
    .int({ error: `expected a whole number of ${what} from ${min} to ${max}${why}` })
    .min(min, { error: `expected ${what} from ${min} to ${max}${why}` })
    .max(max, { error: `expected ${what} from ${min} to ${max}${why}` });

/** `ml.<family>.<size>`: only SageMaker hosting instance types. */
export const hostingInstanceType = z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/, {
  error: 'expected a SageMaker instance type "ml.<family>.<size>", such as "ml.m5.large"',
});

/** Throttling of the project's inference API route (API Gateway stage and usage plan). */
export const inferenceApiSchema = z
  .strictObject({
    rateLimit: wholeNumber('requests per second', 1, 10_000)
      .default(50)
      .describe('Steady-state requests per second the stage and usage plan allow.'),
    burstLimit: wholeNumber('requests', 1, 5_000)
      .default(100)
      .describe('Requests allowed in a burst above the rate.'),
    dailyQuota: wholeNumber('requests per day', 1, 10_000_000)
      .optional()
      .describe('Requests per day of the usage plan; default no quota.'),
  })
  .superRefine((api, ctx) => {
    if (api.burstLimit < api.rateLimit)
      ctx.addIssue({
        code: 'custom',
        path: ['burstLimit'],
        input: api.burstLimit,
        message: `must be at least rateLimit (${api.rateLimit}); raise burstLimit or lower rateLimit`,
      });
  })
  .describe('Throttling and quota of the inference API route.');

export const SERVERLESS_MEMORY_SIZES_MB = [1024, 2048, 3072, 4096, 5120, 6144] as const;

export const inferenceServerlessSchema = z
  .strictObject({
    memorySizeMb: z
      .number()
      .refine((value) => (SERVERLESS_MEMORY_SIZES_MB as readonly number[]).includes(value), {
        error: `expected one of ${SERVERLESS_MEMORY_SIZES_MB.join(', ')} (serverless endpoint memory in 1 GB steps)`,
      })
      .default(2048)
      .describe('Memory of the serverless endpoint: 1024 to 6144 MB in 1024 MB steps.'),
    maxConcurrency: wholeNumber('concurrent invocations', 1, 200, ' (the serverless limit)')
      .default(5)
      .describe('Concurrent invocations the serverless endpoint serves at most.'),
    provisionedConcurrency: wholeNumber('concurrent invocations', 1, 200, ' (the serverless limit)')
      .optional()
      .describe(
        'Invocations kept warm (no cold start); at most maxConcurrency. Default none: billed per request only.',
      ),
    api: inferenceApiSchema.prefault({}),
    // Not a setting: named so that the mistake gets a message that explains it, not "unknown key".
    rollout: z
      .unknown()
      .optional()
      .describe('Not supported: serverless endpoints take no deployment guardrail.'),
  })
  .superRefine((settings, ctx) => {
    if (settings.rollout !== undefined)
      ctx.addIssue({
        code: 'custom',
        path: ['rollout'],
        input: settings.rollout,
        message:
          'serverless endpoints take no blue/green or rolling deployment guardrail (SageMaker rejects a deployment_config on them); remove rollout, or move the model to blueprints.inferenceRealtime',
      });
    const provisioned = settings.provisionedConcurrency;
    if (provisioned !== undefined && provisioned > settings.maxConcurrency)
      ctx.addIssue({
        code: 'custom',
        path: ['provisionedConcurrency'],
        input: provisioned,
        message: `must be at most maxConcurrency (${settings.maxConcurrency}); lower provisionedConcurrency or raise maxConcurrency`,
      });
  })
  .describe('Blueprint 3b: serverless SageMaker endpoint behind the inference API.');

export const ROLLOUT_STRATEGIES = ['canary', 'linear', 'all-at-once'] as const;

/** Blue/green deployment guardrail of the real-time endpoint (SageMaker BlueGreenUpdatePolicy). */
export const rolloutSchema = z
  .strictObject({
    strategy: z
      .enum(ROLLOUT_STRATEGIES, { error: `expected one of ${ROLLOUT_STRATEGIES.join(', ')}` })
      .default('canary')
      .describe('How traffic moves to the new fleet: one canary step, linear steps, or at once.'),
    stepPercent: wholeNumber('percent of capacity', 1, 100)
      .default(10)
      .describe('Canary size, or the size of each linear step, in percent of the fleet.'),
    waitIntervalSeconds: wholeNumber('seconds', 0, 3_600, ' (the SageMaker limit)')
      .default(600)
      .describe('Time the alarms watch each step before the next one.'),
    terminationWaitSeconds: wholeNumber('seconds', 0, 3_600, ' (the SageMaker limit)')
      .default(300)
      .describe('Time the old fleet is kept after all traffic moved, for a fast rollback.'),
    maximumExecutionTimeoutSeconds: wholeNumber('seconds', 600, 14_400, ' (the SageMaker limit)')
      .default(3_600)
      .describe('Longest the whole deployment may take.'),
  })
  .superRefine((rollout, ctx) => {
    // SageMaker's limits on the traffic-shifting batch sizes, in percent of the fleet.
    const [min, max] = rollout.strategy === 'linear' ? [10, 50] : [1, 50];
    if (
      rollout.strategy !== 'all-at-once' &&
      (rollout.stepPercent < min || rollout.stepPercent > max)
    )
      ctx.addIssue({
        code: 'custom',
        path: ['stepPercent'],
        input: rollout.stepPercent,
        message: `a ${rollout.strategy} step is ${min} to ${max} percent of the fleet in SageMaker; set stepPercent within it`,
      });
  })
  .describe('Blue/green deployment with automatic rollback on the endpoint alarms.');

export const autoScalingSchema = z
  .strictObject({
    minCapacity: wholeNumber('instances', 1, 100).default(1).describe('Fewest instances.'),
    maxCapacity: wholeNumber('instances', 1, 100).default(2).describe('Most instances.'),
    targetInvocationsPerInstance: wholeNumber('invocations per minute', 1, 100_000)
      .default(100)
      .describe('Target of SageMakerVariantInvocationsPerInstance (per instance and minute).'),
    scaleInCooldownSeconds: wholeNumber('seconds', 0, 3_600)
      .default(300)
      .describe('Wait after a scale-in before the next one.'),
    scaleOutCooldownSeconds: wholeNumber('seconds', 0, 3_600)
      .default(60)
      .describe('Wait after a scale-out before the next one.'),
  })
  .describe('Application Auto Scaling of the variant (target tracking).');

/** An Application Auto Scaling schedule: `cron(min hour day-of-month month day-of-week year)`. */
const scalingCron = z.string().regex(/^cron\((\S+ ){5}\S+\)$/, {
  error:
    'expected a six-field Application Auto Scaling cron expression, such as "cron(0 20 ? * MON-FRI *)"',
});

/** Time zone of Application Auto Scaling scheduled actions. */
export const scalingTimezone = z
  .string()
  .regex(/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, {
    error: 'expected "UTC" or an IANA time zone such as "Europe/Berlin"',
  })
  .default('UTC')
  .describe('Time zone of the cron expressions.');

export const scheduledScalingSchema = z
  .strictObject({
    scaleDown: scalingCron.describe('When capacity drops to minCapacity, such as the evening.'),
    scaleUp: scalingCron.describe('When the configured capacity returns, such as the morning.'),
    minCapacity: wholeNumber('instances', 1, 100)
      .default(1)
      .describe('Capacity while scaled down (a SageMaker variant keeps at least one instance).'),
    timezone: scalingTimezone,
  })
  .describe('Scheduled scale-down outside working hours (for development environments).');

export const inferenceRealtimeSchema = z
  .strictObject({
    instanceType: hostingInstanceType
      .default('ml.m5.large')
      .describe('Instance type of the production variant.'),
    initialInstanceCount: wholeNumber('instances', 1, 100)
      .default(1)
      .describe('Instances at creation; auto scaling moves it between its bounds.'),
    dataCaptureSamplingPercent: wholeNumber('percent', 0, 100)
      .default(20)
      .describe('Share of requests and responses captured to inference/realtime/logs/.'),
    rollout: rolloutSchema.prefault({}),
    autoScaling: autoScalingSchema.prefault({}),
    scheduledScaling: scheduledScalingSchema
      .optional()
      .describe('Scale down on a schedule; default none.'),
    api: inferenceApiSchema.prefault({}),
  })
  .superRefine((settings, ctx) => {
    const { minCapacity, maxCapacity } = settings.autoScaling;
    if (minCapacity > maxCapacity)
      ctx.addIssue({
        code: 'custom',
        path: ['autoScaling', 'minCapacity'],
        input: minCapacity,
        message: `must be at most maxCapacity (${maxCapacity}); lower minCapacity or raise maxCapacity`,
      });
    const initial = settings.initialInstanceCount;
    if (initial < minCapacity || initial > maxCapacity)
      ctx.addIssue({
        code: 'custom',
        path: ['initialInstanceCount'],
        input: initial,
        message: `must lie within autoScaling (${minCapacity} to ${maxCapacity}); change initialInstanceCount or the bounds`,
      });
    const scheduled = settings.scheduledScaling;
    if (scheduled && scheduled.minCapacity > minCapacity)
      ctx.addIssue({
        code: 'custom',
        path: ['scheduledScaling', 'minCapacity'],
        input: scheduled.minCapacity,
        message: `must be at most autoScaling.minCapacity (${minCapacity}), or the schedule scales nothing down; lower it`,
      });
  })
  .describe('Blueprint 3a: real-time SageMaker endpoint with blue/green rollout and auto scaling.');

export type InferenceApiSettings = z.infer<typeof inferenceApiSchema>;
export type InferenceServerlessSettings = z.infer<typeof inferenceServerlessSchema>;
export type InferenceRealtimeSettings = z.infer<typeof inferenceRealtimeSchema>;
export type RolloutSettings = z.infer<typeof rolloutSchema>;
