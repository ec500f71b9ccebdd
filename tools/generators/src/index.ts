export * from './function/generator';
