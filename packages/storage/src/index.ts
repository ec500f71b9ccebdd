export * from './access-log-bucket';
export * from './layout';
export * from './lifecycle-rules';
export * from './ml-bucket';
export * from './ml-bucket-grants';
export * from './perms';
export * from './secure-bucket';
export * from './terraform-state-bucket';
