import { PlatformFunction } from '@genai-sandbox/compute';
import { ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { asyncSubmitterEnvironment, functionSource } from '@genai-sandbox/functions';
import { LambdaAlarms } from '@genai-sandbox/observability';
import type { IKey, IPlatformKey } from '@genai-sandbox/security';
import type { IMlBucket } from '@genai-sandbox/storage';
import { Construct } from 'constructs';

export interface AsyncSubmitterProps {
  /** The asynchronous endpoint (known by name before it exists). */
  readonly endpointName: string;
  readonly bucket: IMlBucket;
  /** The platform key by ARN (Lambda's kms_key_arn and the function's key statement). */
  readonly encryptionKey: IKey;
  /** The platform key by alias: the stored requests' SSE-KMS key. */
  readonly platformKey: IPlatformKey;
}

export const SUBMITTER_SIDS = {
  storeRequests: 'StoreRequestsUnderAsyncInput',
  queueRequests: 'QueueOnTheAsyncEndpoint',
} as const;

/**
 * The function behind `POST /async`: `async-submitter` of the functions package, whose role may
 * add objects under `inference/async/input/` (nothing else of the bucket, and no reading) and call
 * InvokeEndpointAsync on this endpoint only. The platform key use comes with PlatformFunction's
 * role (kms:GenerateDataKey on the key), which S3 needs for SSE-KMS uploads.
 */
export class AsyncSubmitter extends Construct {
  readonly function: PlatformFunction;
  readonly alarms: LambdaAlarms;

  constructor(scope: Construct, id: string, props: AsyncSubmitterProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const inputPrefix = ML_BUCKET_LAYOUT.inference.asyncInput;
    this.function = new PlatformFunction(this, 'Function', {
      purpose: 'async-submitter',
      description: `Stores POST /async requests under ${inputPrefix} and queues them on ${props.endpointName}`,
      source: functionSource('async-submitter'),
      encryptionKey: props.encryptionKey,
      environment: asyncSubmitterEnvironment({
        endpointName: props.endpointName,
        bucket: props.bucket.bucketName,
        inputPrefix,
        bucketOwner: stack.accountId,
        kmsKeyId: props.platformKey.aliasArn,
      }),
      // API Gateway waits 29 s; the clients' attempts (8 s each) end first.
      timeoutSeconds: 29,
    });
    this.function.addToRolePolicy({
      Sid: SUBMITTER_SIDS.storeRequests,
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `${props.bucket.bucketArn}/${inputPrefix}*`,
    });
    this.function.addToRolePolicy({
      Sid: SUBMITTER_SIDS.queueRequests,
      Effect: 'Allow',
      Action: ['sagemaker:InvokeEndpointAsync'],
      Resource: `arn:aws:sagemaker:${stack.region}:${stack.accountId}:endpoint/${props.endpointName}`,
    });
    this.alarms = new LambdaAlarms(this, 'Alarms', { functionName: this.function.functionName });
  }
}
