import { ListTransformJobsCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { jsonLogger, type Logger } from '../shared/log';
import {
  BATCH_JOB_EVENTS_ENVIRONMENT_VARIABLE,
  type BatchJobEventsSetting,
  parseJobEventsSetting,
} from './job-events-setting';

/** One CloudWatch embedded-metric-format line: the log record and its metrics in one. */
export type MetricWriter = (line: string) => void;

export interface BatchJobEventsDependencies {
  readonly setting: BatchJobEventsSetting;
  readonly sageMaker: SageMakerClient;
  /** @default - standard output, where Lambda's log agent extracts the metrics */
  readonly writeMetrics?: MetricWriter;
  readonly log?: Logger;
}

export interface JobEventResult {
  readonly jobName: string;
  readonly status: string;
  readonly jobsRunning: number;
}

const DETAIL_TYPE = 'SageMaker Transform Job State Change';
const TERMINAL = {
  Completed: 'JobsCompleted',
  Failed: 'JobsFailed',
  Stopped: 'JobsStopped',
} as const;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Records each state change of the project's transform jobs: one embedded-metric-format log line
 * (no CloudWatch API call, no extra permission) with the `Project` dimension the dashboard's batch
 * section searches: `JobsRunning` (the project's jobs in progress, counted with
 * ListTransformJobs, a gauge for every event) and, when a job ends, one of `JobsCompleted`,
 * `JobsFailed`, `JobsStopped`. The line is also the record of the job's outcome. An event that is
 * not the state change of one of the project's jobs throws, naming the field, value and fix.
 */
export function createBatchJobEvents(dependencies: BatchJobEventsDependencies) {
  const { setting, sageMaker } = dependencies;
  const log = dependencies.log ?? jsonLogger;
  const write = dependencies.writeMetrics ?? ((line: string) => process.stdout.write(`${line}\n`));

  async function jobsRunning(): Promise<number> {
    let count = 0;
    let NextToken: string | undefined;
    do {
      const page = await sageMaker.send(
        new ListTransformJobsCommand({
          StatusEquals: 'InProgress',
          NameContains: setting.jobNamePrefix,
          MaxResults: 100,
          NextToken,
        }),
      );
      count += (page.TransformJobSummaries ?? []).filter((job) =>
        job.TransformJobName?.startsWith(`${setting.jobNamePrefix}-`),
      ).length;
      NextToken = page.NextToken;
    } while (NextToken);
    return count;
  }

  return async (event: unknown): Promise<JobEventResult> => {
    const source = 'SageMaker Transform Job State Change event';
    const fail = (field: string, value: unknown, fix: string) =>
      new Error(`${source}: ${field} is ${JSON.stringify(value)}; ${fix}`);
    if (!isObject(event) || event['detail-type'] !== DETAIL_TYPE)
      throw fail(
        'detail-type',
        isObject(event) ? event['detail-type'] : event,
        `invoke with "${DETAIL_TYPE}" events of the inference-batch rule`,
      );
    const detail = isObject(event.detail) ? event.detail : {};
    const jobName = detail.TransformJobName;
    const status = detail.TransformJobStatus;
    if (typeof jobName !== 'string' || !jobName.startsWith(`${setting.jobNamePrefix}-`))
      throw fail(
        'detail.TransformJobName',
        jobName,
        `only jobs named ${setting.jobNamePrefix}-* are this project's; fix the rule's event pattern`,
      );
    if (typeof status !== 'string')
      throw fail('detail.TransformJobStatus', status, 'send the event SageMaker sent');
    const running = await jobsRunning();
    const ended = TERMINAL[status as keyof typeof TERMINAL];
    const metrics = [
      { Name: 'JobsRunning', Unit: 'Count' },
      ...(ended ? [{ Name: ended, Unit: 'Count' }] : []),
    ];
    write(
      JSON.stringify({
        _aws: {
          Timestamp: Date.now(),
          CloudWatchMetrics: [
            { Namespace: setting.namespace, Dimensions: [['Project']], Metrics: metrics },
          ],
        },
        Project: setting.project,
        JobsRunning: running,
        ...(ended && { [ended]: 1 }),
        jobName,
        status,
      }),
    );
    log('info', 'job-state-recorded', { jobName, status, jobsRunning: running });
    return { jobName, status, jobsRunning: running };
  };
}

let deployed: ReturnType<typeof createBatchJobEvents> | undefined;

/** Lambda's entry point: the setting and client are built at the first event of a container. */
export async function handler(event: unknown) {
  deployed ??= createBatchJobEvents({
    setting: parseJobEventsSetting(process.env[BATCH_JOB_EVENTS_ENVIRONMENT_VARIABLE]),
    sageMaker: new SageMakerClient({ maxAttempts: 3, retryMode: 'standard' }),
  });
  return deployed(event);
}
