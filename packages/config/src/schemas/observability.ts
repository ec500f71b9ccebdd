import { z } from 'zod';
import { PROJECT_BLUEPRINTS } from '../blueprints';
import { reportDuplicates } from './common';

/**
 * Alarm thresholds of the design ("Alerts Configuration"), with their defaults. Every value is
 * overridable per environment in `observability.thresholds` of `<env>.json`; the constructs of
 * `@genai-sandbox/observability` read them from there.
 */
export const DEFAULT_ALARM_THRESHOLDS = {
  /** Percent of invocations that end in a 4xx or 5xx error. */
  errorRatePercent: 5,
  /** p99 model latency of a real-time endpoint, in seconds. */
  latencyP99Seconds: 2,
  /** Requests waiting in an asynchronous endpoint's queue, per instance. */
  asyncBacklogPerInstance: 100,
  /** Failed Lambda invocations per five minutes. */
  lambdaErrors: 1,
  /** Throttled Lambda invocations per five minutes. */
  lambdaThrottles: 1,
  /** Messages in a dead-letter queue: any message is a lost event. */
  deadLetterMessages: 1,
  /** Model Monitor drift distance of any watched feature (0 to 1). */
  driftDistance: 0.1,
} as const;

/** Hours without a single invocation after which a real-time endpoint counts as idle. */
export const DEFAULT_IDLE_ENDPOINT_HOURS = 24;

const positive = (what: string) =>
  z.number().positive({ error: `expected a number above 0 (${what})` });

const percent = z
  .number()
  .gt(0, { error: 'expected a percentage above 0 and at most 100' })
  .max(100, { error: 'expected a percentage above 0 and at most 100' });

export const alarmThresholdsSchema = z
  .strictObject({
    errorRatePercent: percent
      .default(DEFAULT_ALARM_THRESHOLDS.errorRatePercent)
      .describe('Alarm when more than this percentage of invocations fail (4xx + 5xx).'),
    latencyP99Seconds: positive('seconds')
      .default(DEFAULT_ALARM_THRESHOLDS.latencyP99Seconds)
      .describe('Alarm when the p99 model latency of a real-time endpoint exceeds this.'),
    asyncBacklogPerInstance: positive('queued requests per instance')
      .default(DEFAULT_ALARM_THRESHOLDS.asyncBacklogPerInstance)
      .describe('Alarm when an asynchronous endpoint queues more requests per instance.'),
    lambdaErrors: positive('errors per five minutes')
      .default(DEFAULT_ALARM_THRESHOLDS.lambdaErrors)
      .describe('Alarm when a function fails at least this often in five minutes.'),
    lambdaThrottles: positive('throttles per five minutes')
      .default(DEFAULT_ALARM_THRESHOLDS.lambdaThrottles)
      .describe('Alarm when a function is throttled at least this often in five minutes.'),
    deadLetterMessages: positive('messages')
      .default(DEFAULT_ALARM_THRESHOLDS.deadLetterMessages)
      .describe('Alarm when a dead-letter queue holds at least this many messages.'),
    driftDistance: z
      .number()
      .gt(0, { error: 'expected a drift distance above 0 and at most 1' })
      .max(1, { error: 'expected a drift distance above 0 and at most 1' })
      .default(DEFAULT_ALARM_THRESHOLDS.driftDistance)
      .describe('Alarm when Model Monitor reports a larger baseline drift for any feature.'),
  })
  .describe('Alarm thresholds; the defaults are those of the platform design.');

// The shape browsers validate type="email" with: enough to catch a name or a typo, not a full RFC 5322 parser.
const EMAIL =
  /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

export const alarmSubscriptionSchema = z.discriminatedUnion('protocol', [
  z.strictObject({
    protocol: z.literal('email'),
    endpoint: z
      .string()
      .regex(EMAIL, {
        error: 'expected an email address such as "ml-oncall@example.com"',
      })
      .describe('Address that receives the alarms; SNS sends it a confirmation first.'),
  }),
  z.strictObject({
    protocol: z.literal('https'),
    endpoint: z
      .string()
      .regex(/^https:\/\/[^\s/?#]+[^\s]*$/, {
        error: 'expected an https:// URL (SNS refuses plain http for the platform topic)',
      })
      .describe('HTTPS endpoint (chat webhook, incident tool) that confirms the subscription.'),
  }),
]);

