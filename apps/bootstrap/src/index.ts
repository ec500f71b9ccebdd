import type { PlatformApp } from '@genai-sandbox/core';
import { BOOTSTRAP_APP, BootstrapStack } from './bootstrap-stack';

export * from './bootstrap-stack';

/** Discovered by the platform CLI; one stack per environment and one in the shared-services account, applied by an administrator. */
export const platformApp: PlatformApp = {
  name: BOOTSTRAP_APP,
  scope: 'every-account',
  createStack: (scope, context) => new BootstrapStack(scope, context),
};
