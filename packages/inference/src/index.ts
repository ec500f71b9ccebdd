export * from './data-quality-monitor';
export * from './endpoint-config-name-prefix';
export * from './inference-api';
export * from './inference-execution-role';
export * from './inference-model';
export * from './inference-router';
export * from './release';
