// Shared Jest settings: SWC strips types (type-checking is the separate `typecheck` target),
// and the custom export condition makes workspace packages resolve to their TypeScript source.
// This is the unit tier: every test file but the integration ones (see jest.tiers.js).
const { UNIT } = require('./jest.tiers.js');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  setupFiles: [require.resolve('./tools/jest-setup.cjs')],
  testEnvironmentOptions: {
    customExportConditions: ['@genai-sandbox/source', 'node', 'require', 'default'],
  },
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
        module: { type: 'commonjs' },
      },
    ],
  },
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: UNIT.testPathIgnorePatterns,
  testTimeout: UNIT.testTimeout,
};
