import type { PlatformStack } from '@genai-sandbox/core';
import { ServiceRole } from '@genai-sandbox/security';
import { ML_BUCKET_LAYOUT, MlBucketReference } from '@genai-sandbox/storage';

/** A blueprint's role reads raw data and writes processed data of its project's bucket. */
export function processingAccess(stack: PlatformStack) {
  const role = new ServiceRole(stack, 'ProcessingRole', {
    purpose: 'preprocessing',
    description: 'SageMaker Processing jobs',
    service: 'sagemaker.amazonaws.com',
  });
  const bucket = MlBucketReference.ofProject(stack);
  bucket.grantRead(role, ML_BUCKET_LAYOUT.data.raw); // returns the statements it added
  bucket.grantReadWrite(role, ML_BUCKET_LAYOUT.data.processed);
  return role;
}
