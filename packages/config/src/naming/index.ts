export * from './layout';
export * from './namer';
export * from './platform-names';
export * from './rules';
