// Prints one plain closing line, "tests: N passed, N failed, N skipped", that CI reads to tell a
// run with tests from one that ran none. Printed at exit so it comes after Jest's own summary.
//
// With the option `budgets` (the unit tier, jest.config.js), it also prints the test files whose
// wall time passed their budget (jest.budgets.js), slowest first, with the load average, since a
// loaded machine stretches every figure. It reports and does not fail the run: see jest.budgets.js.
const { cpus, loadavg } = require('node:os');
const { relative } = require('node:path');

/** The lines about budgets for a run's results (exported for its test). */
function budgetReport(rootDir, results) {
  const { testResults } = results;
  const { DEFAULT_SECONDS, EXCEPTIONS } = require('../jest.budgets.js');
  const files = testResults.map((result) => ({
    path: relative(rootDir, result.testFilePath),
    seconds: (result.perfStats.end - result.perfStats.start) / 1000,
  }));
  const over = files
    .map((file) => ({ ...file, budget: EXCEPTIONS[file.path]?.seconds ?? DEFAULT_SECONDS }))
    .filter((file) => file.seconds > file.budget)
    .sort((a, b) => b.seconds - a.seconds);
  const wall = ((Date.now() - results.startTime) / 1000).toFixed(1);
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  const lines = [
    `budgets: ${over.length} of ${files.length} test files over their budget; ${wall} s wall, load average ${load} on ${cpus().length} cores`,
    ...over.map(
      (file) =>
        `  ${file.seconds.toFixed(1).padStart(6)} s  budget ${String(file.budget).padStart(2)} s  ${file.path}`,
    ),
  ];
  // An exception for a file that ran well under the default is stale: say so, so that the table
  // does not outlive its reason. (That each exception names an existing unit test file is a test:
  // tools/platform/test/test-tiers.test.ts.)
  for (const file of files) {
    if (EXCEPTIONS[file.path] && file.seconds <= DEFAULT_SECONDS / 2)
      lines.push(
        `  stale exception: ${file.path} took ${file.seconds.toFixed(1)} s, under the default ${DEFAULT_SECONDS} s (jest.budgets.js)`,
      );
  }
  return lines;
}

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.budgets = Boolean(options.budgets);
  }

  onRunComplete(_contexts, results) {
    const lines = this.budgets ? budgetReport(this.rootDir, results) : [];
    lines.push(
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
    process.once('exit', () => process.stdout.write(`${lines.join('\n')}\n`));
  }
}
module.exports = SummaryReporter;
module.exports.budgetReport = budgetReport;
