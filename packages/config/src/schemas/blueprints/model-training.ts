import { z } from 'zod';
import { modelPackageGroupName } from '../common';
import { cronExpression } from './data-preprocessing';

/**
 * Settings of the model-training blueprint (blueprint 2, model training and
 * Fine-tuning"), under `blueprints.modelTraining` of an environment file. Every field has a
 * default, so an environment without the section is valid.
 */

/** SageMaker's limit for MaxRuntimeInSeconds and MaxWaitTimeInSeconds of a training job: 28 days. */
export const SAGEMAKER_MAX_RUNTIME_SECONDS = 2_419_200;

/** `ml.<family>.<size>`, the form of every SageMaker job instance type (`ml.m5.xlarge`, `ml.g5.2xlarge`). */
const instanceType = z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/, {
  error: 'expected a SageMaker instance type "ml.<family>.<size>", such as "ml.m5.xlarge"',
});

const seconds = (what: string) =>
  z
    .number()
    .int({ error: `expected a whole number of seconds for ${what}` })
    .min(60, { error: `expected at least 60 seconds for ${what}` })
    .max(SAGEMAKER_MAX_RUNTIME_SECONDS, {
      error: `expected at most ${SAGEMAKER_MAX_RUNTIME_SECONDS} seconds (28 days, the SageMaker limit) for ${what}`,
    });

/** The comparisons a SageMaker pipeline Condition step offers. */
export const METRIC_COMPARISONS = [
  'GreaterThanOrEqualTo',
  'GreaterThan',
  'LessThanOrEqualTo',
  'LessThan',
] as const;
export type MetricComparison = (typeof METRIC_COMPARISONS)[number];

export const TRACKING_SERVER_SIZES = ['Small', 'Medium', 'Large'] as const;

const RATE_UNITS = ['minute', 'hour', 'day'] as const;

/**
 * An EventBridge Scheduler recurring expression: `rate(<n> <unit>)` (singular unit for 1, plural
 * otherwise, as Scheduler requires) or a six-field `cron(...)`, checked like the crawler schedule.
 * One-time `at(...)` schedules are not a training cadence and are refused.
 */
export const scheduleExpression = z.string().superRefine((text, ctx) => {
  if (text.startsWith('rate(')) {
    const match = /^rate\((\d+) (minute|minutes|hour|hours|day|days)\)$/.exec(text);
    const fix = 'use "rate(<n> <unit>)" with minute(s), hour(s) or day(s), such as "rate(7 days)"';
    if (!match) {
      ctx.addIssue({ code: 'custom', input: text, message: `not a rate expression; ${fix}` });
      return;
    }
    const value = Number(match[1]);
    const unit = match[2];
    const singular = RATE_UNITS.includes(unit as (typeof RATE_UNITS)[number]);
    if (value < 1 || (value === 1) !== singular) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        message:
          value < 1
            ? `a rate needs at least 1 ${unit}; ${fix}`
            : `Scheduler wants a singular unit for 1 and a plural one above; write "rate(${value} ${value === 1 ? unit.replace(/s$/, '') : unit.replace(/s?$/, 's')})"`,
      });
    }
    return;
  }
  const cron = cronExpression.safeParse(text);
  if (!cron.success) {
    for (const issue of cron.error.issues) {
      ctx.addIssue({
        code: 'custom',
        input: text,
        message: text.startsWith('cron(')
          ? issue.message
          : `expected "rate(...)" or "cron(...)", such as "rate(7 days)" or "cron(0 3 ? * MON *)"`,
      });
      if (!text.startsWith('cron(')) return;
    }
  }
});

/** Starts the training pipeline on a schedule (EventBridge Scheduler, `aws_scheduler_schedule`). */
export const trainingScheduleSchema = z
  .strictObject({
    expression: scheduleExpression.describe(
      'When to start the pipeline: "rate(<n> <unit>)" or a six-field "cron(...)".',
    ),
    timezone: z
      .string()
      .regex(/^(UTC|[A-Z][A-Za-z_]+(\/[A-Za-z0-9_+-]+)+)$/, {
        error: 'expected "UTC" or an IANA time zone such as "Europe/Berlin"',
      })
      .default('UTC')
      .describe('Time zone of a cron expression.'),
    maximumRetryAttempts: z
      .number()
      .int({ error: 'expected a whole number of attempts' })
      .min(0, { error: 'expected 0 to 185 attempts (the Scheduler limits)' })
      .max(185, { error: 'expected 0 to 185 attempts (the Scheduler limits)' })
      .default(3)
      .describe('Retries of a failed StartPipelineExecution before the dead-letter queue.'),
    maximumEventAgeSeconds: z
      .number()
      .int({ error: 'expected a whole number of seconds' })
      .min(60, { error: 'expected 60 to 86400 seconds (the Scheduler limits)' })
      .max(86_400, { error: 'expected 60 to 86400 seconds (the Scheduler limits)' })
      .default(3_600)
      .describe('How long Scheduler keeps retrying one start before the dead-letter queue.'),
  })
  .describe('A schedule that starts the training pipeline, with retries and a dead-letter queue.');

