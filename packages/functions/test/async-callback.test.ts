import { S3Client } from '@aws-sdk/client-s3';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  asyncInferenceNotification,
  AwsTestServer,
  S3ObjectService,
  SecretsManagerService,
  snsLambdaEvent,
  WebhookSink,
} from '@genai-sandbox/aws-test-server';
import { asyncCallbackEnvironment, parseAsyncCallbackSetting } from '../src';
import type { AsyncCallbackSetting } from '../src/async-callback/callback-setting';
import { createAsyncCallback } from '../src/async-callback/handler';
import { SigningSecret } from '../src/async-callback/signing-secret';
import {
  DeliveryError,
  SIGNATURE_HEADER,
  signDelivery,
  TIMESTAMP_HEADER,
} from '../src/async-callback/webhook-delivery';

/**
 * The callback with the real S3 and Secrets Manager clients against the local server, SNS events
 * in the shape Lambda receives them carrying SageMaker's notifications, and a local webhook that
 * records deliveries and fails on demand.
 */

const CALLBACK_KEY = 'AKIATESTASYNCCALLBK0';
const ACCOUNT = '111111111111';
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const ENDPOINT = 'genai-dev-fraud-detection-async';
const SUCCESS_TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:genai-dev-fraud-detection-async-success`;
const ERROR_TOPIC = `arn:aws:sns:eu-west-1:${ACCOUNT}:genai-dev-fraud-detection-async-error`;
const SIGNING_SECRET = 's3cr3t-s3cr3t-s3cr3t-s3cr3t-s3cr3t';
const ID = '00000000-0000-4000-8000-000000000001';

const s3 = new S3ObjectService(ACCOUNT, {
  writers: {},
  readers: {
    [`${BUCKET}/inference/async/output/`]: [CALLBACK_KEY],
    [`${BUCKET}/inference/async/failures/`]: [CALLBACK_KEY],
  },
});
const secrets = new SecretsManagerService();
const aws = new AwsTestServer([s3, secrets]);
const webhook = new WebhookSink();
let secretArn = '';

let logs: string[] = [];
function callback(overrides: Partial<AsyncCallbackSetting> = {}) {
  const config = {
    endpoint: aws.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId: CALLBACK_KEY, secretAccessKey: 'secret' },
  };
  const setting: AsyncCallbackSetting = {
    webhookUrl: webhook.url,
    secretArn,
    bucket: BUCKET,
    bucketOwner: ACCOUNT,
    resultPrefixes: ['inference/async/output/', 'inference/async/failures/'],
    timeoutMs: 2_000,
    ...overrides,
  };
  return createAsyncCallback({
    setting,
    s3: new S3Client({ ...config, forcePathStyle: true }),
    secret: new SigningSecret(new SecretsManagerClient(config), secretArn),
    backoffMs: 1,
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });
}
const completed = (outputLocation = `s3://${BUCKET}/inference/async/output/${ID}.out`) =>
  snsLambdaEvent(SUCCESS_TOPIC, [
    asyncInferenceNotification({
      endpointName: ENDPOINT,
      inferenceId: ID,
      inputLocation: `s3://${BUCKET}/inference/async/input/${ID}.json`,
      status: 'Completed',
      outputLocation,
    }),
  ]);

beforeAll(async () => {
  await aws.start();
  await webhook.start();
  secretArn = secrets.putSecret('genai-dev-fraud-detection/async-webhook', SIGNING_SECRET, [
    CALLBACK_KEY,
  ]);
  s3.putObject(`${BUCKET}/inference/async/output/${ID}.out`, '{"score":0.93}');
  s3.putObject(`${BUCKET}/inference/async/failures/${ID}-error.out`, '{"error":"bad input"}');
});
afterAll(async () => {
  await aws.stop();
  await webhook.stop();
});
beforeEach(() => {
  aws.resetCalls();
  webhook.reset();
  logs = [];
});

