import { SageMakerClient } from '@aws-sdk/client-sagemaker';
import { AwsTestServer, SageMakerTransformService } from '@genai-sandbox/aws-test-server';
import {
  type BatchSubmitterSetting,
  batchSubmitterEnvironment,
  JOB_NAME_PREFIX_LIMIT,
  parseSubmitterSetting,
} from '../src';
import { createBatchSubmitter, submitterClientConfig } from '../src/batch-submitter/handler';
import type { ApiGatewayProxyEvent, ApiGatewayProxyResult } from '../src/shared/api-gateway';

/**
 * The submitter with the real SageMaker client (signing, JSON 1.1, error parsing) against a local
 * server that keeps transform jobs and refuses a second job of the same name, as SageMaker does.
 */

const SUBMITTER_KEY = 'AKIATESTBATCHSUBMIT0';
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';
const sageMaker = new SageMakerTransformService([SUBMITTER_KEY]);
const aws = new AwsTestServer([sageMaker]);

const SETTING: BatchSubmitterSetting = {
  bucket: BUCKET,
  inputPrefix: 'inference/batch/input/',
  outputPrefix: 'inference/batch/output/',
  jobNamePrefix: 'genai-dev-fraud-detection-batch',
  modelName: 'genai-dev-fraud-detection-batch-v3',
  kmsKeyId: KEY_ARN,
  tags: { project: 'fraud-detection', environment: 'dev' },
  transform: {
    instanceType: 'ml.m5.xlarge',
    instanceCount: 2,
    batchStrategy: 'MultiRecord',
    maxPayloadMb: 6,
    maxConcurrentTransforms: 4,
    invocationTimeoutSeconds: 600,
    invocationMaxRetries: 3,
    contentType: 'application/jsonlines',
    accept: 'application/jsonlines',
    splitType: 'Line',
    assembleWith: 'Line',
    inputFilter: '$.features',
    outputFilter: '$',
    joinSource: 'Input',
  },
};

let logs: string[] = [];
function submitter(setting: BatchSubmitterSetting = SETTING, accessKeyId = SUBMITTER_KEY) {
  return createBatchSubmitter({
    setting,
    sageMaker: new SageMakerClient({
      ...submitterClientConfig,
      endpoint: aws.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId, secretAccessKey: 'secret' },
    }),
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });
}

const objectCreated = (key: string, object: Record<string, unknown> = {}) => ({
  version: '0',
  id: 'c9888434-815d-c6f4-9fc2-4dd7bdeccaaf',
  'detail-type': 'Object Created',
  source: 'aws.s3',
  account: '111111111111',
  region: 'eu-west-1',
  resources: [`arn:aws:s3:::${BUCKET}`],
  detail: {
    version: '0',
    bucket: { name: BUCKET },
    object: {
      key,
      size: 1024,
      etag: '4af981f98d22a0b9979da24b259e5e42',
      'version-id': 'uhggCJ2_B6gU2JaXWXebnXFDstO0ID6G',
      sequencer: '0064D3901D00059242',
      ...object,
    },
    reason: 'PutObject',
  },
});

const post = (body: unknown, requestId = 'req-1'): ApiGatewayProxyEvent => ({
  httpMethod: 'POST',
  path: '/batch',
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  requestContext: { requestId },
});
const answer = (result: unknown) => {
  const api = result as ApiGatewayProxyResult;
  return { status: api.statusCode, body: JSON.parse(api.body) };
};

beforeAll(() => aws.start());
afterAll(() => aws.stop());
beforeEach(() => {
  aws.resetCalls();
  sageMaker.jobs.length = 0;
  logs = [];
});

