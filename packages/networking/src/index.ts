export * from './flow-logs';
export * from './vpc';
export * from './vpc-endpoints';
