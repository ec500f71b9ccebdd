export * from './ci-permissions';
export * from './github-oidc-provider';
export * from './github-oidc-role';
export * from './managed-policy';
export * from './permissions-boundary';
export * from './platform-key';
export {
  BASE_EXECUTION_SIDS,
  type BaseExecutionOptions,
  SERVICE_LOG_GROUP_PREFIXES,
} from './base-execution';
export * from './chained-role';
export * from './event-target-role';
export * from './external-role';
export * from './grantable';
export * from './key-grants';
export * from './perms';
export { type IPlatformKey, PLATFORM_KEY_PURPOSE } from './platform-key-reference';
export * from './platform-role';
export * from './project-member-grants';
export * from './service-role';
export * from './sagemaker-job-roles';
export * from './vpc-network-interfaces';
