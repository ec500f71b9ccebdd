export * from './github-oidc-provider';
export * from './github-oidc-role';
export * from './managed-policy';
export * from './permissions-boundary';
export * from './platform-key';
