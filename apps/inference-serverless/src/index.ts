import type { PlatformApp } from '@genai-sandbox/core';
import { INFERENCE_SERVERLESS_APP, InferenceServerlessStack } from './inference-serverless-stack';

export * from './inference-serverless-stack';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: INFERENCE_SERVERLESS_APP,
  scope: 'project',
  createStack: (scope, context) => new InferenceServerlessStack(scope, context),
};
