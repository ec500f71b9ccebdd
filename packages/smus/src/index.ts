export * from './datazone-role';
export * from './datazone-template';
export * from './domain-share';
export * from './project-profiles';
export * from './smus-domain';
