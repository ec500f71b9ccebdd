import { decodeSetting, encodeSetting } from '../shared/environment-setting';

/**
 * The async submitter's typed setting: the endpoint it queues requests on and where it stores
 * them. Stacks encode it into one environment variable (`asyncSubmitterEnvironment`); the handler
 * decodes it at cold start (`parseAsyncSubmitterSetting`). Both run the same checks, so a bad
 * setting fails the synth, not a request.
 */
export interface AsyncSubmitterSetting {
  /** The asynchronous endpoint of this account and region. */
  readonly endpointName: string;
  /** The project bucket that holds the requests. */
  readonly bucket: string;
  /** Where requests go, `inference/async/input/`: the endpoint's role may read only there. */
  readonly inputPrefix: string;
  /** The bucket's account: S3 refuses the call when the bucket belongs to another one. */
  readonly bucketOwner: string;
  /** The platform key (alias ARN) the stored requests are encrypted with. */
  readonly kmsKeyId: string;
  /** Largest request body, in bytes. @default 5 MiB (under Lambda's 6 MB payload limit) */
  readonly maxBodyBytes?: number;
}

export const ASYNC_SUBMITTER_ENVIRONMENT_VARIABLE = 'ASYNC_SUBMITTER_SETTING';
export const MAX_ASYNC_BODY_BYTES = 5 * 1024 * 1024;

const NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

function problemsOf(setting: Partial<AsyncSubmitterSetting>): string[] {
  const problems: string[] = [];
  const check = (ok: boolean, field: string, value: unknown, fix: string) => {
    if (!ok) problems.push(`${field} (received ${JSON.stringify(value)}): ${fix}`);
  };
  check(
    typeof setting.endpointName === 'string' && NAME.test(setting.endpointName),
    'endpointName',
    setting.endpointName,
    'expected a SageMaker endpoint name (letters, digits, hyphens; up to 63)',
  );
  check(
    typeof setting.bucket === 'string' && BUCKET.test(setting.bucket),
    'bucket',
    setting.bucket,
    'expected an S3 bucket name',
  );
  check(
    typeof setting.inputPrefix === 'string' && /^[\w.-]+(\/[\w.-]+)*\/$/.test(setting.inputPrefix),
    'inputPrefix',
    setting.inputPrefix,
    'expected a key prefix ending in "/", such as "inference/async/input/"',
  );
  check(
    typeof setting.bucketOwner === 'string' && /^\d{12}$/.test(setting.bucketOwner),
    'bucketOwner',
    setting.bucketOwner,
    'expected a 12-digit account ID',
  );
  check(
    typeof setting.kmsKeyId === 'string' && setting.kmsKeyId.startsWith('arn:aws:kms:'),
    'kmsKeyId',
    setting.kmsKeyId,
    'expected a KMS key or alias ARN',
  );
  const max = setting.maxBodyBytes;
  check(
    max === undefined || (Number.isInteger(max) && max >= 1 && max <= 6_000_000),
    'maxBodyBytes',
    max,
    'expected 1 to 6000000 bytes (Lambda payload limit)',
  );
  return problems;
}

/** The environment of the function, after the checks of the handler's parser. */
export function asyncSubmitterEnvironment(setting: AsyncSubmitterSetting): Record<string, string> {
  return encodeSetting(ASYNC_SUBMITTER_ENVIRONMENT_VARIABLE, setting, (value) =>
    problemsOf((value ?? {}) as Partial<AsyncSubmitterSetting>),
  );
}

/** Decodes the environment variable the stack set; throws with every problem at once. */
export function parseAsyncSubmitterSetting(text: string | undefined): AsyncSubmitterSetting {
  return decodeSetting<AsyncSubmitterSetting>(
    ASYNC_SUBMITTER_ENVIRONMENT_VARIABLE,
    text,
    (setting) => problemsOf((setting ?? {}) as Partial<AsyncSubmitterSetting>),
  );
}
