// Writes a large platform configuration for the benchmark and the golden-output test: the
// checked-in configuration with its project lists replaced by `projects` projects on the full
// profile in every environment. Everything else (accounts, network, releases, schemas) is copied
// as it is, so the generated configuration stays valid as the checked-in one evolves.
//
// Stack count with today's apps: 29 at 1 project, 71 at 3, 302 at 14 (the scale the performance
// budget names). The checked-in configuration has 35: its second project is inference-only.
//
// Usage: node tools/platform/bench/generate-config.js --projects 14 [--out DIR]
//        (prints the directory it wrote; a new temporary directory unless --out is given)
'use strict';
const { cpSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join, resolve } = require('node:path');

const REPO_ROOT = resolve(__dirname, '../../..');
const CHECKED_IN = join(REPO_ROOT, 'environments');
/** The first project keeps the checked-in name, so the release manifests stay valid. */
const FIRST_PROJECT = 'fraud-detection';

/** The full profile of platform.json: the one whose blueprints include every other profile's. */
function fullProfile(platform) {
  const entries = Object.entries(platform.profiles ?? {});
  if (entries.length === 0) throw new Error(`${CHECKED_IN}/platform.json defines no profile`);
  entries.sort((a, b) => b[1].blueprints.length - a[1].blueprints.length);
  return entries[0][0];
}

/** `fraud-detection`, `project-002`, ... : valid project names (lowercase, at most 20 characters). */
function projectNames(count) {
  return Array.from({ length: count }, (_, index) =>
    index === 0 ? FIRST_PROJECT : `project-${String(index + 1).padStart(3, '0')}`,
  );
}

/**
 * Copies `sourceDir` (default: the checked-in environments/) to `outDir` (default: a new temporary
 * directory) with `projects` full-profile projects in every environment; returns `outDir`.
 */
function generateConfiguration({ projects, outDir, sourceDir = CHECKED_IN }) {
  if (!Number.isInteger(projects) || projects < 1) {
    throw new Error(`projects: received ${projects}; expected a whole number, at least 1`);
  }
  const target = outDir ?? mkdtempSync(join(tmpdir(), 'genai-config-'));
  cpSync(sourceDir, target, { recursive: true });
  const platform = JSON.parse(readFileSync(join(sourceDir, 'platform.json'), 'utf8'));
  const profile = fullProfile(platform);
  const environments = readdirSync(sourceDir).filter(
    (file) => file.endsWith('.json') && file !== 'platform.json',
  );
  for (const file of environments) {
    const environment = JSON.parse(readFileSync(join(sourceDir, file), 'utf8'));
    environment.projects = projectNames(projects).map((name) => ({ name, profile }));
    writeFileSync(join(target, file), `${JSON.stringify(environment, null, 2)}\n`);
  }
  return target;
}

module.exports = { generateConfiguration, projectNames };

if (require.main === module) {
  const { parseArgs } = require('node:util');
  const { values } = parseArgs({
    options: { projects: { type: 'string' }, out: { type: 'string' } },
  });
  const projects = Number(values.projects);
  if (!values.projects || !Number.isInteger(projects) || projects < 1) {
    console.error(
      `--projects: received "${values.projects ?? ''}"; expected a whole number of projects, at least 1 (49 gives 300 stacks)`,
    );
    process.exit(2);
  }
  console.log(
    generateConfiguration({ projects, outDir: values.out ? resolve(values.out) : undefined }),
  );
}
