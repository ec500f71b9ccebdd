// The two test tiers, in one place.
//
// unit: everything that runs in the Jest worker's own process: constructs and stacks synthesized
//   in memory, the CLI called as a function, the real SDK clients against the local
//   aws-test-server. Every file has a wall-time budget (jest.budgets.js). `npm run test:unit`.
// integration: files named `*.integration.test.ts`, which start other programs: the real
//   terraform and provider, bash scripts with the AWS CLI, Nx, the compiled CLI or tsx in a new
//   Node process. They take seconds each and depend on tools outside node_modules.
//   `npm run test:integration`.
//
// `npm test` runs unit, then integration, and fails when either fails.

const INTEGRATION_FILE = '\\.integration\\.test\\.ts$';

/**
 * Per-test timeouts that fit a loaded 2-core machine (5 helpers and a lead measured a load average
 * of 15): about ten times a unit test's idle time; an integration test declares its own when it
 * needs more than the tier's.
 */
const UNIT = {
  testPathIgnorePatterns: ['/node_modules/', INTEGRATION_FILE],
  testTimeout: 30_000,
};

const INTEGRATION = {
  testMatch: ['<rootDir>/test/**/*.integration.test.ts'],
  testPathIgnorePatterns: ['/node_modules/'],
  testTimeout: 120_000,
};

/** A project's (unit) Jest configuration turned into its integration tier. */
function integrationTier(projectConfig, rootDir) {
  return { ...projectConfig, rootDir, ...INTEGRATION };
}

module.exports = { UNIT, INTEGRATION, integrationTier };
