export * from './datazone-role';
export * from './datazone-template';
export * from './domain-share';
export * from './managed-blueprint-enablement';
export * from './project-profiles';
export * from './smus-domain';
export * from './smus-domain-roles';
