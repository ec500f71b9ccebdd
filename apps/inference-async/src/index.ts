import type { PlatformApp } from '@genai-sandbox/core';
import { INFERENCE_ASYNC_APP, InferenceAsyncStack } from './inference-async-stack';

export * from './inference-async-stack';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: INFERENCE_ASYNC_APP,
  scope: 'project',
  createStack: (scope, context) => new InferenceAsyncStack(scope, context),
};
