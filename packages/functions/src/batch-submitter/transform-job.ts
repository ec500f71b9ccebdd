import type {
  CreateTransformJobCommandInput,
  TransformInstanceType,
} from '@aws-sdk/client-sagemaker';
import { createHash } from 'node:crypto';
import type { Submission } from './submission';
import { type BatchSubmitterSetting, JOB_NAME_HASH_LENGTH } from './submitter-setting';

/**
 * The job of a submission: `<jobNamePrefix>-<16 hex digits of sha256(identity)>`. Deterministic,
 * so a retried event names the job it already started; at most 63 characters (the prefix is
 * checked to leave room), as SageMaker requires.
 */
export function transformJobName(setting: BatchSubmitterSetting, submission: Submission): string {
  const hash = createHash('sha256').update(submission.identity).digest('hex');
  return `${setting.jobNamePrefix}-${hash.slice(0, JOB_NAME_HASH_LENGTH)}`;
}

/** `s3://<bucket>/<outputPrefix><dataset>/job=<job>/`: one Glue table per dataset, one partition per job. */
export function outputUri(
  setting: BatchSubmitterSetting,
  submission: Submission,
  jobName: string,
): string {
  return `s3://${setting.bucket}/${setting.outputPrefix}${submission.dataset}/job=${jobName}/`;
}

/**
 * CreateTransformJob for a submission: the released model (its VPC and network isolation come
 * with it), the object or folder as an S3 prefix, the output under the dataset's folder, the
 * platform key on the volumes and the output objects, and the typed transform settings.
 */
export function transformJobRequest(
  setting: BatchSubmitterSetting,
  submission: Submission,
  modelName: string,
): CreateTransformJobCommandInput {
  const jobName = transformJobName(setting, submission);
  const transform = setting.transform;
  return {
    TransformJobName: jobName,
    ModelName: modelName,
    BatchStrategy: transform.batchStrategy,
    MaxPayloadInMB: transform.maxPayloadMb,
    MaxConcurrentTransforms: transform.maxConcurrentTransforms,
    ModelClientConfig: {
      InvocationsTimeoutInSeconds: transform.invocationTimeoutSeconds,
      InvocationsMaxRetries: transform.invocationMaxRetries,
    },
    TransformInput: {
      // An object's key is a prefix too: a job for "a.jsonl" also reads "a.jsonl.1" (see README).
      DataSource: {
        S3DataSource: {
          S3DataType: 'S3Prefix',
          S3Uri: `s3://${setting.bucket}/${submission.inputKey}`,
        },
      },
      ContentType: transform.contentType,
      SplitType: transform.splitType,
      CompressionType: 'None',
    },
    TransformOutput: {
      S3OutputPath: outputUri(setting, submission, jobName),
      Accept: transform.accept,
      AssembleWith: transform.assembleWith,
      KmsKeyId: setting.kmsKeyId,
    },
    TransformResources: {
      InstanceType: transform.instanceType as TransformInstanceType,
      InstanceCount: transform.instanceCount,
      VolumeKmsKeyId: setting.kmsKeyId,
    },
    DataProcessing: {
      InputFilter: transform.inputFilter,
      OutputFilter: transform.outputFilter,
      JoinSource: transform.joinSource,
    },
    Tags: [
      ...Object.entries(setting.tags).map(([Key, Value]) => ({ Key, Value })),
      { Key: 'trigger', Value: submission.trigger },
    ],
  };
}