export const budgetsSchema = z
  .strictObject({
    accountMonthlyUsd: positive('US dollars per month')
      .default(1000)
      .describe('Monthly budget of the whole account, in USD.'),
    projectMonthlyUsd: positive('US dollars per month')
      .default(200)
      .describe('Monthly budget of each project (by its "project" cost-allocation tag), in USD.'),
    projectOverrides: z
      .record(z.string(), positive('US dollars per month'))
      .default({})
      .describe('Monthly budget of named projects, replacing projectMonthlyUsd for them.'),
    actualPercentages: z
      .array(percentOfBudget())
      .min(1)
      .default([80, 100])
      .describe('Notify when actual spend reaches these percentages of the budget.'),
    forecastPercentages: z
      .array(percentOfBudget())
      .default([100])
      .describe('Notify when forecast spend reaches these percentages of the budget.'),
  })
  .describe('AWS Budgets of the account and of each project, notifying the alarm topic.');

function percentOfBudget() {
  return z
    .number()
    .gt(0, { error: 'expected a percentage of the budget above 0, such as 80' })
    .max(1000, { error: 'expected a percentage of the budget of at most 1000' });
}

export const dashboardSchema = z
  .strictObject({
    blueprints: z
      .array(
        z.enum(PROJECT_BLUEPRINTS, {
          error: `expected a blueprint name: one of ${PROJECT_BLUEPRINTS.join(', ')}`,
        }),
      )
      .optional()
      .describe(
        'Blueprints shown on the dashboard, in this order; defaults to every blueprint of the projects of the environment.',
      ),
  })
  .describe('The unified dashboard of the environment.');

export const observabilitySchema = z
  .strictObject({
    thresholds: alarmThresholdsSchema.prefault({}),
    idleEndpointHours: z
      .number()
      .int({ error: 'expected whole hours' })
      .min(1, { error: 'expected 1 to 168 hours' })
      .max(168, { error: 'expected 1 to 168 hours (CloudWatch evaluates at most 7 days)' })
      .default(DEFAULT_IDLE_ENDPOINT_HOURS)
      .describe('A real-time endpoint without an invocation for this many hours raises an alarm.'),
    subscriptions: z
      .array(alarmSubscriptionSchema)
      .default([])
      .describe('Who receives the alarms of the account: email addresses or HTTPS endpoints.'),
    budgets: budgetsSchema.prefault({}),
    dashboard: dashboardSchema.prefault({}),
    crossAccount: z
      .boolean()
      .default(true)
      .describe(
        'Link this account to the observability sink of the shared-services account (metrics, logs, traces).',
      ),
  })
  .describe('Alarms, alarm recipients, budgets and the dashboard of the environment.');

export type ObservabilityConfig = z.infer<typeof observabilitySchema>;
export type AlarmThresholds = z.infer<typeof alarmThresholdsSchema>;
export type AlarmSubscription = z.infer<typeof alarmSubscriptionSchema>;
export type BudgetsConfig = z.infer<typeof budgetsSchema>;

/** Checks that need the rest of the environment: budgets of projects that exist, no repeats. */
export function observabilityProblems(
  environment: { projects: readonly { name: string }[]; observability: ObservabilityConfig },
  ctx: z.RefinementCtx,
): void {
  // zod runs refinements even when a field failed, so every part may be missing or malformed.
  const observability = environment.observability as Partial<ObservabilityConfig> | undefined;
  const budgets = observability?.budgets;
  const projects = (environment.projects ?? []).map((project) => project.name);
  for (const name of Object.keys(budgets?.projectOverrides ?? {})) {
    if (!projects.includes(name)) {
      ctx.addIssue({
        code: 'custom',
        path: ['observability', 'budgets', 'projectOverrides', name],
        input: name,
        message: `no project "${name}" in this environment; use one of ${projects.join(', ') || '(none)'} or remove the override`,
      });
    }
  }
  const at = (...path: string[]) => ['observability', ...path];
  const list = <T>(value: T[] | undefined): T[] => (Array.isArray(value) ? value : []);
  reportDuplicates(
    ctx,
    list(budgets?.actualPercentages),
    String,
    at('budgets', 'actualPercentages'),
  );
  reportDuplicates(
    ctx,
    list(budgets?.forecastPercentages),
    String,
    at('budgets', 'forecastPercentages'),
  );
  reportDuplicates(
    ctx,
    list(observability?.subscriptions),
    (subscription) => `${subscription.protocol}:${subscription.endpoint}`,
    at('subscriptions'),
  );
  reportDuplicates(
    ctx,
    list(observability?.dashboard?.blueprints),
    String,
    at('dashboard', 'blueprints'),
  );
}
