// Wall-time budgets of the unit tier's test files (jest.tiers.js), in seconds on an idle 2-core
// machine with `npm run test:unit` (2 workers). The workers keep loaded modules from file to file
// (jest-light-runner), so a file's time is its own work plus whatever modules no earlier file in
// its worker loaded: the first files of a run carry the loading of cdktf and the workspace.
// tools/jest-summary-reporter.cjs lists the files over budget after each run of the unit tier,
// with the load average.
//
// Over budget is reported, not failed: the figures are idle figures, and on a shared machine a
// load average of 15 stretches every file four to five times (measured), so a limit that would
// never trip under load would also never catch a real regression when idle.
//
// A file that needs more than the default is declared here, with why. Keep the reason honest: a
// file that can be made faster should be, rather than listed.
const DEFAULT_SECONDS = 2;

// The exceptions' seconds are estimates: no idle 2-core machine was available when they were set
// (5 helpers and a lead share it), so they are each file's time in a run of the unit tier at load
// average 3 to 5 (184 s wall) halved and rounded up. Re-measure them idle.
/** @type {Record<string, { seconds: number, why: string }>} */
const EXCEPTIONS = {
  'tools/platform/test/ci-role-coverage.test.ts': {
    seconds: 32,
    why: 'decides every call of the CI roles against every resource the 34 stacks synthesize, with the real IAM evaluator, and, when it starts before physical-names.test.ts, synthesizes the checked-in platform both read',
  },
  'apps/foundation/test/foundation-stack.test.ts': {
    seconds: 6,
    why: 'synthesizes the largest stack (network, keys, buckets, promotion, observability) about 14 times, one per configuration or environment a test needs, the snapshots of each environment included',
  },
  'packages/compute/test/function-bundle.test.ts': {
    seconds: 3,
    why: "runs esbuild on real handlers with the bundle cache off, since these tests are about esbuild's output",
  },
};

module.exports = { DEFAULT_SECONDS, EXCEPTIONS };
