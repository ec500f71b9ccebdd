export * from './actions';
export * from './ci-workflow';
export * from './deploy-workflow';
export * from './generate';
export * from './model';
export * from './promote-workflow';
export * from './render';
export * from './steps';
