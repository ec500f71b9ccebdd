// `npm run test:integration` (and the second half of `npm test`): the integration tier of every
// project that has one, in one Jest run. A project has one when it has a jest.integration.config.js
// (and then an Nx target test-integration); the tiers are described in jest.tiers.js.
const { readdirSync, existsSync } = require('node:fs');
const { join, relative } = require('node:path');
const { INTEGRATION } = require('./jest.tiers.js');

const PROJECT_GROUPS = ['packages', 'apps', 'tools'];

/** Test files named *.integration.test.ts, under a project's test/ folder. */
function integrationTestFiles(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.integration.test.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

const projects = PROJECT_GROUPS.flatMap((group) =>
  readdirSync(join(__dirname, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(__dirname, group, entry.name)),
);

// An integration test in a project without the tier's configuration would run in neither tier.
const orphans = projects
  .filter((project) => !existsSync(join(project, 'jest.integration.config.js')))
  .flatMap((project) => integrationTestFiles(join(project, 'test')));
if (orphans.length > 0) {
  throw new Error(
    `jest.integration.config.js: ${orphans.map((file) => relative(__dirname, file)).join(', ')} ` +
      'would run in neither tier: their project has no jest.integration.config.js. Add one ' +
      "(`module.exports = require('../../jest.tiers.js').integrationTier(require('./jest.config.js'), __dirname);`) " +
      'and the target "test-integration": {} to its project.json.',
  );
}

/** @type {import('jest').Config} */
module.exports = {
  // A global option: the projects' own testTimeout applies only when a project runs alone (Nx).
  testTimeout: INTEGRATION.testTimeout,
  // Listed, not globbed: a glob that matches nothing (no package has the tier) is an error.
  projects: projects
    .map((project) => join(project, 'jest.integration.config.js'))
    .filter((config) => existsSync(config)),
  reporters: ['default', '<rootDir>/tools/jest-summary-reporter.cjs'],
};
