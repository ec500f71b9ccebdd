export * from './container-repository';
export * from './downstream';
export * from './model-package-group';
export * from './perms';