describe('async-callback', () => {
  it('delivers a completed result, read from inference/async/output/, signed with the secret', async () => {
    await expect(callback()(completed())).resolves.toEqual({ delivered: 1 });
    expect(webhook.deliveries).toHaveLength(1);
    const [delivery] = webhook.deliveries;
    expect(JSON.parse(delivery.body)).toEqual({
      inferenceId: ID,
      endpointName: ENDPOINT,
      status: 'Completed',
      outputLocation: `s3://${BUCKET}/inference/async/output/${ID}.out`,
      result: '{"score":0.93}',
      resultTruncated: false,
    });
    const timestamp = String(delivery.headers[TIMESTAMP_HEADER]);
    expect(delivery.headers[SIGNATURE_HEADER]).toBe(
      signDelivery(SIGNING_SECRET, timestamp, delivery.body),
    );
    expect(logs.join('\n')).not.toContain('0.93');
    expect(logs.join('\n')).not.toContain(SIGNING_SECRET);
  });

  it('delivers a failure from the error topic with the reason and the model answer from inference/async/failures/', async () => {
    const event = snsLambdaEvent(ERROR_TOPIC, [
      asyncInferenceNotification({
        endpointName: ENDPOINT,
        inferenceId: ID,
        inputLocation: `s3://${BUCKET}/inference/async/input/${ID}.json`,
        status: 'Failed',
        failureReason: 'ClientError: Received server error (500) from model.',
        failureLocation: `s3://${BUCKET}/inference/async/failures/${ID}-error.out`,
      }),
    ]);
    await callback()(event);
    expect(JSON.parse(webhook.deliveries[0].body)).toMatchObject({
      status: 'Failed',
      failureReason: 'ClientError: Received server error (500) from model.',
      result: '{"error":"bad input"}',
    });
  });

  it('cuts a long result at the limit and says so', async () => {
    await callback({ maxResultBytes: 5 })(completed());
    expect(JSON.parse(webhook.deliveries[0].body)).toMatchObject({
      result: '{"sco',
      resultTruncated: true,
    });
  });

  it('never reads outside the output and failure prefixes', async () => {
    await callback()(completed(`s3://${BUCKET}/data/raw/secret.csv`));
    expect(aws.trace().filter((call) => call.startsWith('s3'))).toEqual([]);
    expect(JSON.parse(webhook.deliveries[0].body).result).toBeUndefined();
  });

  it('retries a webhook that fails or drops the connection, then delivers', async () => {
    webhook.answerNext(503, 'drop');
    await callback()(completed());
    expect(webhook.deliveries).toHaveLength(3);
    expect(logs.at(-1)).toContain('"attempts":3');
  });

  it('fails the invocation after its attempts, so Lambda retries it and then dead-letters it', async () => {
    webhook.answerNext(500, 502, 503);
    await expect(callback()(completed())).rejects.toThrow(DeliveryError);
    expect(webhook.deliveries).toHaveLength(3);
    expect(logs.at(-1)).toContain('delivery-failed');
  });

  it('does not retry a webhook that refuses the delivery', async () => {
    webhook.answerNext(401);
    await expect(callback()(completed())).rejects.toThrow(/after 1 attempts \(last: 401\)/);
    expect(webhook.deliveries).toHaveLength(1);
  });

  it('delivers nothing unsigned when the secret has no usable value', async () => {
    aws.failNext({ service: 'secretsmanager', code: 'ResourceNotFoundException', status: 400 });
    await expect(callback()(completed())).rejects.toThrow(
      /signing secret unusable \(ResourceNotFoundException\)/,
    );
    expect(webhook.deliveries).toEqual([]);
  });

  it.each([
    [{}, /Records is missing or empty/],
    [{ Records: [{ EventSource: 'aws:sqs' }] }, /Records\[0\]: EventSource is "aws:sqs"/],
    [snsLambdaEvent(SUCCESS_TOPIC, ['{oops']), /Records\[0\]\.Sns\.Message from .*: not JSON/],
    [
      snsLambdaEvent(SUCCESS_TOPIC, ['{"eventSource":"aws:s3"}']),
      /eventSource "aws:s3", invocationStatus undefined, inferenceId missing/,
    ],
  ])('refuses a malformed event with the field and the fix (%#)', async (event, message) => {
    await expect(callback()(event)).rejects.toThrow(message);
    expect(webhook.deliveries).toEqual([]);
  });

  it('checks its setting the same way at synth and at cold start', () => {
    const setting: AsyncCallbackSetting = {
      webhookUrl: 'https://hooks.example.com/inference',
      secretArn: 'arn:aws:secretsmanager:eu-west-1:111111111111:secret:x-AbCdEf',
      bucket: BUCKET,
      bucketOwner: ACCOUNT,
      resultPrefixes: ['inference/async/output/'],
    };
    const environment = asyncCallbackEnvironment(setting);
    expect(parseAsyncCallbackSetting(environment.ASYNC_CALLBACK_SETTING)).toEqual(setting);
    expect(() =>
      asyncCallbackEnvironment({ ...setting, webhookUrl: 'http://hooks.example.com/x' }),
    ).toThrow(
      /webhookUrl \(received "http:\/\/hooks.example.com\/x"\): expected an https:\/\/ URL/,
    );
  });
});
