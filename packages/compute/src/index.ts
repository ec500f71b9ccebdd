export * from './deterministic-zip';
export * from './function-bundle';
export * from './function-code';
export * from './function-invocation';
export * from './inference-router-grants';
export * from './perms';
export * from './platform-function';
