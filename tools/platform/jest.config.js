const preset = require('../../jest.preset.js');

// @actions/workflow-parser (GitHub's own workflow parser, used by the workflow tests) and its
// @actions/expressions are ESM-only: their exports name only the "import" condition, and they
// import a JSON file without an import attribute, which Node 20's ESM loader rejects. Jest runs
// CommonJS here, so those two packages are resolved to their dist files and compiled to CommonJS
// by SWC like our own code; every other package in node_modules is still left untransformed.
const ESM_ONLY = '@actions/(?:workflow-parser|expressions)';

/** @type {import('jest').Config} */
module.exports = {
  ...preset,
  displayName: require('./package.json').name,
  // One synthesis of the checked-in platform per run, shared by the files that read all of it.
  globalSetup: '<rootDir>/test/global-setup.ts',
  globalTeardown: '<rootDir>/test/global-teardown.ts',
  transform: {
    ...preset.transform,
    '^.+\\.js$': [
      '@swc/jest',
      { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
  moduleNameMapper: {
    [`^(${ESM_ONLY})$`]: '<rootDir>/../../node_modules/$1/dist/index.js',
    [`^(${ESM_ONLY})/(.+)$`]: '<rootDir>/../../node_modules/$1/dist/$2.js',
  },
};
