import type { PlatformApp } from '@genai-sandbox/core';
import { BOOTSTRAP_APP, BootstrapStack } from './bootstrap-stack';

export * from './bootstrap-stack';
export * from './boundary-protections';
export * from './deploy-permissions';
export * from './permission-scope';
export * from './read-only-permissions';
export * from './read-scopes';
export * from './state-permissions';

/** Discovered by the platform CLI; one stack per environment, applied by an administrator. */
export const platformApp: PlatformApp = {
  name: BOOTSTRAP_APP,
  scope: 'account',
  createStack: (scope, context) => new BootstrapStack(scope, context),
};
