export * from './boundary-protections';
export * from './deploy-permissions';
export * from './permission-scope';
export * from './read-only-permissions';
export * from './read-scopes';
export * from './state-permissions';
