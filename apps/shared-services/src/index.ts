import type { PlatformApp } from '@genai-sandbox/core';
import { SHARED_SERVICES_APP, SharedServicesStack } from './shared-services-stack';

export * from './orchestration';
export * from './shared-services-stack';

/** Discovered by the platform CLI; one stack, in the shared-services account. */
export const platformApp: PlatformApp = {
  name: SHARED_SERVICES_APP,
  scope: 'shared-services',
  createStack: (scope, context) => new SharedServicesStack(scope, context),
};
