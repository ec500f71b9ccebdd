// `npm run test:unit` (and the first half of `npm test`): the unit tier of every project in one
// Jest run, so there is one summary for the whole repo. Each project keeps its own jest.config.js
// for `nx test <project>` and `nx affected -t test`. The tiers are described in jest.tiers.js.
const { UNIT } = require('./jest.tiers.js');

/** @type {import('jest').Config} */
module.exports = {
  // A global option: the projects' own testTimeout applies only when a project runs alone (Nx).
  testTimeout: UNIT.testTimeout,
  projects: [
    '<rootDir>/packages/*/jest.config.js',
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/tools/*/jest.config.js',
  ],
  reporters: ['default', ['<rootDir>/tools/jest-summary-reporter.cjs', { budgets: 'unit' }]],
};
