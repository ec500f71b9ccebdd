export * from './permissions-boundary';
export * from './platform-key';
