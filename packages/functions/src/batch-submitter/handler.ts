import {
  CreateTransformJobCommand,
  DescribeTransformJobCommand,
  SageMakerClient,
} from '@aws-sdk/client-sagemaker';
import {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  errorResult,
  jsonResult,
} from '../shared/api-gateway';
import { jsonLogger, type Logger } from '../shared/log';
import {
  apiSubmission,
  objectSubmission,
  scheduledSubmission,
  type Submission,
  SubmissionError,
} from './submission';
import {
  BATCH_SUBMITTER_ENVIRONMENT_VARIABLE,
  type BatchSubmitterSetting,
  parseSubmitterSetting,
} from './submitter-setting';
import { outputUri, transformJobName, transformJobRequest } from './transform-job';

export interface BatchSubmitterDependencies {
  readonly setting: BatchSubmitterSetting;
  readonly sageMaker: SageMakerClient;
  readonly log?: Logger;
}

/** What a submission led to: a new job, or the job an earlier delivery of the same input started. */
export interface SubmitResult {
  readonly jobName: string;
  readonly status: 'Submitted' | 'AlreadySubmitted';
  /** The job's status when it existed already. */
  readonly jobStatus?: string;
  readonly output: string;
}

/** Returned for an event that is no input (a folder marker, an empty object). */
export interface IgnoredResult {
  readonly status: 'Ignored';
  readonly reason: string;
}

/** The stack deployed no model yet: nothing can run until the first release. */
export class NoReleaseError extends Error {
  constructor() {
    super(
      'no model is released for inference-batch of this project: platform promote writes environments/releases/<env>.json, then deploy the inference-batch stack',
    );
    this.name = 'NoReleaseError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isApiRequest = (event: Record<string, unknown>) =>
  'httpMethod' in event || ('requestContext' in event && 'body' in event);

/** Client settings: the SDK's standard retry (throttling included) and three attempts. */
export const submitterClientConfig = { maxAttempts: 3, retryMode: 'standard' as const };

/**
 * The handler, given its setting and client. It takes three kinds of input: an S3 "Object
 * Created" event (EventBridge), a scheduled run (EventBridge Scheduler), and `POST /batch` (API
 * Gateway). Each becomes one CreateTransformJob whose name derives from the input, so a retried
 * event or request finds the job it started ("already exists" is success) instead of starting a
 * second one. Events it refuses throw (the asynchronous invocation then retries and ends in the
 * function's dead-letter queue); API requests get an answer.
 */
export function createBatchSubmitter(dependencies: BatchSubmitterDependencies) {
  const { setting, sageMaker } = dependencies;
  const log = dependencies.log ?? jsonLogger;

  async function submit(submission: Submission): Promise<SubmitResult> {
    if (!setting.modelName) throw new NoReleaseError();
    const request = transformJobRequest(setting, submission, setting.modelName);
    const jobName = transformJobName(setting, submission);
    const output = outputUri(setting, submission, jobName);
    try {
      await sageMaker.send(new CreateTransformJobCommand(request));
      log('info', 'job-submitted', { jobName, trigger: submission.trigger });
      return { jobName, status: 'Submitted', output };
    } catch (error) {
      if ((error as Error).name !== 'ResourceInUse') throw error;
      // The same input again: a retried event or request. Its job exists; report it.
      const existing = await sageMaker.send(
        new DescribeTransformJobCommand({ TransformJobName: jobName }),
      );
      const jobStatus = existing.TransformJobStatus;
      log('info', 'job-exists', { jobName, trigger: submission.trigger, jobStatus });
      return { jobName, status: 'AlreadySubmitted', jobStatus, output };
    }
  }

  async function fromApi(event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> {
    const requestId = event.requestContext?.requestId;
    try {
      const result = await submit(apiSubmission(setting, event));
      return jsonResult(result.status === 'Submitted' ? 202 : 200, result);
    } catch (error) {
      if (error instanceof SubmissionError) {
        log('warn', 'request-refused', { requestId, status: 400, field: error.field });
        return errorResult(400, 'InvalidRequest', error.message);
      }
      if (error instanceof NoReleaseError) {
        log('warn', 'request-refused', { requestId, status: 503 });
        return errorResult(503, 'NoRelease', error.message);
      }
      const name = (error as Error).name;
      const throttled = name === 'ThrottlingException';
      log('error', 'submit-failed', { requestId, errorName: name });
      return errorResult(
        throttled ? 429 : 500,
        throttled ? 'Throttled' : 'SubmitFailed',
        throttled
          ? 'SageMaker is throttling job submissions; retry with the same runId'
          : `SageMaker refused the job (${name}); the function's logs name the job`,
        { headers: throttled ? { 'retry-after': '5' } : {} },
      );
    }
  }

  return async (event: unknown): Promise<ApiGatewayProxyResult | SubmitResult | IgnoredResult> => {
    if (!isObject(event))
      throw new SubmissionError(
        'event',
        '(the event)',
        event,
        'invoke with an S3 Object Created event, a scheduled run or an API Gateway request',
      );
    if (isApiRequest(event)) return fromApi(event as ApiGatewayProxyEvent);
    if (event.source === 'aws.s3' && event['detail-type'] === 'Object Created') {
      const submission = objectSubmission(setting, event);
      if (!submission) {
        log('info', 'event-ignored', { reason: 'folder marker or empty object' });
        return { status: 'Ignored', reason: 'a folder marker or an empty object is no input' };
      }
      return submit(submission);
    }
    if (event.trigger === 'schedule') return submit(scheduledSubmission(setting, event));
    throw new SubmissionError(
      'event',
      'source',
      event.source ?? event.trigger,
      'invoke with an S3 Object Created event (source aws.s3), a scheduled run (trigger "schedule") or an API Gateway request',
    );
  };
}

let deployed: ReturnType<typeof createBatchSubmitter> | undefined;

/** Lambda's entry point: the setting and client are built at the first event of a container. */
export async function handler(event: unknown) {
  deployed ??= createBatchSubmitter({
    setting: parseSubmitterSetting(process.env[BATCH_SUBMITTER_ENVIRONMENT_VARIABLE]),
    sageMaker: new SageMakerClient(submitterClientConfig),
  });
  return deployed(event);
}
