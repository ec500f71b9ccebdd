import type { ApiGatewayProxyEvent } from '../shared/api-gateway';
import type { BatchSubmitterSetting } from './submitter-setting';

/** What starts a job: an uploaded object, a scheduled run over a folder, or an API request. */
export type SubmissionTrigger = 'object' | 'schedule' | 'api';

/** One job to submit, read from the event that asked for it. */
export interface Submission {
  readonly trigger: SubmissionTrigger;
  /** The object key or folder the job reads (under the input prefix). */
  readonly inputKey: string;
  /** The first folder below the input prefix, or "default": the output folder and Glue table. */
  readonly dataset: string;
  /**
   * What makes this job unique: the same identity always gives the same job name, so a retried
   * event finds its job instead of starting a second one.
   */
  readonly identity: string;
}

/** The input Scheduler sends (the schedule's target input, with Scheduler's context attribute). */
export interface ScheduledSubmission {
  readonly trigger: 'schedule';
  readonly inputPrefix: string;
  /** `<aws.scheduler.scheduled-time>`: the same on every retry of one scheduled run. */
  readonly scheduledTime: string;
}

/** An event or request the submitter refuses: which source, which field, what it held, the fix. */
export class SubmissionError extends Error {
  constructor(
    readonly source: string,
    readonly field: string,
    readonly received: unknown,
    readonly fix: string,
  ) {
    super(`${source}: ${field} is ${JSON.stringify(received)}; ${fix}`);
    this.name = 'SubmissionError';
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const RUN_ID = /^[\w.:-]{1,128}$/;
const ISO_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

/** The first folder below the input prefix, made safe for an S3 folder and a Glue table name. */
export function datasetOf(setting: BatchSubmitterSetting, inputKey: string): string {
  const rest = inputKey.slice(setting.inputPrefix.length);
  const slash = rest.indexOf('/');
  if (slash <= 0) return 'default';
  return (
    rest
      .slice(0, slash)
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, '-')
      .replace(/^-+|-+$/g, '') || 'default'
  );
}

/** A folder the API or a schedule names: under the input prefix, ending with "/", no wildcards. */
function checkFolder(
  setting: BatchSubmitterSetting,
  source: string,
  field: string,
  value: unknown,
): string {
  if (
    typeof value !== 'string' ||
    !value.startsWith(setting.inputPrefix) ||
    !value.endsWith('/') ||
    /[*?]|\/\/|(^|\/)\.\.?\//.test(value)
  )
    throw new SubmissionError(
      source,
      field,
      value,
      `name a folder under ${setting.inputPrefix} ending with "/", such as "${setting.inputPrefix}reviews/"`,
    );
  return value;
}

/**
 * An S3 "Object Created" event from EventBridge. Returns undefined for what is no input: a
 * folder marker (a key ending with "/") or an empty object, which the rule already filters out.
 */
export function objectSubmission(
  setting: BatchSubmitterSetting,
  event: Record<string, unknown>,
): Submission | undefined {
  const source = 'S3 Object Created event';
  const detail = isObject(event.detail) ? event.detail : {};
  const bucket = isObject(detail.bucket) ? detail.bucket.name : undefined;
  const object = isObject(detail.object) ? detail.object : {};
  const key = object.key;
  if (bucket !== setting.bucket)
    throw new SubmissionError(
      source,
      'detail.bucket.name',
      bucket,
      `only the project bucket ${setting.bucket} starts jobs; fix the rule's event pattern`,
    );
  if (typeof key !== 'string' || !key.startsWith(setting.inputPrefix))
    throw new SubmissionError(
      source,
      'detail.object.key',
      key,
      `only objects under ${setting.inputPrefix} start jobs; fix the rule's event pattern`,
    );
  if (key.endsWith('/') || object.size === 0) return undefined;
  const version = object['version-id'];
  const etag = object.etag;
  if (typeof version !== 'string' && typeof etag !== 'string')
    throw new SubmissionError(
      source,
      'detail.object',
      object,
      'an Object Created event carries "version-id" or "etag"; send the event S3 sent',
    );
  return {
    trigger: 'object',
    inputKey: key,
    dataset: datasetOf(setting, key),
    identity:
      typeof version === 'string'
        ? `s3://${bucket}/${key}?versionId=${version}`
        : `s3://${bucket}/${key}#${String(etag)}`,
  };
}

/** The schedule's input: its folder and the scheduled time of the run. */
export function scheduledSubmission(
  setting: BatchSubmitterSetting,
  event: Record<string, unknown>,
): Submission {
  const source = 'scheduled run';
  const inputKey = checkFolder(setting, source, 'inputPrefix', event.inputPrefix);
  const time = event.scheduledTime;
  if (typeof time !== 'string' || !ISO_TIME.test(time))
    throw new SubmissionError(
      source,
      'scheduledTime',
      time,
      'the schedule passes "<aws.scheduler.scheduled-time>"; redeploy the inference-batch stack',
    );
  return {
    trigger: 'schedule',
    inputKey,
    dataset: datasetOf(setting, inputKey),
    identity: `s3://${setting.bucket}/${inputKey}@${time}`,
  };
}

/**
 * `POST /batch` with `{ "inputPrefix": "inference/batch/input/<folder>/", "runId"?: "..." }`.
 * With a runId, the same folder and runId always give the same job, so a client may retry; without
 * one every request starts a new job.
 */
export function apiSubmission(
  setting: BatchSubmitterSetting,
  event: ApiGatewayProxyEvent,
): Submission {
  const source = 'POST /batch';
  let body: unknown;
  try {
    const text = event.isBase64Encoded
      ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
      : event.body;
    body = JSON.parse(text ?? '');
  } catch {
    throw new SubmissionError(source, 'body', '(not JSON)', 'send a JSON object with inputPrefix');
  }
  if (!isObject(body))
    throw new SubmissionError(source, 'body', body, 'send a JSON object with inputPrefix');
  for (const field of Object.keys(body))
    if (field !== 'inputPrefix' && field !== 'runId')
      throw new SubmissionError(
        source,
        field,
        body[field],
        'remove it; the body takes inputPrefix and runId',
      );
  const inputKey = checkFolder(setting, source, 'inputPrefix', body.inputPrefix);
  const runId = body.runId ?? event.requestContext?.requestId;
  if (typeof runId !== 'string' || !RUN_ID.test(runId))
    throw new SubmissionError(
      source,
      'runId',
      body.runId,
      'use up to 128 letters, digits and . _ : - (the same runId makes a retry find its job)',
    );
  return {
    trigger: 'api',
    inputKey,
    dataset: datasetOf(setting, inputKey),
    identity: `s3://${setting.bucket}/${inputKey}@${runId}`,
  };
}
