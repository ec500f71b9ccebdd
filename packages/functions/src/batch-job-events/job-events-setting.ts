import { decodeSetting, encodeSetting } from '../shared/environment-setting';

/**
 * The batch job events function's setting: which jobs are the project's and where their metrics
 * go. Stacks encode it into one environment variable (`batchJobEventsEnvironment`); the handler
 * decodes it at cold start, with the same checks.
 */
export interface BatchJobEventsSetting {
  /** The project, the metrics' `Project` dimension the dashboard searches. */
  readonly project: string;
  /** The project's transform jobs are `<jobNamePrefix>-<hash>`. */
  readonly jobNamePrefix: string;
  /** CloudWatch namespace of the metrics (the dashboard's BATCH_METRICS_NAMESPACE). */
  readonly namespace: string;
}

export const BATCH_JOB_EVENTS_ENVIRONMENT_VARIABLE = 'BATCH_JOB_EVENTS';

function problemsOf(setting: unknown): string[] {
  const value = (typeof setting === 'object' && setting !== null ? setting : {}) as Record<
    string,
    unknown
  >;
  const problems: string[] = [];
  if (typeof value.project !== 'string' || !/^[a-z][a-z0-9-]{0,19}$/.test(value.project))
    problems.push(`project is ${JSON.stringify(value.project)}; expected a project name`);
  if (
    typeof value.jobNamePrefix !== 'string' ||
    !/^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/.test(value.jobNamePrefix)
  )
    problems.push(
      `jobNamePrefix is ${JSON.stringify(value.jobNamePrefix)}; expected letters, digits and single hyphens`,
    );
  if (typeof value.namespace !== 'string' || !/^[A-Za-z0-9/_.#:-]{1,255}$/.test(value.namespace))
    problems.push(
      `namespace is ${JSON.stringify(value.namespace)}; expected a CloudWatch namespace`,
    );
  return problems;
}

/** The environment variables that carry a setting; throws on a bad one, listing every problem. */
export function batchJobEventsEnvironment(setting: BatchJobEventsSetting): Record<string, string> {
  return encodeSetting(BATCH_JOB_EVENTS_ENVIRONMENT_VARIABLE, setting, problemsOf);
}

/** The setting from its environment variable, checked as at synth. */
export function parseJobEventsSetting(text: string | undefined): BatchJobEventsSetting {
  return decodeSetting<BatchJobEventsSetting>(
    BATCH_JOB_EVENTS_ENVIRONMENT_VARIABLE,
    text,
    problemsOf,
  );
}
