import type { PlatformApp } from '@genai-sandbox/core';
import { DATA_PREPROCESSING_APP, DataPreprocessingStack } from './data-preprocessing-stack';

export * from './data-preprocessing-stack';
export * from './data-quality';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: DATA_PREPROCESSING_APP,
  scope: 'project',
  createStack: (scope, context) => new DataPreprocessingStack(scope, context),
};
