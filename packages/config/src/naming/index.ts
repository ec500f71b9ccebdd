export * from './layout';
export * from './namer';
export * from './platform-names';
export * from './rules';
export * from './orchestration-names';
