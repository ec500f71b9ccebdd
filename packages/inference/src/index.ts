export * from './blue-green-deployment';
export * from './endpoint-config-name-prefix';
export * from './inference-api';
export * from './inference-execution-role';
export * from './inference-model';
export * from './inference-router';
export * from './release';
export * from './transform-job-name-prefix';
