import type { PlatformStack } from '@genai-sandbox/core';
import { PermissionsBoundary, PlatformKey, ServiceRole } from '@genai-sandbox/security';

/** The key, the boundary and a SageMaker processing role of one environment. */
export function processingFoundations(stack: PlatformStack) {
  const boundary = new PermissionsBoundary(stack, 'PermissionsBoundary');
  const key = new PlatformKey(stack, 'PlatformKey', {
    purpose: 'platform',
    description: 'S3, SageMaker, Bedrock and CloudWatch Logs data',
    downstreamAccountIds: ['222222222222'], // the next environment reads model artifacts through S3
  });
  const role = new ServiceRole(stack, 'ProcessingRole', {
    purpose: 'preprocessing',
    description: 'SageMaker Processing jobs',
    service: 'sagemaker.amazonaws.com',
    permissionsBoundary: boundary,
  });
  role.grantBaseExecution(); // returns the statements it added
  return { boundary, key, role };
}
