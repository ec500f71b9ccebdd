import { z } from 'zod';
import { reportDuplicates } from '../common';
import { isModelMonitorRegion, MODEL_MONITOR_ANALYZER_REGISTRIES } from './model-monitor-analyzer';

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

/** A Cognito user pool of any region, by ARN (API Gateway's COGNITO_USER_POOLS authorizer). */
const userPoolArn = z
  .string()
  .regex(/^arn:aws:cognito-idp:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:userpool\/[\w-]+_[0-9a-zA-Z]+$/, {
    error:
      'expected a Cognito user pool ARN such as "arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123"',
  });

export const cognitoAuthorizerSchema = z
  .strictObject({
    userPoolArns: z
      .array(userPoolArn)
      .min(1, { error: 'name at least one user pool' })
      .max(1_000)
      .describe('User pools whose ID or access tokens the API accepts.'),
    scopes: z
      .array(
        z.string().regex(/^[\x21\x23-\x5B\x5D-\x7E]{1,256}$/, {
          error: 'expected an OAuth scope such as "inference/invoke"',
        }),
      )
      .optional()
      .describe(
        'OAuth scopes an access token must carry; default none (ID tokens are then accepted).',
      ),
  })
  .describe('Cognito user pool authorizer of the route, instead of IAM.');

/** A regional (not CloudFront) WAFv2 web ACL: API Gateway stages take only those. */
const regionalWebAclArn = z
  .string()
  .regex(
    /^arn:aws:wafv2:[a-z]{2}(-gov)?-[a-z]+-\d:\d{12}:regional\/webacl\/[\w-]{1,128}\/[0-9a-f-]{36}$/,
    {
      error:
        'expected a regional WAFv2 web ACL ARN such as "arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/inference/<uuid>"',
    },
  );

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
    cognito: cognitoAuthorizerSchema
      .optional()
      .describe(
        'Authorize callers by Cognito user pool tokens instead of IAM (SigV4); default IAM.',
      ),
    webAclArn: regionalWebAclArn
      .optional()
      .describe(
        'A regional AWS WAF web ACL of this account to associate with the stage; default none.',
      ),
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

/** Model Monitor names its metrics `feature_baseline_drift_<feature>` after the dataset's columns. */
const featureName = z.string().regex(/^[A-Za-z0-9_.-]{1,200}$/, {
  error: 'expected a feature (column) name of the captured data: letters, digits, "_", "." or "-"',
});

/** Model Monitor accepts hourly, every-N-hours and daily schedules, always on the hour (UTC). */
const monitoringCron = z.string().regex(/^cron\(0 (\*|\d{1,2}|\d{1,2}\/\d{1,2}) \? \* \* \*\)$/, {
  error:
    'expected a Model Monitor schedule: hourly "cron(0 * ? * * *)", every 6 hours "cron(0 0/6 ? * * *)" or daily "cron(0 3 ? * * *)"',
});

/** Processing instance types: `ml.<family>.<size>` as for hosting. */
const processingInstanceType = z.string().regex(/^ml\.[a-z0-9-]+\.[a-z0-9-]+$/, {
  error:
    'expected a SageMaker processing instance type "ml.<family>.<size>", such as "ml.m5.xlarge"',
});

export const MODEL_MONITOR_MAX_FEATURES = 10;

/** Model Monitor data-quality monitoring of the real-time endpoint (blueprint 3a). */
export const modelMonitorSchema = z
  .strictObject({
    features: z
      .array(featureName)
      .min(1, { error: 'name at least one feature whose drift the alarm watches' })
      .max(MODEL_MONITOR_MAX_FEATURES, {
        error: `name at most ${MODEL_MONITOR_MAX_FEATURES} features (CloudWatch metric math takes ${MODEL_MONITOR_MAX_FEATURES} metrics per alarm)`,
      })
      .describe(
        'Features whose baseline drift (feature_baseline_drift_<feature>) the drift alarm watches.',
      ),
    scheduleExpression: monitoringCron
      .default('cron(0 * ? * * *)')
      .describe('When monitoring runs: hourly by default.'),
    instanceType: processingInstanceType
      .default('ml.m5.xlarge')
      .describe('Instance type of the monitoring jobs.'),
    instanceCount: wholeNumber('instances', 1, 10)
      .default(1)
      .describe('Instances per monitoring job.'),
    volumeSizeGb: wholeNumber('GB', 1, 512).default(20).describe('Storage of each instance (KMS).'),
    maxRuntimeSeconds: wholeNumber('seconds', 60, 3_600, ' (a run ends before the next hourly one)')
      .default(1_800)
      .describe('Longest a monitoring job may run.'),
  })
  .superRefine((monitor, ctx) => {
    reportDuplicates(ctx, monitor.features, (feature) => feature, ['features']);
  })
  .describe(
    'Model Monitor data quality: a job definition against the baseline under inference/realtime/monitoring/baseline/ and an hourly schedule; the drift alarm watches the listed features.',
  );

