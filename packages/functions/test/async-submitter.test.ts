import { S3Client } from '@aws-sdk/client-s3';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import {
  AwsTestServer,
  S3ObjectService,
  SageMakerRuntimeService,
} from '@genai-sandbox/aws-test-server';
import { asyncSubmitterEnvironment, parseAsyncSubmitterSetting } from '../src';
import { createAsyncSubmitter, submitterClientConfig } from '../src/async-submitter/handler';
import type { AsyncSubmitterSetting } from '../src/async-submitter/submitter-setting';
import type { ApiGatewayProxyEvent } from '../src/shared/api-gateway';

/**
 * The submitter with the real S3 and SageMaker Runtime clients against the local server: the
 * request is stored under inference/async/input/ with the platform key, queued with
 * InvokeEndpointAsync under the same inference ID, and answered with 202 at once.
 */

const SUBMITTER_KEY = 'AKIATESTASYNCSUBMIT0';
const OTHER_KEY = 'AKIATESTSOMEONEELSE0';
const ACCOUNT = '111111111111';
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const ENDPOINT = 'genai-dev-fraud-detection-async';
const SETTING: AsyncSubmitterSetting = {
  endpointName: ENDPOINT,
  bucket: BUCKET,
  inputPrefix: 'inference/async/input/',
  bucketOwner: ACCOUNT,
  kmsKeyId: 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
  maxBodyBytes: 1024,
};
const s3 = new S3ObjectService(ACCOUNT, {
  writers: { [`${BUCKET}/inference/async/input/`]: [SUBMITTER_KEY] },
  readers: {},
});
const runtime = new SageMakerRuntimeService([SUBMITTER_KEY]);
const aws = new AwsTestServer([s3, runtime]);

let logs: string[] = [];
function submitter(accessKeyId = SUBMITTER_KEY, setting = SETTING) {
  const config = {
    ...submitterClientConfig(),
    endpoint: aws.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'secret' },
  };
  let next = 0;
  return createAsyncSubmitter({
    setting,
    clients: {
      s3: new S3Client({ ...config, forcePathStyle: true }),
      sageMaker: new SageMakerRuntimeClient(config),
    },
    newInferenceId: () => `00000000-0000-4000-8000-00000000000${(next += 1)}`,
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });
}
const post = (body: unknown, extra: Partial<ApiGatewayProxyEvent> = {}): ApiGatewayProxyEvent => ({
  httpMethod: 'POST',
  path: '/async',
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  requestContext: { requestId: 'req-1' },
  ...extra,
});
const parsed = (result: { body: string }) => JSON.parse(result.body);

beforeAll(async () => {
  await aws.start();
  runtime.addAsyncEndpoint(ENDPOINT, {
    outputPath: `s3://${BUCKET}/inference/async/output/`,
    failurePath: `s3://${BUCKET}/inference/async/failures/`,
  });
});
afterAll(() => aws.stop());
beforeEach(() => {
  aws.resetCalls();
  s3.objects.clear();
  runtime.asyncInvocations.length = 0;
  logs = [];
});

describe('async-submitter', () => {
  it('stores the input under inference/async/input/ with the platform key, queues it, and answers 202 with the inference ID', async () => {
    const result = await submitter()(post({ input: { text: 'classify me' } }));
    expect(result.statusCode).toBe(202);
    const id = '00000000-0000-4000-8000-000000000001';
    expect(parsed(result)).toEqual({
      inferenceId: id,
      outputLocation: `s3://${BUCKET}/inference/async/output/${id}.out`,
      failureLocation: `s3://${BUCKET}/inference/async/failures/${id}-error.out`,
    });
    const stored = s3.objects.get(`${BUCKET}/inference/async/input/${id}.json`);
    expect(stored?.body.toString()).toBe('{"text":"classify me"}');
    expect(stored).toMatchObject({
      contentType: 'application/json',
      sse: 'aws:kms',
      kmsKeyId: SETTING.kmsKeyId,
    });
    expect(runtime.asyncInvocations).toEqual([
      expect.objectContaining({
        endpointName: ENDPOINT,
        inferenceId: id,
        inputLocation: `s3://${BUCKET}/inference/async/input/${id}.json`,
        contentType: 'application/json',
      }),
    ]);
    // Stored first, then queued: the endpoint never reads an object that is not there yet.
    expect(aws.trace()).toEqual([
      `s3 PutObject ${BUCKET}/inference/async/input/${id}.json`,
      `sagemaker-runtime InvokeEndpointAsync ${ENDPOINT}`,
    ]);
    expect(logs.join('\n')).not.toContain('classify me');
  });

  it.each([
    [post({ input: 'text' }), 400, 'InvalidRequest'],
    [post({ input: {}, route: 'x' }), 400, 'InvalidRequest'],
    [post('{not json'), 400, 'MalformedJson'],
    [post({ input: { text: 'x'.repeat(2000) } }), 413, 'PayloadTooLarge'],
    [
      post({ input: {} }, { headers: { 'content-type': 'text/plain' } }),
      415,
      'UnsupportedMediaType',
    ],
    [post({ input: {} }, { httpMethod: 'GET' }), 405, 'MethodNotAllowed'],
    [post(null, { body: null }), 400, 'MissingBody'],
  ])('refuses a bad request before storing anything (%#)', async (event, status, code) => {
    const result = await submitter()(event);
    expect(result.statusCode).toBe(status);
    expect(parsed(result).error.code).toBe(code);
    expect(aws.calls).toEqual([]);
  });

  it('retries a throttled queue call and still answers 202', async () => {
    aws.failNext({ service: 'sagemaker-runtime', code: 'ThrottlingException', status: 429 });
    const result = await submitter()(post({ input: { a: 1 } }));
    expect(result.statusCode).toBe(202);
    expect(aws.trace().filter((call) => call.includes('InvokeEndpointAsync'))).toHaveLength(2);
  });

  it('answers 503 while the endpoint does not exist (no release yet)', async () => {
    const result = await submitter(SUBMITTER_KEY, { ...SETTING, endpointName: 'genai-dev-none' })(
      post({ input: { a: 1 } }),
    );
    expect(result.statusCode).toBe(503);
    expect(parsed(result).error.code).toBe('EndpointUnavailable');
  });

  it('answers 502 without queueing when the request cannot be stored', async () => {
    const result = await submitter(OTHER_KEY)(post({ input: { a: 1 } }));
    expect(result.statusCode).toBe(502);
    expect(parsed(result).error.code).toBe('StorageFailed');
    expect(aws.trace()).toEqual([expect.stringMatching(/^s3 PutObject /)]);
  });

  it('checks its setting the same way at synth and at cold start', () => {
    const environment = asyncSubmitterEnvironment(SETTING);
    expect(parseAsyncSubmitterSetting(environment.ASYNC_SUBMITTER_SETTING)).toEqual(SETTING);
    expect(() =>
      asyncSubmitterEnvironment({
        ...SETTING,
        inputPrefix: 'inference/async/input',
        bucketOwner: '1',
      }),
    ).toThrow(
      /inputPrefix \(received "inference\/async\/input"\): expected a key prefix ending in "\/"[\s\S]*bucketOwner \(received "1"\): expected a 12-digit account ID/,
    );
    expect(() => parseAsyncSubmitterSetting('nope')).toThrow(/ASYNC_SUBMITTER_SETTING is not JSON/);
  });
});
