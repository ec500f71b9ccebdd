export * from './iam/catalog';
export * from './iam/policy-document';
export * from './model/references';
export * from './model/stack-model';
export * from './packs';
export * from './run';
export * from './types';
