import { z } from 'zod';
import { cronExpression } from './data-preprocessing';
import {
  hostingInstanceType,
  inferenceApiSchema,
  rolloutSchema,
  scalingTimezone,
  wholeNumber,
} from './inference';

/**
 * Settings of the asynchronous inference blueprint (3d: a SageMaker endpoint with an
 * `async_inference_config`, queue-depth scaling down to zero instances, notifications and a
 * webhook callback), under `blueprints.inferenceAsync` of an environment file. Every field has a
 * default, so an environment without the section is valid. Limits are SageMaker's, Lambda's and
 * Application Auto Scaling's own, so a bad value fails here rather than at apply.
 */

/** Only `https://` URLs with a host: results leave the account, never in clear text. */
const httpsUrl = z.string().superRefine((text, ctx) => {
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || url.protocol !== 'https:' || url.hostname === '')
    ctx.addIssue({
      code: 'custom',
      input: text,
      message:
        'expected an https:// URL such as "https://hooks.example.com/inference" (results are delivered only over TLS)',
    });
  else if (url.username || url.password)
    ctx.addIssue({
      code: 'custom',
      input: text,
      message:
        'the URL carries credentials, which would land in Terraform state; remove them and put the signing secret into the Secrets Manager secret of the stack',
    });
});

/** Queue-depth scaling of the variant, down to zero instances when the queue is empty. */
export const asyncAutoScalingSchema = z
  .strictObject({
    minCapacity: wholeNumber('instances', 0, 100)
      .default(0)
      .describe('Fewest instances; 0 lets the endpoint scale to zero while the queue is empty.'),
    maxCapacity: wholeNumber('instances', 1, 100).default(2).describe('Most instances.'),
    targetBacklogPerInstance: wholeNumber('queued requests per instance', 1, 10_000)
      .default(5)
      .describe('Target of ApproximateBacklogSizePerInstance (target tracking).'),
    scaleInCooldownSeconds: wholeNumber('seconds', 0, 3_600)
      .default(600)
      .describe('Wait after a scale-in before the next one.'),
    scaleOutCooldownSeconds: wholeNumber('seconds', 0, 3_600)
      .default(300)
      .describe('Wait after a scale-out before the next one, and of the scale-out from zero.'),
  })
  .describe('Application Auto Scaling of the variant on its queue (scales to zero).');

/** Capacity kept warm on a schedule, so requests in working hours skip the start from zero. */
export const asyncWarmCapacitySchema = z
  .strictObject({
    start: cronExpression.describe('When minCapacity rises to warm instances, such as mornings.'),
    stop: cronExpression.describe('When minCapacity returns to autoScaling.minCapacity.'),
    instances: wholeNumber('instances', 1, 100)
      .default(1)
      .describe('Instances kept while warm; at most autoScaling.maxCapacity.'),
    timezone: scalingTimezone,
  })
  .describe('Scheduled warm capacity (Application Auto Scaling scheduled actions).');

/** Delivery of results to a webhook by the callback function (SNS -> Lambda -> HTTPS). */
export const asyncCallbackSchema = z
  .strictObject({
    webhookUrl: httpsUrl
      .optional()
      .describe(
        'https:// URL that receives each result; default none: results stay in inference/async/output/ and no callback is deployed.',
      ),
    maximumRetryAttempts: wholeNumber('attempts', 0, 2, ' (the Lambda limit)')
      .default(2)
      .describe('Retries of a failed delivery by Lambda before it goes to the dead-letter queue.'),
    maximumEventAgeSeconds: wholeNumber('seconds', 60, 21_600, ' (the Lambda limit)')
      .default(3_600)
      .describe('Age after which an undelivered result goes to the dead-letter queue.'),
    deliveryTimeoutSeconds: wholeNumber('seconds', 1, 30)
      .default(10)
      .describe('Time the webhook may take to answer one delivery.'),
  })
  .describe('Webhook callback of inference results.');

export const inferenceAsyncSchema = z
  .strictObject({
    instanceType: hostingInstanceType
      .default('ml.m5.large')
      .describe('Instance type of the production variant.'),
    initialInstanceCount: wholeNumber('instances', 1, 100, ' (SageMaker creates at least one)')
      .default(1)
      .describe('Instances at creation; auto scaling then moves it, down to zero.'),
    maxConcurrentInvocationsPerInstance: wholeNumber(
      'concurrent invocations per instance',
      1,
      1_000,
      ' (the SageMaker limit)',
    )
      .default(4)
      .describe('Requests SageMaker sends to one instance at a time.'),
    rollout: rolloutSchema.prefault({}),
    autoScaling: asyncAutoScalingSchema.prefault({}),
    warmCapacity: asyncWarmCapacitySchema
      .optional()
      .describe('Keep instances warm on a schedule; default none.'),
    callback: asyncCallbackSchema.prefault({}),
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
    if (settings.initialInstanceCount > maxCapacity)
      ctx.addIssue({
        code: 'custom',
        path: ['initialInstanceCount'],
        input: settings.initialInstanceCount,
        message: `must be at most autoScaling.maxCapacity (${maxCapacity}); lower initialInstanceCount or raise maxCapacity`,
      });
    const warm = settings.warmCapacity;
    if (warm && (warm.instances > maxCapacity || warm.instances <= minCapacity))
      ctx.addIssue({
        code: 'custom',
        path: ['warmCapacity', 'instances'],
        input: warm.instances,
        message: `must lie above autoScaling.minCapacity (${minCapacity}) and at most maxCapacity (${maxCapacity}), or the schedule changes nothing; adjust instances or the bounds`,
      });
  })
  .describe(
    'Blueprint 3d: asynchronous SageMaker endpoint scaling on its queue, with notifications and a webhook callback.',
  );

export type InferenceAsyncSettings = z.infer<typeof inferenceAsyncSchema>;
