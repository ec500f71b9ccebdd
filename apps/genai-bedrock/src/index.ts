import type { PlatformApp } from '@genai-sandbox/core';
import { GENAI_BEDROCK_APP, GenaiBedrockStack } from './genai-bedrock-stack';

export * from './genai-bedrock-stack';

/** Discovered by the platform CLI; one stack per project whose profile includes the blueprint. */
export const platformApp: PlatformApp = {
  name: GENAI_BEDROCK_APP,
  scope: 'project',
  createStack: (scope, context) => new GenaiBedrockStack(scope, context),
};
