/**
 * What `npm pack` of each published package would ship holds every file its exports map names
 * (dist/ JavaScript and .d.ts, src/) and its README. Run after `npm run build`, from the root:
 *
 *   node --conditions=@genai-sandbox/source --import tsx pack-check.ts
 *
 * One `npm pack --dry-run` for all packages, without prepack (the build already ran).
 */
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { packProblems, publishedPackages } from '../src/published-packages';

const cwd = process.cwd();
const packages = publishedPackages(join(cwd, 'packages'));
const output = execFileSync(
  'npm',
  [
    'pack',
    '--dry-run',
    '--json',
    '--ignore-scripts',
    ...packages.map((pkg) => `--workspace=${pkg.dir}`),
  ],
  { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
);
const packs = JSON.parse(output) as { name: string; files: { path: string }[]; size: number }[];
const problems = packages.flatMap((pkg) => {
  const pack = packs.find((candidate) => candidate.name === pkg.name);
  return pack
    ? packProblems(
        pkg,
        pack.files.map((file) => file.path),
      )
    : [`${pkg.name}: npm pack gave no tarball for it.`];
});
for (const problem of problems) console.error(problem);
if (problems.length > 0) process.exit(1);
const kib = packs.reduce((sum, pack) => sum + pack.size, 0) / 1024;
console.log(
  `${packages.length} packages pack with every file their exports name (${kib.toFixed(0)} KiB in all).`,
);
