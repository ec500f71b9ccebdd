// `npm run test:unit` (and the first half of `npm test`): the unit tier of every project in one
// Jest run, so there is one summary for the whole repo. Most files run in one jest-light-runner
// project that shares loaded modules between files (jest.tiers.js, LIGHT_RUNNER); the few that
// need Jest's own runner (OWN_RUNNER) run in their project's configuration. Each project keeps
// its own jest.config.js, with Jest's own runner, for `nx test <project>` and `nx affected -t test`.
const { join } = require('node:path');
const { UNIT, LIGHT_RUNNER, OWN_RUNNER } = require('./jest.tiers.js');

const nodeOptions = process.env.NODE_OPTIONS ?? '';
const missing = LIGHT_RUNNER.nodeOptions.filter((option) => !nodeOptions.includes(option));
if (missing.length > 0) {
  throw new Error(
    `jest.config.js: the unit tier's worker processes need NODE_OPTIONS to contain ${missing.join(' and ')} ` +
      `(NODE_OPTIONS is "${nodeOptions}"). Run it as \`npm run test:unit -- <path or pattern>\`, which sets them, ` +
      "or run one project with Jest's own runner: `npx jest -c <project>/jest.config.js <path>`.",
  );
}

const ownRunnerFiles = Object.keys(OWN_RUNNER);
const escape = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const platformTools = join(__dirname, 'tools', 'platform');

/** @type {import('jest').Config} */
module.exports = {
  // A global option: the projects' own testTimeout applies only when a project runs alone (Nx).
  testTimeout: UNIT.testTimeout,
  projects: [
    {
      displayName: 'unit',
      rootDir: __dirname,
      runner: LIGHT_RUNNER.runner,
      // tsx compiles in the workers (NODE_OPTIONS); Jest transforms nothing.
      transform: {},
      testMatch: ['<rootDir>/{packages,apps,tools}/*/test/**/*.test.ts'],
      testPathIgnorePatterns: [
        ...UNIT.testPathIgnorePatterns,
        ...ownRunnerFiles.map((file) => `^${escape(join(__dirname, file))}$`),
      ],
      setupFiles: ['<rootDir>/tools/jest-setup.cjs'],
      // The platform CLI's tests share one synthesis of the checked-in platform per run.
      globalSetup: '<rootDir>/tools/platform/test/global-setup.ts',
      globalTeardown: '<rootDir>/tools/platform/test/global-teardown.ts',
    },
    {
      ...require('./tools/platform/jest.config.js'),
      rootDir: platformTools,
      testMatch: ownRunnerFiles.map((file) => join(__dirname, file)),
      testPathIgnorePatterns: ['/node_modules/'],
    },
  ],
  reporters: [
    'default',
    // hangSeconds: jest-light-runner has no per-test timeout; a file that runs this long hangs.
    ['<rootDir>/tools/jest-summary-reporter.cjs', { budgets: 'unit', hangSeconds: 300 }],
  ],
};
