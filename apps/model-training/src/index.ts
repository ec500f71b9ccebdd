import type { PlatformApp } from '@genai-sandbox/core';
import { MODEL_TRAINING_APP, ModelTrainingStack } from './model-training-stack';

export * from './model-training-stack';
export * from './pipeline-definition';
export * from './sagemaker-pipeline';
export * from './pipeline-schedule';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: MODEL_TRAINING_APP,
  scope: 'project',
  createStack: (scope, context) => new ModelTrainingStack(scope, context),
};