/** The production variant the endpoint starts with; its name never changes (deployment guardrails). */
export const PRIMARY_VARIANT_NAME = 'AllTraffic';

const variantName = z.string().regex(/^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/, {
  error: 'expected a variant name: letters, digits and single hyphens inside, up to 63 characters',
});

/** A variant beside the primary one: another version of the release's model package group. */
const candidateVariantFields = {
  name: variantName.describe('Variant name; keep it across updates (deployment guardrails).'),
  modelPackageVersion: z
    .number()
    .int({ error: 'expected a whole model package version such as 8' })
    .min(1, { error: 'expected a model package version from 1' })
    .describe(
      "Version of the release's model package group in this environment's registry that the variant serves.",
    ),
  instanceType: hostingInstanceType
    .optional()
    .describe("Instance type; default the primary variant's."),
  initialInstanceCount: wholeNumber('instances', 1, 100)
    .default(1)
    .describe('Instances of the variant (not auto scaled).'),
};

export const abTestSchema = z
  .strictObject({
    primaryWeightPercent: wholeNumber('percent', 1, 99).describe(
      `Share of requests for the primary variant "${PRIMARY_VARIANT_NAME}" (the release).`,
    ),
    variants: z
      .array(
        z.strictObject({
          ...candidateVariantFields,
          weightPercent: wholeNumber('percent', 1, 99).describe('Share of requests.'),
        }),
      )
      .min(1, { error: 'name at least one challenger variant' })
      .max(9, { error: 'at most 9 challengers (SageMaker hosts 10 production variants)' })
      .describe('Challenger variants; the weights of all variants sum to 100.'),
  })
  .describe('A/B test: production variants sharing the traffic by weight.');

