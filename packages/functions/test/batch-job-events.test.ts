import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { AwsTestServer, SageMakerTransformService } from '@genai-sandbox/aws-test-server';
import { type BatchJobEventsSetting, batchJobEventsEnvironment } from '../src';
import { createBatchJobEvents } from '../src/batch-job-events/handler';

/**
 * The job events function with the real SageMaker client against the local transform-job
 * service: each state change becomes one embedded-metric-format line for the batch dashboard.
 */

const KEY = 'AKIATESTBATCHEVENTS0';
const PREFIX = 'genai-dev-fraud-detection-batch';
const sageMaker = new SageMakerTransformService([KEY]);
const aws = new AwsTestServer([sageMaker]);
const SETTING: BatchJobEventsSetting = {
  project: 'fraud-detection',
  jobNamePrefix: PREFIX,
  namespace: 'GenAISandbox/BatchInference',
};

let lines: Record<string, unknown>[] = [];
const events = () =>
  createBatchJobEvents({
    setting: SETTING,
    sageMaker: new SageMakerClient({
      endpoint: aws.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId: KEY, secretAccessKey: 'secret' },
    }),
    writeMetrics: (line) => lines.push(JSON.parse(line)),
    log: () => undefined,
  });
const stateChange = (name: string, status: string) => ({
  version: '0',
  source: 'aws.sagemaker',
  'detail-type': 'SageMaker Transform Job State Change',
  detail: {
    TransformJobName: name,
    TransformJobStatus: status,
    Tags: { project: 'fraud-detection' },
  },
});
const job = (name: string, status: 'InProgress' | 'Completed') =>
  sageMaker.jobs.push({ name, arn: `arn:${name}`, request: {}, status, created: 1 });

beforeAll(() => aws.start());
afterAll(() => aws.stop());
beforeEach(() => {
  aws.resetCalls();
  sageMaker.jobs.length = 0;
  lines = [];
});

describe('batch-job-events', () => {
  it('records a completed job and the jobs still running as metrics of the project', async () => {
    job(`${PREFIX}-0000000000000001`, 'Completed');
    job(`${PREFIX}-0000000000000002`, 'InProgress');
    job(`${PREFIX}-0000000000000003`, 'InProgress');
    job('genai-dev-other-project-batch-0000000000000004', 'InProgress');
    const result = await events()(stateChange(`${PREFIX}-0000000000000001`, 'Completed'));
    expect(result).toEqual({
      jobName: `${PREFIX}-0000000000000001`,
      status: 'Completed',
      jobsRunning: 2,
    });
    expect(lines).toEqual([
      {
        _aws: {
          Timestamp: expect.any(Number),
          CloudWatchMetrics: [
            {
              Namespace: 'GenAISandbox/BatchInference',
              Dimensions: [['Project']],
              Metrics: [
                { Name: 'JobsRunning', Unit: 'Count' },
                { Name: 'JobsCompleted', Unit: 'Count' },
              ],
            },
          ],
        },
        Project: 'fraud-detection',
        JobsRunning: 2,
        JobsCompleted: 1,
        jobName: `${PREFIX}-0000000000000001`,
        status: 'Completed',
      },
    ]);
  });

  it('counts running jobs over several pages, and records only the gauge for a job that starts', async () => {
    for (let index = 0; index < 150; index += 1)
      job(`${PREFIX}-${String(index).padStart(16, '0')}`, 'InProgress');
    await events()(stateChange(`${PREFIX}-0000000000000000`, 'InProgress'));
    expect(lines[0]).toMatchObject({ JobsRunning: 150 });
    expect(lines[0]).not.toHaveProperty('JobsCompleted');
    expect(aws.trace().filter((call) => call.includes('ListTransformJobs'))).toHaveLength(2);
  });

  it('records failed and stopped jobs under their own metrics', async () => {
    await events()(stateChange(`${PREFIX}-0000000000000001`, 'Failed'));
    await events()(stateChange(`${PREFIX}-0000000000000002`, 'Stopped'));
    expect(lines.map((line) => [line.JobsFailed, line.JobsStopped])).toEqual([
      [1, undefined],
      [undefined, 1],
    ]);
  });

  it('fails when the event is not a state change of the project, naming field, value and fix', async () => {
    await expect(events()({ 'detail-type': 'Object Created' })).rejects.toThrow(
      'SageMaker Transform Job State Change event: detail-type is "Object Created"; invoke with "SageMaker Transform Job State Change" events',
    );
    await expect(
      events()(stateChange('someone-elses-job-0000000000000001', 'Completed')),
    ).rejects.toThrow(
      `detail.TransformJobName is "someone-elses-job-0000000000000001"; only jobs named ${PREFIX}-* are this project's`,
    );
    expect(lines).toEqual([]);
  });

  it('refuses a bad setting at synth', () => {
    expect(() => batchJobEventsEnvironment({ ...SETTING, project: 'Fraud Detection' })).toThrow(
      /project is "Fraud Detection"; expected a project name/,
    );
  });
});