describe('batch-submitter', () => {
  it('starts one transform job for an uploaded object, configured from the setting', async () => {
    const result = await submitter()(objectCreated('inference/batch/input/reviews/day-1.jsonl'));
    expect(result).toEqual({
      jobName: expect.stringMatching(/^genai-dev-fraud-detection-batch-[0-9a-f]{16}$/),
      status: 'Submitted',
      output: expect.stringMatching(
        /^s3:\/\/genai-dev-fraud-detection-ml-111111111111\/inference\/batch\/output\/reviews\/job=genai-dev-fraud-detection-batch-[0-9a-f]{16}\/$/,
      ),
    });
    expect(sageMaker.jobs).toHaveLength(1);
    const [job] = sageMaker.jobs;
    expect(job.request).toEqual({
      TransformJobName: job.name,
      ModelName: 'genai-dev-fraud-detection-batch-v3',
      BatchStrategy: 'MultiRecord',
      MaxPayloadInMB: 6,
      MaxConcurrentTransforms: 4,
      ModelClientConfig: { InvocationsTimeoutInSeconds: 600, InvocationsMaxRetries: 3 },
      TransformInput: {
        DataSource: {
          S3DataSource: {
            S3DataType: 'S3Prefix',
            S3Uri: `s3://${BUCKET}/inference/batch/input/reviews/day-1.jsonl`,
          },
        },
        ContentType: 'application/jsonlines',
        SplitType: 'Line',
        CompressionType: 'None',
      },
      TransformOutput: {
        S3OutputPath: `s3://${BUCKET}/inference/batch/output/reviews/job=${job.name}/`,
        Accept: 'application/jsonlines',
        AssembleWith: 'Line',
        KmsKeyId: KEY_ARN,
      },
      TransformResources: {
        InstanceType: 'ml.m5.xlarge',
        InstanceCount: 2,
        VolumeKmsKeyId: KEY_ARN,
      },
      DataProcessing: { InputFilter: '$.features', OutputFilter: '$', JoinSource: 'Input' },
      Tags: [
        { Key: 'project', Value: 'fraud-detection' },
        { Key: 'environment', Value: 'dev' },
        { Key: 'trigger', Value: 'object' },
      ],
    });
  });

  it('starts one job when the same object arrives twice, and reports the first', async () => {
    const handler = submitter();
    const event = objectCreated('inference/batch/input/reviews/day-1.jsonl');
    const first = await handler(event);
    const second = await handler(event);
    expect(sageMaker.jobs).toHaveLength(1);
    expect(second).toEqual({
      jobName: (first as { jobName: string }).jobName,
      status: 'AlreadySubmitted',
      jobStatus: 'InProgress',
      output: (first as { output: string }).output,
    });
    expect(aws.trace()).toEqual([
      `sagemaker-transform CreateTransformJob ${sageMaker.jobs[0].name}`,
      `sagemaker-transform CreateTransformJob ${sageMaker.jobs[0].name}`,
      `sagemaker-transform DescribeTransformJob ${sageMaker.jobs[0].name}`,
    ]);
  });

  it('starts a new job for a new version of the object, and uses the ETag without versioning', async () => {
    const handler = submitter();
    await handler(objectCreated('inference/batch/input/day-1.jsonl'));
    await handler(objectCreated('inference/batch/input/day-1.jsonl', { 'version-id': 'v2' }));
    await handler(objectCreated('inference/batch/input/day-1.jsonl', { 'version-id': undefined }));
    await handler(objectCreated('inference/batch/input/day-1.jsonl', { 'version-id': undefined }));
    expect(new Set(sageMaker.jobs.map((job) => job.name)).size).toBe(3);
    // An object directly under the input folder belongs to the "default" dataset.
    expect(sageMaker.jobs[0].request).toMatchObject({
      TransformOutput: {
        S3OutputPath: expect.stringContaining('/inference/batch/output/default/job='),
      },
    });
  });

  it('ignores folder markers and empty objects', async () => {
    const handler = submitter();
    await expect(handler(objectCreated('inference/batch/input/'))).resolves.toEqual({
      status: 'Ignored',
      reason: expect.any(String),
    });
    await expect(
      handler(objectCreated('inference/batch/input/a.jsonl', { size: 0 })),
    ).resolves.toMatchObject({ status: 'Ignored' });
    expect(aws.calls).toEqual([]);
  });

  it('fails when an event names another bucket or a key outside the input folder, naming source, field, value and fix', async () => {
    const handler = submitter();
    const other = objectCreated('inference/batch/input/a.jsonl');
    other.detail.bucket.name = 'someone-elses-bucket';
    await expect(handler(other)).rejects.toThrow(
      'S3 Object Created event: detail.bucket.name is "someone-elses-bucket"; only the project bucket genai-dev-fraud-detection-ml-111111111111 starts jobs; fix the rule\'s event pattern',
    );
    await expect(handler(objectCreated('data/raw/a.jsonl'))).rejects.toThrow(
      'S3 Object Created event: detail.object.key is "data/raw/a.jsonl"; only objects under inference/batch/input/ start jobs',
    );
    await expect(handler({ source: 'aws.ec2' })).rejects.toThrow(
      'event: source is "aws.ec2"; invoke with an S3 Object Created event',
    );
    expect(aws.calls).toEqual([]);
  });

  it('starts one job per scheduled run, however often Scheduler retries it', async () => {
    const handler = submitter();
    const run = {
      trigger: 'schedule',
      inputPrefix: 'inference/batch/input/nightly/',
      scheduledTime: '2026-12-02T02:00:00Z',
    };
    await handler(run);
    await handler(run);
    await handler({ ...run, scheduledTime: '2026-12-03T02:00:00Z' });
    expect(sageMaker.jobs).toHaveLength(2);
    expect(sageMaker.jobs[0].request).toMatchObject({
      TransformInput: {
        DataSource: { S3DataSource: { S3Uri: `s3://${BUCKET}/inference/batch/input/nightly/` } },
      },
      Tags: expect.arrayContaining([{ Key: 'trigger', Value: 'schedule' }]),
    });
    await expect(handler({ ...run, scheduledTime: 'tonight' })).rejects.toThrow(
      'scheduled run: scheduledTime is "tonight"',
    );
  });

  it('answers POST /batch with the job name; the same runId finds the same job', async () => {
    const handler = submitter();
    const body = { inputPrefix: 'inference/batch/input/reviews/', runId: '2026-12-02' };
    const first = answer(await handler(post(body, 'req-1')));
    const again = answer(await handler(post(body, 'req-2')));
    expect(first).toEqual({
      status: 202,
      body: expect.objectContaining({ jobName: sageMaker.jobs[0].name, status: 'Submitted' }),
    });
    expect(again).toEqual({
      status: 200,
      body: expect.objectContaining({
        jobName: sageMaker.jobs[0].name,
        status: 'AlreadySubmitted',
      }),
    });
    // Without a runId every request is a new run.
    await handler(post({ inputPrefix: 'inference/batch/input/reviews/' }, 'req-3'));
    await handler(post({ inputPrefix: 'inference/batch/input/reviews/' }, 'req-4'));
    expect(sageMaker.jobs).toHaveLength(3);
  });

  it('answers 400 naming the field, value and fix when the request reads outside the input folder', async () => {
    const handler = submitter();
    for (const [body, text] of [
      [
        { inputPrefix: 'data/raw/' },
        'POST /batch: inputPrefix is "data/raw/"; name a folder under inference/batch/input/',
      ],
      [
        { inputPrefix: 'inference/batch/input/../../data/' },
        'inputPrefix is "inference/batch/input/../../data/"',
      ],
      [{ inputPrefix: 'inference/batch/input/a', extra: 1 }, 'POST /batch: extra is 1; remove it'],
      [{ inputPrefix: 'inference/batch/input/', runId: 'a b' }, 'POST /batch: runId is "a b"'],
      ['not json', 'POST /batch: body is "(not JSON)"'],
    ] as const) {
      const result = answer(await handler(post(body)));
      expect(result).toEqual({
        status: 400,
        body: { error: { code: 'InvalidRequest', message: expect.stringContaining(text) } },
      });
    }
    expect(aws.calls).toEqual([]);
  });

  it('answers 503 before a first release, and a denied role with 500', async () => {
    const noModel: BatchSubmitterSetting = { ...SETTING, modelName: undefined };
    const body = { inputPrefix: 'inference/batch/input/reviews/' };
    expect(answer(await submitter(noModel)(post(body)))).toMatchObject({
      status: 503,
      body: { error: { code: 'NoRelease' } },
    });
    await expect(
      submitter(noModel)(objectCreated('inference/batch/input/a.jsonl')),
    ).rejects.toThrow('no model is released for inference-batch');
    expect(answer(await submitter(SETTING, 'AKIAOTHERROLE0000000')(post(body)))).toMatchObject({
      status: 500,
      body: { error: { code: 'SubmitFailed', message: expect.stringContaining('AccessDenied') } },
    });
    // Logs carry names and codes, never the request body.
    expect(logs.join('\n')).not.toContain('inference/batch/input/reviews/');
  });

  it('retries a throttled submission with the SDK standard retry', async () => {
    aws.failNext({
      service: 'sagemaker-transform',
      action: 'CreateTransformJob',
      code: 'ThrottlingException',
      status: 400,
      times: 2,
    });
    const result = await submitter()(objectCreated('inference/batch/input/a.jsonl'));
    expect(result).toMatchObject({ status: 'Submitted' });
    expect(sageMaker.jobs).toHaveLength(1);
  });
});

describe('batch submitter setting', () => {
  it('round-trips through the environment', () => {
    const environment = batchSubmitterEnvironment(SETTING);
    expect(parseSubmitterSetting(environment.BATCH_SUBMITTER)).toEqual(SETTING);
  });

  it('fails when a job name prefix leaves no room for the hash, or a field is missing', () => {
    expect(() =>
      batchSubmitterEnvironment({
        ...SETTING,
        jobNamePrefix: 'a'.repeat(JOB_NAME_PREFIX_LIMIT + 1),
      }),
    ).toThrow(/jobNamePrefix is "a{47}"; expected letters, digits and single hyphens, at most 46/);
    expect(() => parseSubmitterSetting('{"bucket":"x"}')).toThrow(
      /BATCH_SUBMITTER is not a valid setting:\n {2}bucket is "x"; expected an S3 bucket name/,
    );
    expect(() => parseSubmitterSetting(undefined)).toThrow('BATCH_SUBMITTER is not JSON');
  });
});
