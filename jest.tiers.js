// The two test tiers, in one place.
//
// unit: everything that runs in the Jest worker's own process: constructs and stacks synthesized
//   in memory, the CLI called as a function, the real SDK clients against the local
//   aws-test-server. Every file has a wall-time budget (jest.budgets.js). `npm run test:unit`.
//   The files share their worker's modules (jest-light-runner, below): see LIGHT_RUNNER.
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

/**
 * How `npm run test:unit` runs the unit tier: jest-light-runner, in two worker processes, each
 * loading cdktf, the provider bindings, zod and the workspace once and running file after file
 * with them. Jest's own runner builds a fresh module registry for every file: with 213 files that
 * was most of the tier's time (131 s against 57 s, measured on 2 cores, same files).
 *
 * What it asks of a test file: leave nothing behind for the next file in the worker. Restore
 * process.env, spies and registries it changes; register hooks in the file (or through a function
 * it calls), not as a side effect of importing a shared helper, since a module is evaluated once
 * per worker. TypeScript is compiled by tsx and workspace packages resolve to their sources, both
 * through NODE_OPTIONS, which the worker processes inherit (`npm run test:unit` sets it;
 * jest.config.js checks). Processes, not the runner's default worker threads: on Node 20 a worker
 * thread does not get tsx's loader hooks (measured: no file loaded).
 */
const LIGHT_RUNNER = {
  runner: 'jest-light-runner/child-process',
  nodeOptions: ['--conditions=@genai-sandbox/source', '--import tsx'],
};

/**
 * Unit test files that need Jest's own runner: its per-file module registry (jest.mock,
 * jest.resetModules) or its moduleNameMapper. Relative to the repository root, with why.
 */
const OWN_RUNNER = {
  'tools/platform/test/commands.test.ts':
    'counts which packages a command loads, through jest.mock and a fresh module registry per run',
  'tools/platform/test/workflows.test.ts':
    "imports GitHub's ESM-only workflow parser, which tools/platform/jest.config.js maps to CommonJS",
};

/** A project's (unit) Jest configuration turned into its integration tier. */
function integrationTier(projectConfig, rootDir) {
  return { ...projectConfig, rootDir, ...INTEGRATION };
}

module.exports = { UNIT, INTEGRATION, LIGHT_RUNNER, OWN_RUNNER, integrationTier };
