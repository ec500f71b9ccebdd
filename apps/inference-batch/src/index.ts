import type { PlatformApp } from '@genai-sandbox/core';
import { INFERENCE_BATCH_APP, InferenceBatchStack } from './inference-batch-stack';

export * from './inference-batch-stack';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: INFERENCE_BATCH_APP,
  scope: 'project',
  createStack: (scope, context) => new InferenceBatchStack(scope, context),
};