export type TrainingSchedule = z.infer<typeof trainingScheduleSchema>;

export const modelTrainingSchema = z
  .strictObject({
    processingInstanceType: instanceType
      .default('ml.m5.xlarge')
      .describe('Instance type of the processing step (data/processed -> train/validation split).'),
    trainingInstanceType: instanceType
      .default('ml.m5.xlarge')
      .describe('Instance type of the training step.'),
    evaluationInstanceType: instanceType
      .default('ml.m5.large')
      .describe('Instance type of the evaluation step.'),
    trainingInstanceCount: z
      .number()
      .int({ error: 'expected a whole number of instances' })
      .min(1, { error: 'expected at least 1 instance' })
      .max(20, { error: 'expected at most 20 instances; ask for a quota review above that' })
      .default(1)
      .describe('Instances of the training job.'),
    maxRuntimeSeconds: seconds('maxRuntimeSeconds')
      .default(86_400)
      .describe('MaxRuntimeInSeconds of the training job; default one day.'),
    maxWaitSeconds: seconds('maxWaitSeconds')
      .default(172_800)
      .describe(
        'MaxWaitTimeInSeconds of managed spot training (runtime plus waiting for capacity); at least maxRuntimeSeconds.',
      ),
    useSpotInstances: z
      .boolean()
      .default(true)
      .describe('Managed spot training with checkpoints under artifacts/checkpoints/.'),
    metricName: z
      .string()
      .regex(/^[A-Za-z_][A-Za-z0-9_]{0,63}$/, {
        error: 'expected a metric name of letters, digits and underscores, such as "auc"',
      })
      .default('auc')
      .describe(
        'Metric the evaluation step writes to evaluation.json as {"metrics": {"<name>": {"value": n}}}.',
      ),
    metricThreshold: z
      .number()
      .finite()
      .default(0.8)
      .describe(
        'The model is registered only when the metric compares to this value as configured.',
      ),
    metricComparison: z
      .enum(METRIC_COMPARISONS, {
        error: `expected one of ${METRIC_COMPARISONS.join(', ')}`,
      })
      .default('GreaterThanOrEqualTo')
      .describe('How the metric is compared to the threshold (LessThan... for loss-like metrics).'),
    modelPackageGroup: modelPackageGroupName
      .optional()
      .describe(
        "Model package group (one of platform.json's modelPackageGroups) to register into; default the first group.",
      ),
    trackingServerSize: z
      .enum(TRACKING_SERVER_SIZES, {
        error: `expected one of ${TRACKING_SERVER_SIZES.join(', ')}`,
      })
      .default('Small')
      .describe('Size of the managed MLflow tracking server.'),
    schedule: trainingScheduleSchema
      .optional()
      .describe('Start the pipeline on a schedule; without it, the pipeline runs when started.'),
  })
  .superRefine((settings, ctx) => {
    if (settings.useSpotInstances && settings.maxWaitSeconds < settings.maxRuntimeSeconds) {
      ctx.addIssue({
        code: 'custom',
        path: ['maxWaitSeconds'],
        input: settings.maxWaitSeconds,
        message: `must be at least maxRuntimeSeconds (${settings.maxRuntimeSeconds}) for spot training; raise maxWaitSeconds or lower maxRuntimeSeconds`,
      });
    }
  })
  .describe('Blueprint 2: SageMaker pipeline, spot training, MLflow tracking and registration.');

export type ModelTrainingSettings = z.infer<typeof modelTrainingSchema>;

/** The group the environment's pipelines register into: the configured one, or platform.json's first. */
export function modelTrainingGroup(
  settings: ModelTrainingSettings,
  groups: readonly { readonly name: string }[],
): string {
  const name = settings.modelPackageGroup ?? groups[0]?.name;
  if (!name) throw new Error('platform.json defines no modelPackageGroups');
  return name;
}
