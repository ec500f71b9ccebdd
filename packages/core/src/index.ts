export * from './naming';
export * from './outputs';
export * from './platform-app';
export * from './platform-stack';
export * from './policy-document';
export * from './policy-suppression';
export * from './token-stack-traces';
