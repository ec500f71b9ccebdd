export * from './github-oidc-role';
export * from './permissions-boundary';
export * from './platform-key';
