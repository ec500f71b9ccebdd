/**
 * The API reports of the published packages (packages/<p>/api/<p>.api.md), from their built .d.ts.
 *
 *   node --conditions=@genai-sandbox/source --import tsx api-reports.ts [--check]
 *
 * `npm run api:update` and `npm run api:check` build the packages, then run this from the
 * repository root. Without --check it rewrites the reports; with --check it writes nothing under
 * packages/ and exits 1 when a report differs from what the code gives (CI). Either way it writes
 * each entry's doc model to dist/api-model/, which `npm run api:docs` turns into the reference.
 */
import { rmSync } from 'node:fs';
import { join, relative } from 'node:path';
import { API_REPORT_DIR, apiEntryPoints, runApiReports } from '../src/api-reports';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--check');
if (unknown.length > 0) {
  console.error(`Unknown argument ${unknown.join(' ')}. Usage: api-reports.ts [--check]`);
  process.exit(2);
}
const check = args.includes('--check');
const cwd = process.cwd();
const tempDir = join(cwd, 'dist', 'api-reports');
const docModelDir = join(cwd, 'dist', 'api-model');
rmSync(docModelDir, { recursive: true, force: true });
try {
  const started = Date.now();
  const results = runApiReports(apiEntryPoints(join(cwd, 'packages')), {
    check,
    tempDir,
    docModelDir,
    cwd,
    log: (line) => console.error(line),
  });
  const failed = results.filter((result) => result.errors.length > 0);
  for (const { entry, errors } of failed) {
    console.error(`${entry.importPath}:\n  ${errors.join('\n  ')}`);
  }
  const changed = results.filter((result) => result.changed);
  const reportPath = (result: (typeof results)[number]) =>
    relative(
      cwd,
      join(result.entry.packageDir, API_REPORT_DIR, `${result.entry.reportName}.api.md`),
    );
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  if (check && changed.length > 0) {
    console.error(
      `The public API changed, and these reports do not show it yet: ${changed.map(reportPath).join(', ')}. ` +
        `What the code gives is in ${relative(cwd, join(tempDir, 'reports'))}/. If the change is intended, ` +
        'run "npm run api:update" and commit the reports with it, so reviewers see the API change.',
    );
  } else if (!check && changed.length > 0) {
    console.log(`Wrote ${changed.map(reportPath).join(', ')}.`);
  }
  if (failed.length > 0 || (check && changed.length > 0)) process.exit(1);
  console.log(`API reports of ${results.length} entry points are up to date (${seconds} s).`);
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
