import { decodeSetting, encodeSetting } from '../shared/environment-setting';

/**
 * The batch submitter's typed setting: where input and output live, how jobs are named, and the
 * transform job configuration from the blueprint's settings. Stacks encode it into one
 * environment variable (`batchSubmitterEnvironment`); the handler decodes it at cold start
 * (`parseSubmitterSetting`). Both run the same checks, so a bad setting fails the synth.
 */

export interface BatchTransformSetting {
  readonly instanceType: string;
  readonly instanceCount: number;
  readonly batchStrategy: 'MultiRecord' | 'SingleRecord';
  readonly maxPayloadMb: number;
  readonly maxConcurrentTransforms: number;
  readonly invocationTimeoutSeconds: number;
  readonly invocationMaxRetries: number;
  readonly contentType: string;
  readonly accept: string;
  readonly splitType: 'None' | 'Line' | 'RecordIO' | 'TFRecord';
  readonly assembleWith: 'None' | 'Line';
  readonly inputFilter: string;
  readonly outputFilter: string;
  readonly joinSource: 'None' | 'Input';
}

export interface BatchSubmitterSetting {
  /** The project's ML bucket. */
  readonly bucket: string;
  /** `inference/batch/input/`: the only place jobs read from. */
  readonly inputPrefix: string;
  /** `inference/batch/output/`: results go to `<outputPrefix><dataset>/job=<job name>/`. */
  readonly outputPrefix: string;
  /**
   * Every job is `<jobNamePrefix>-<16 hex digits>`; the role may create only such jobs and the
   * completion rule matches them. At most 46 characters, so names stay within SageMaker's 63.
   */
  readonly jobNamePrefix: string;
  /** The SageMaker model of the release; absent until the first release (requests then get 503). */
  readonly modelName?: string;
  /** The platform key (alias ARN) for the job volumes and the output objects. */
  readonly kmsKeyId: string;
  /** Tags of every job, for cost allocation by project. */
  readonly tags: Readonly<Record<string, string>>;
  readonly transform: BatchTransformSetting;
}

export const BATCH_SUBMITTER_ENVIRONMENT_VARIABLE = 'BATCH_SUBMITTER';
/** SageMaker's limit on a transform job name. */
export const TRANSFORM_JOB_NAME_LIMIT = 63;
/** Hex digits of the hash that makes a job name unique per input. */
export const JOB_NAME_HASH_LENGTH = 16;
export const JOB_NAME_PREFIX_LIMIT = TRANSFORM_JOB_NAME_LIMIT - JOB_NAME_HASH_LENGTH - 1;

const JOB_NAME_PREFIX = /^[a-zA-Z0-9](-*[a-zA-Z0-9])*$/;
const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;
const FOLDER = /^([a-z0-9-]+\/)+$/;
const KMS_KEY = /^arn:aws[a-z-]*:kms:[a-z0-9-]+:\d{12}:(alias|key)\/[\w/-]+$/;
const MODEL_NAME = /^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$/;

/** Every problem of a setting, one message each, naming the field and the value. */
export function submitterSettingProblems(setting: unknown): string[] {
  if (typeof setting !== 'object' || setting === null)
    return [`the setting is ${JSON.stringify(setting)}; expected an object`];
  const value = setting as Partial<BatchSubmitterSetting>;
  const problems: string[] = [];
  const check = (ok: boolean, field: string, received: unknown, expected: string) => {
    if (!ok) problems.push(`${field} is ${JSON.stringify(received)}; expected ${expected}`);
  };
  check(
    typeof value.bucket === 'string' && BUCKET.test(value.bucket),
    'bucket',
    value.bucket,
    'an S3 bucket name',
  );
  for (const field of ['inputPrefix', 'outputPrefix'] as const)
    check(
      typeof value[field] === 'string' && FOLDER.test(value[field]),
      field,
      value[field],
      'a folder of the ML bucket ending with "/"',
    );
  const prefix = value.jobNamePrefix;
  check(
    typeof prefix === 'string' &&
      JOB_NAME_PREFIX.test(prefix) &&
      prefix.length <= JOB_NAME_PREFIX_LIMIT,
    'jobNamePrefix',
    prefix,
    `letters, digits and single hyphens, at most ${JOB_NAME_PREFIX_LIMIT} characters (the job name adds "-" and ${JOB_NAME_HASH_LENGTH} hex digits)`,
  );
  if (value.modelName !== undefined)
    check(
      MODEL_NAME.test(String(value.modelName)),
      'modelName',
      value.modelName,
      'a SageMaker model name',
    );
  check(
    typeof value.kmsKeyId === 'string' && KMS_KEY.test(value.kmsKeyId),
    'kmsKeyId',
    value.kmsKeyId,
    'a KMS key or alias ARN',
  );
  check(
    typeof value.tags === 'object' && value.tags !== null,
    'tags',
    value.tags,
    'an object of tag names to values',
  );
  check(
    typeof value.transform === 'object' && value.transform !== null,
    'transform',
    value.transform,
    'the transform settings of blueprints.inferenceBatch',
  );
  return problems;
}

/** The environment variables that carry a setting; throws on a bad one, listing every problem. */
export function batchSubmitterEnvironment(setting: BatchSubmitterSetting): Record<string, string> {
  return encodeSetting(BATCH_SUBMITTER_ENVIRONMENT_VARIABLE, setting, submitterSettingProblems);
}

/** The setting from its environment variable, checked as at synth. */
export function parseSubmitterSetting(text: string | undefined): BatchSubmitterSetting {
  return decodeSetting<BatchSubmitterSetting>(
    BATCH_SUBMITTER_ENVIRONMENT_VARIABLE,
    text,
    submitterSettingProblems,
  );
}
