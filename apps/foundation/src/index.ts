import type { PlatformApp } from '@genai-sandbox/core';
import { FOUNDATION_APP, FoundationStack } from './foundation-stack';

export * from './foundation-stack';
export * from './data-lake-settings';

/** Discovered by the platform CLI; one stack per environment. */
export const platformApp: PlatformApp = {
  name: FOUNDATION_APP,
  scope: 'account',
  createStack: (scope, context) => new FoundationStack(scope, context),
};
