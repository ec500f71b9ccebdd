// Prints one plain closing line, "tests: N passed, N failed, N skipped", that CI reads to tell a
// run with tests from one that ran none. Printed at exit so it comes after Jest's own summary.
//
// With the option `budgets` (the unit tier, jest.config.js), it also prints the test files whose
// wall time passed their budget (jest.budgets.js), slowest first, with the load average, since a
// loaded machine stretches every figure. It reports and does not fail the run: see jest.budgets.js.
const { cpus, loadavg } = require('node:os');
const { relative } = require('node:path');
const { clearInterval, setInterval } = require('node:timers');

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

/**
 * Under jest-light-runner (the unit tier, jest.tiers.js) a test has no timeout: a promise that
 * never settles would hold the run until CI's limit. With the option `hangSeconds`, a file that
 * runs longer stops the run, naming the file. Far above any file's time (the slowest takes about
 * 30 s on a loaded machine), so only a hang trips it.
 */
class HangWatch {
  constructor(rootDir, seconds) {
    this.rootDir = rootDir;
    this.seconds = seconds;
    this.started = new Map();
    this.timer = setInterval(() => this.check(), 5_000);
    this.timer.unref();
  }

  start(path) {
    this.started.set(path, Date.now());
  }

  end(path) {
    this.started.delete(path);
  }

  check() {
    for (const [path, since] of this.started) {
      const seconds = (Date.now() - since) / 1000;
      if (seconds < this.seconds) continue;
      process.stderr.write(
        `\nunit tier: ${relative(this.rootDir, path)} has run for ${Math.round(seconds)} s, longer than ` +
          `any test file may (${this.seconds} s, jest.config.js): stopping the run. Tests under ` +
          'jest-light-runner have no per-test timeout: look for an awaited promise that never ' +
          'settles (a server not started, a callback never called), or run the file alone with ' +
          "Jest's own runner: npx jest -c <project>/jest.config.js <file>.\n",
      );
      process.exit(1);
    }
  }

  stop() {
    clearInterval(this.timer);
  }
}

class SummaryReporter {
  constructor(globalConfig, options = {}) {
    this.rootDir = globalConfig.rootDir;
    this.budgets = Boolean(options.budgets);
    this.hangs = options.hangSeconds ? new HangWatch(this.rootDir, options.hangSeconds) : undefined;
  }

  onTestFileStart(test) {
    this.hangs?.start(test.path);
  }

  onTestFileResult(test) {
    this.hangs?.end(test.path);
  }

  onRunComplete(_contexts, results) {
    this.hangs?.stop();
    const lines = this.budgets ? budgetReport(this.rootDir, results) : [];
    lines.push(
      `tests: ${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`,
    );
    process.once('exit', () => process.stdout.write(`${lines.join('\n')}\n`));
  }
}
module.exports = SummaryReporter;
module.exports.budgetReport = budgetReport;
module.exports.HangWatch = HangWatch;
