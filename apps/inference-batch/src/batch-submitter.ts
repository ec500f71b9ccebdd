import { PlatformFunction } from '@genai-sandbox/compute';
import { ML_BUCKET_LAYOUT, type InferenceBatchSettings } from '@genai-sandbox/config';
import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import {
  type BatchSubmitterSetting,
  batchSubmitterEnvironment,
  functionSource,
} from '@genai-sandbox/functions';
import { DeadLetterAlarm, LambdaAlarms } from '@genai-sandbox/observability';
import { addStatements, type IKey, PlatformKey } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { Construct } from 'constructs';

/** What the submitter does with SageMaker: create its jobs, tag them on creation, follow them. */
export const TRANSFORM_JOB_CREATE_ACTIONS = ['sagemaker:CreateTransformJob'] as const;
export const TRANSFORM_JOB_TAG_ACTIONS = ['sagemaker:AddTags'] as const;
export const TRANSFORM_JOB_READ_ACTIONS = ['sagemaker:DescribeTransformJob'] as const;
/** SageMaker creates a grant on the volume key with the caller's credentials. */
export const VOLUME_KEY_GRANT_ACTIONS = ['kms:CreateGrant'] as const;

export const BATCH_SUBMITTER_SIDS = {
  create: 'CreateOwnTransformJobsWithPlatformKey',
  tag: 'TagOwnTransformJobsOnCreation',
  read: 'DescribeOwnTransformJobs',
  key: 'PlatformKeyGrantsForJobVolumes',
} as const;

export interface BatchSubmitterProps {
  /** Every job is `<jobNamePrefix>-<hash>` (transformJobNamePrefix). */
  readonly jobNamePrefix: string;
  /** The released model; without it the function answers that no release exists, and may create no job. */
  readonly modelName?: string;
  readonly settings: InferenceBatchSettings;
  /** The project's ML bucket. */
  readonly bucket: IMlBucket;
  /** The platform key by ARN: the function's environment, logs and dead-letter queue. */
  readonly encryptionKey: IKey;
  /** Tags of every job, for cost allocation by project. */
  readonly tags: Readonly<Record<string, string>>;
}

/**
 * The `batch-submitter` function of one project: it turns an uploaded object, a scheduled run or
 * `POST /batch` into one transform job of the released model (see packages/functions). Its role
 * may create only jobs named with the prefix, of that model, on the configured instance type, with
 * the platform key on volume and output, and may describe only those jobs; alarms watch its
 * errors, throttles and dead-letter queue. The API Gateway integration waits 29 s, so does it.
 */
export class BatchSubmitter extends Construct {
  readonly function: PlatformFunction;
  readonly setting: BatchSubmitterSetting;
  /** What the role was granted beyond PlatformFunction's own statements. */
  readonly statements: readonly PolicyStatement[];
  readonly alarms: LambdaAlarms;
  readonly deadLetterAlarm: DeadLetterAlarm;

  constructor(scope: Construct, id: string, props: BatchSubmitterProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const key = PlatformKey.fromEnvironment(this);
    const { settings } = props;
    this.setting = {
      bucket: props.bucket.bucketName,
      inputPrefix: ML_BUCKET_LAYOUT.inference.batchInput,
      outputPrefix: ML_BUCKET_LAYOUT.inference.batchOutput,
      jobNamePrefix: props.jobNamePrefix,
      modelName: props.modelName,
      kmsKeyId: key.aliasArn,
      tags: props.tags,
      transform: {
        instanceType: settings.instanceType,
        instanceCount: settings.instanceCount,
        batchStrategy: settings.batchStrategy,
        maxPayloadMb: settings.maxPayloadMb,
        maxConcurrentTransforms: settings.maxConcurrentTransforms,
        invocationTimeoutSeconds: settings.invocationTimeoutSeconds,
        invocationMaxRetries: settings.invocationMaxRetries,
        ...settings.data,
      },
    };
    this.function = new PlatformFunction(this, 'Function', {
      purpose: 'batch-submitter',
      description: `Submits batch transform jobs ${props.jobNamePrefix}-* for inference/batch/input/`,
      source: functionSource('batch-submitter'),
      encryptionKey: props.encryptionKey,
      environment: batchSubmitterEnvironment(this.setting),
      timeoutSeconds: 29,
    });

    const sagemaker = `arn:aws:sagemaker:${stack.region}:${stack.accountId}`;
    const jobs = `${sagemaker}:transform-job/${props.jobNamePrefix.toLowerCase()}-*`;
    // Before the first release there is no model: the function may create nothing.
    const create: PolicyStatement[] = props.modelName
      ? [
          {
            Sid: BATCH_SUBMITTER_SIDS.create,
            Effect: 'Allow',
            Action: [...TRANSFORM_JOB_CREATE_ACTIONS],
            Resource: jobs,
            Condition: {
              ArnEquals: {
                'sagemaker:ModelArn': `${sagemaker}:model/${props.modelName.toLowerCase()}`,
                'sagemaker:VolumeKmsKeyArn': key.aliasArn,
                'sagemaker:OutputKmsKeyArn': key.aliasArn,
              },
              // Multi-valued: every instance type of the request must be the configured one,
              // and a request without one does not pass.
              'ForAllValues:StringEquals': { 'sagemaker:InstanceTypes': [settings.instanceType] },
              Null: { 'sagemaker:InstanceTypes': 'false' },
            },
          },
          {
            Sid: BATCH_SUBMITTER_SIDS.tag,
            Effect: 'Allow',
            Action: [...TRANSFORM_JOB_TAG_ACTIONS],
            Resource: jobs,
            Condition: { StringEquals: { 'sagemaker:TaggingAction': 'CreateTransformJob' } },
          },
          key.statementFor({
            sid: BATCH_SUBMITTER_SIDS.key,
            actions: VOLUME_KEY_GRANT_ACTIONS,
            conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
          }),
        ]
      : [];
    this.statements = addStatements(this.function.role, [
      ...create,
      {
        Sid: BATCH_SUBMITTER_SIDS.read,
        Effect: 'Allow',
        Action: [...TRANSFORM_JOB_READ_ACTIONS],
        Resource: jobs,
      },
    ]);
    this.alarms = new LambdaAlarms(this, 'Alarms', { functionName: this.function.functionName });
    this.deadLetterAlarm = new DeadLetterAlarm(this, 'DeadLetterAlarm', {
      queueName: stack.naming.name('sqs-queue', 'batch-submitter', 'dlq'),
    });
  }
}
