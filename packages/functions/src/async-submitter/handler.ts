import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import {
  InvokeEndpointAsyncCommand,
  SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { randomUUID } from 'node:crypto';
import {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  errorResult,
  jsonResult,
} from '../shared/api-gateway';
import { jsonLogger, type Logger } from '../shared/log';
import { RequestError } from '../shared/json-request';
import { parseAsyncRequest } from './async-request';
import {
  ASYNC_SUBMITTER_ENVIRONMENT_VARIABLE,
  type AsyncSubmitterSetting,
  parseAsyncSubmitterSetting,
} from './submitter-setting';

export interface AsyncSubmitterDependencies {
  readonly setting: AsyncSubmitterSetting;
  readonly clients: { readonly s3: S3Client; readonly sageMaker: SageMakerRuntimeClient };
  /** @default crypto.randomUUID */
  readonly newInferenceId?: () => string;
  readonly log?: Logger;
}

/**
 * Three attempts with the SDK's standard retry (backoff, throttling included) and short
 * timeouts: storing the request and queueing it must end well within API Gateway's 29 s.
 */
export function submitterClientConfig() {
  return {
    maxAttempts: 3,
    retryMode: 'standard' as const,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 8_000 }),
  };
}

/** How a failed call is answered: throttling is the caller's to retry, the rest is ours. */
function failureOf(error: unknown, step: 'store' | 'queue') {
  const name = error instanceof Error ? error.name : 'UnknownError';
  const status = (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode;
  if (name === 'ThrottlingException' || status === 429 || name === 'SlowDown')
    return { status: 429, code: 'Throttled', message: 'too many requests; retry after a second' };
  if (step === 'queue' && name === 'ValidationError')
    return {
      status: 503,
      code: 'EndpointUnavailable',
      message: 'the asynchronous endpoint does not exist yet (no release deployed) or is updating',
    };
  return {
    status: 502,
    code: step === 'store' ? 'StorageFailed' : 'QueueFailed',
    message:
      step === 'store'
        ? 'the request could not be stored; retry later'
        : 'the request was stored but could not be queued; retry later',
  };
}

/**
 * POST /async: stores `input` as JSON under the input prefix (platform key, expected bucket
 * owner), queues it with InvokeEndpointAsync under a fresh inference ID, and answers 202 at once
 * with the ID and where the result will be. The callback function delivers the result later.
 * Nothing of the payload is logged.
 */
export function createAsyncSubmitter(dependencies: AsyncSubmitterDependencies) {
  const log = dependencies.log ?? jsonLogger;
  const { setting, clients } = dependencies;
  const newInferenceId = dependencies.newInferenceId ?? randomUUID;
  return async (event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> => {
    const started = Date.now();
    const requestId = event?.requestContext?.requestId;
    let payload: string;
    try {
      payload = parseAsyncRequest(event ?? {}, setting.maxBodyBytes);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      log('warn', 'request-refused', { requestId, status: error.statusCode, code: error.code });
      return errorResult(error.statusCode, error.code, error.message, { problems: error.problems });
    }
    const inferenceId = newInferenceId();
    const key = `${setting.inputPrefix}${inferenceId}.json`;
    const fields = { requestId, inferenceId, endpointName: setting.endpointName };
    try {
      await clients.s3.send(
        new PutObjectCommand({
          Bucket: setting.bucket,
          Key: key,
          Body: payload,
          ContentType: 'application/json',
          ServerSideEncryption: 'aws:kms',
          SSEKMSKeyId: setting.kmsKeyId,
          ExpectedBucketOwner: setting.bucketOwner,
        }),
      );
    } catch (error) {
      const failure = failureOf(error, 'store');
      log('error', 'store-failed', {
        ...fields,
        status: failure.status,
        errorName: error instanceof Error ? error.name : 'UnknownError',
      });
      return errorResult(failure.status, failure.code, failure.message);
    }
    try {
      const queued = await clients.sageMaker.send(
        new InvokeEndpointAsyncCommand({
          EndpointName: setting.endpointName,
          InputLocation: `s3://${setting.bucket}/${key}`,
          ContentType: 'application/json',
          InferenceId: inferenceId,
        }),
      );
      log('info', 'request-queued', { ...fields, status: 202, latencyMs: Date.now() - started });
      return jsonResult(202, {
        inferenceId: queued.InferenceId ?? inferenceId,
        outputLocation: queued.OutputLocation,
        failureLocation: queued.FailureLocation,
      });
    } catch (error) {
      const failure = failureOf(error, 'queue');
      log(failure.status === 429 ? 'warn' : 'error', 'queue-failed', {
        ...fields,
        status: failure.status,
        errorName: error instanceof Error ? error.name : 'UnknownError',
      });
      return errorResult(failure.status, failure.code, failure.message, {
        headers: failure.status === 429 ? { 'retry-after': '1' } : {},
      });
    }
  };
}

let deployed: ReturnType<typeof createAsyncSubmitter> | undefined;

/** Lambda's entry point: the setting and clients are built at the first request of a container. */
export async function handler(event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> {
  if (!deployed) {
    const setting = parseAsyncSubmitterSetting(process.env[ASYNC_SUBMITTER_ENVIRONMENT_VARIABLE]);
    const config = submitterClientConfig();
    deployed = createAsyncSubmitter({
      setting,
      clients: { s3: new S3Client(config), sageMaker: new SageMakerRuntimeClient(config) },
    });
  }
  return deployed(event);
}
