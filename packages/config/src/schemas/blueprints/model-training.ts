import { z } from 'zod';
import { modelPackageGroupName } from '../common';

/**
 * Settings of the model-training blueprint (seed 000, "Blueprint 2: Model Training &
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
