export * from './blueprint-app/generator';
export * from './construct-package/generator';
export * from './function/generator';
