export * from './deterministic-zip';
export * from './function-bundle';
export * from './function-code';