export const shadowVariantSchema = z
  .strictObject({
    ...candidateVariantFields,
    samplingPercent: wholeNumber('percent', 1, 100)
      .default(100)
      .describe('Share of requests replicated to the shadow variant; its answers are discarded.'),
  })
  .describe('A shadow variant: receives copies of requests, never answers callers.');

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
    modelMonitor: modelMonitorSchema
      .optional()
      .describe('Model Monitor data-quality monitoring and the drift alarm; default none.'),
    abTest: abTestSchema.optional().describe('A/B variants; default the primary variant alone.'),
    shadow: shadowVariantSchema.optional().describe('A shadow variant; default none.'),
  })
  .superRefine((settings, ctx) => {
    variantProblems(settings, ctx);
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

/**
 * Variant combinations SageMaker refuses or silently changes: weights that do not sum to 100, a
 * name taken twice or taking the primary's, a shadow beside A/B variants (an endpoint with a
 * shadow variant has exactly one production variant), and canary or linear traffic shifting on
 * Inf1 instances (deployment guardrails do not support them and fall back to all at once).
 */
function variantProblems(
  settings: {
    instanceType: string;
    rollout: RolloutSettings;
    abTest?: z.infer<typeof abTestSchema>;
    shadow?: z.infer<typeof shadowVariantSchema>;
  },
  ctx: z.RefinementCtx,
): void {
  const { abTest, shadow, rollout } = settings;
  if (abTest) {
    const total =
      abTest.primaryWeightPercent +
      abTest.variants.reduce((sum, variant) => sum + variant.weightPercent, 0);
    if (total !== 100)
      ctx.addIssue({
        code: 'custom',
        path: ['abTest', 'primaryWeightPercent'],
        input: abTest.primaryWeightPercent,
        message: `the weights of all variants sum to ${total}, not 100; change primaryWeightPercent or the variants' weightPercent`,
      });
  }
  const named = [
    ...(abTest?.variants.map((variant, index) => ({
      name: variant.name,
      path: ['abTest', 'variants', index, 'name'],
    })) ?? []),
    ...(shadow ? [{ name: shadow.name, path: ['shadow', 'name'] }] : []),
  ];
  const seen = new Set<string>([PRIMARY_VARIANT_NAME.toLowerCase()]);
  for (const { name, path } of named) {
    if (seen.has(name.toLowerCase()))
      ctx.addIssue({
        code: 'custom',
        path,
        input: name,
        message:
          name.toLowerCase() === PRIMARY_VARIANT_NAME.toLowerCase()
            ? `"${PRIMARY_VARIANT_NAME}" is the primary variant, which keeps its name across updates; give this variant another name`
            : 'another variant has this name; variant names are unique within the endpoint',
      });
    seen.add(name.toLowerCase());
  }
  if (abTest && shadow)
    ctx.addIssue({
      code: 'custom',
      path: ['shadow'],
      input: shadow.name,
      message:
        'SageMaker hosts a shadow variant only beside exactly one production variant; remove abTest or shadow',
    });
  const inf1 = [
    settings.instanceType,
    ...(abTest?.variants.map((variant) => variant.instanceType) ?? []),
    shadow?.instanceType,
  ].filter((type): type is string => type?.startsWith('ml.inf1.') ?? false);
  if (inf1.length > 0 && rollout.strategy !== 'all-at-once')
    ctx.addIssue({
      code: 'custom',
      path: ['rollout', 'strategy'],
      input: rollout.strategy,
      message: `deployment guardrails do not shift traffic by ${rollout.strategy} on Inf1 instances (${inf1[0]}); SageMaker would deploy all at once without baking. Set rollout.strategy to "all-at-once" or use another instance type`,
    });
}

/** A DNS name (lower-case labels), without a trailing dot. */
const dnsName = z
  .string()
  .max(200)
  .regex(/^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, {
    error: 'expected a lower-case DNS name such as "ml.example.com", without a trailing dot',
  });

export const INFERENCE_HOST_PATTERN_DEFAULT = 'inference.{project}.{zone}';

/**
 * The custom domain of the inference APIs: one host per project in a Route 53 public hosted zone
 * of this account; the foundation stack creates the certificates and domain names, each blueprint
 * stack maps its own API under its route.
 */
export const inferenceDomainSchema = z
  .strictObject({
    zoneName: dnsName.describe('The hosted zone the hosts live in, such as "ml.example.com".'),
    hostedZoneId: z
      .string()
      .regex(/^Z[A-Z0-9]{1,31}$/, {
        error: 'expected a Route 53 hosted zone ID such as "Z0123456789ABCDEFGHIJ"',
      })
      .describe('ID of that public hosted zone (DNS validation and alias records go there).'),
    hostPattern: z
      .string()
      .regex(/^([a-z0-9{}-]+\.)*\{zone\}$/, {
        error: 'expected a host pattern ending in ".{zone}", such as "inference.{project}.{zone}"',
      })
      .refine((pattern) => pattern.includes('{project}'), {
        error: 'expected "{project}" in the pattern: every project gets its own host',
      })
      .default(INFERENCE_HOST_PATTERN_DEFAULT)
      .describe('Host of a project: {project} and {zone} are replaced.'),
  })
  .describe('Custom domain of the inference APIs: https://<host>/<route> per project.');

export type InferenceDomainSettings = z.infer<typeof inferenceDomainSchema>;

/** The host of a project's inference APIs, such as `inference.fraud-detection.ml.example.com`. */
export function inferenceHostName(domain: InferenceDomainSettings, project: string): string {
  return domain.hostPattern.replaceAll('{project}', project).replaceAll('{zone}', domain.zoneName);
}

export type InferenceApiSettings = z.infer<typeof inferenceApiSchema>;
export type ModelMonitorSettings = z.infer<typeof modelMonitorSchema>;
export type AbTestSettings = z.infer<typeof abTestSchema>;
export type ShadowVariantSettings = z.infer<typeof shadowVariantSchema>;
export type InferenceServerlessSettings = z.infer<typeof inferenceServerlessSchema>;
export type InferenceRealtimeSettings = z.infer<typeof inferenceRealtimeSchema>;
export type RolloutSettings = z.infer<typeof rolloutSchema>;

/**
 * Checks of the inference settings that need the environment's account and region: the Model
 * Monitor analyzer image exists in the region, and a web ACL is one of this account and region
 * (API Gateway associates no other).
 */
export function inferenceEnvironmentProblems(
  environment: {
    readonly accountId: string;
    readonly region: string;
    readonly blueprints: {
      readonly inferenceRealtime: InferenceRealtimeSettings;
      readonly inferenceServerless: InferenceServerlessSettings;
    };
  },
  ctx: z.RefinementCtx,
): void {
  const { inferenceRealtime, inferenceServerless } = environment.blueprints;
  if (inferenceRealtime.modelMonitor && !isModelMonitorRegion(environment.region))
    ctx.addIssue({
      code: 'custom',
      path: ['blueprints', 'inferenceRealtime', 'modelMonitor'],
      input: environment.region,
      message: `the Model Monitor analyzer image is not known for region "${environment.region}" (known: ${Object.keys(MODEL_MONITOR_ANALYZER_REGISTRIES).join(', ')}); remove modelMonitor, or add the region's registry account from the AWS documentation to MODEL_MONITOR_ANALYZER_REGISTRIES`,
    });
  const apis = [
    ['inferenceRealtime', inferenceRealtime.api],
    ['inferenceServerless', inferenceServerless.api],
  ] as const;
  for (const [blueprint, api] of apis) {
    const arn = api.webAclArn;
    const [, , , region, account] = arn?.split(':') ?? [];
    if (arn && (region !== environment.region || account !== environment.accountId))
      ctx.addIssue({
        code: 'custom',
        path: ['blueprints', blueprint, 'api', 'webAclArn'],
        input: arn,
        message: `the web ACL must be in this environment's account ${environment.accountId} and region ${environment.region}; API Gateway associates no other`,
      });
  }
}
