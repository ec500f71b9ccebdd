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

// The exceptions' seconds are each file's idle time in a run of the whole unit tier (26 to 33 s
// wall, 2 workers, load average under 3), rounded up with some room.
/** @type {Record<string, { seconds: number, why: string }>} */
const EXCEPTIONS = {
  'tools/platform/test/ci-role-coverage.test.ts': {
    seconds: 6,
    why: 'decides every call of the CI roles against every resource the 35 stacks synthesize (9,446 distinct decisions) with the real IAM evaluator, and, when it starts first, synthesizes the checked-in platform that other files read',
  },
  'packages/compute/test/function-bundle.test.ts': {
    seconds: 6,
    why: "runs esbuild on real handlers with the bundle cache off, since these tests are about esbuild's output",
  },
  'tools/platform/test/api-reports.test.ts': {
    seconds: 6,
    why: "runs api-extractor four times on the built packages: each run builds a TypeScript program over the packages' declarations and Node's types",
  },
};

module.exports = { DEFAULT_SECONDS, EXCEPTIONS };
