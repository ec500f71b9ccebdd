import type { PlatformApp } from '@genai-sandbox/core';
import { INFERENCE_REALTIME_APP, InferenceRealtimeStack } from './inference-realtime-stack';

export * from './inference-realtime-stack';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: INFERENCE_REALTIME_APP,
  scope: 'project',
  createStack: (scope, context) => new InferenceRealtimeStack(scope, context),
};
