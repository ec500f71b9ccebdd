/**
 * Before release.yml publishes a tag: every published package has the tag's version, and depends
 * on the others at exactly that version.
 *
 *   node --conditions=@genai-sandbox/source --import tsx release-check.ts <tag>
 *
 * Prints each problem with the file, field, value and fix, and exits 1 when there is one.
 */
import { join } from 'node:path';
import { publishedPackages, releaseProblems } from '../src/published-packages';

const [tag, ...rest] = process.argv.slice(2);
if (!tag || rest.length > 0) {
  console.error('Usage: release-check.ts <tag>, for example release-check.ts v1.2.0');
  process.exit(2);
}
const cwd = process.cwd();
const packages = publishedPackages(join(cwd, 'packages'));
const problems = releaseProblems(packages, tag, cwd);
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
console.log(
  `${packages.length} packages at ${tag.slice(1)}: ${packages.map((pkg) => pkg.name).join(', ')}.`,
);
