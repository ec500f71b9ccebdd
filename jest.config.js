// `npm test`: every project's suite in one Jest run, so there is one summary for the whole repo.
// Each project keeps its own jest.config.js for `nx test <project>` and `nx affected -t test`.
/** @type {import('jest').Config} */
module.exports = {
  projects: [
    '<rootDir>/packages/*/jest.config.js',
    '<rootDir>/apps/*/jest.config.js',
    '<rootDir>/tools/*/jest.config.js',
  ],
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
};
