import { ACTIONS, uses } from './actions';
import type { WorkflowModel } from './model';
import { note } from './render';
import { checkout, NX_JOB_ENV, RUNNER, setupNode, TS_SCRIPT } from './steps';

export const RELEASE_CHECK_SCRIPT = 'tools/platform/scripts/release-check.ts';

/** The GitHub environment of the publish job; npm's trusted publisher names it too. */
export const RELEASE_ENVIRONMENT = 'npm';

/**
 * npm trusted publishing (OIDC instead of a token) needs Node.js 22.14 or later and the npm CLI
 * 11.5.1 or later; the rest of CI stays on the repository's Node line (model.nodeVersion).
 */
export const PUBLISH_NODE_VERSION = '22.14.0';
export const PUBLISH_NPM_VERSION = '11.21.2';

/** The registry of every published package's publishConfig, and the one trusted publishing knows. */
export const NPM_REGISTRY = 'https://registry.npmjs.org/';

/**
 * release.yml: on a tag `v<version>` (written by `npx nx release`), checks that the tag is on main
 * and names the version of every published package, runs every project's lint, type-check and
 * tests, builds and checks the API reports, then publishes the packages to npm with provenance,
 * authenticated by the job's OIDC token: no npm token exists anywhere.
 */
export function releaseWorkflow(model: WorkflowModel): Record<string, unknown> {
  return {
    name: 'Release',
    on: { push: { tags: ['v*'] } },
    permissions: note('Nothing by default; each job asks for what it needs.', {}),
    concurrency: note('One release at a time; a running publish is never cancelled.', {
      group: 'release',
      'cancel-in-progress': false,
    }),
    jobs: {
      verify: {
        name: 'The tag is a version of main; lint, type-check, test, build, API reports',
        'runs-on': RUNNER,
        'timeout-minutes': 45,
        permissions: { contents: 'read' },
        env: NX_JOB_ENV,
        steps: [
          note('Full history: the tagged commit must be on main.', checkout(0)),
          ...setupNode(model, true),
          {
            name: 'The tagged commit is on main',
            env: { TAG: '${{ github.ref_name }}' },
            run: [
              'if ! git merge-base --is-ancestor "$GITHUB_SHA" origin/main; then',
              '  echo "::error::$TAG points to $GITHUB_SHA, which is not on main. Merge the release commit (a merge, not a squash, keeps it) and tag it there."',
              '  exit 1',
              'fi',
              '',
            ].join('\n'),
          },
          {
            name: 'Every published package has the version of the tag, and depends on the others at it',
            env: { TAG: '${{ github.ref_name }}' },
            run: `${TS_SCRIPT} ${RELEASE_CHECK_SCRIPT} "$TAG"`,
          },
          {
            name: 'Lint, type-check and test every project',
            run: 'npx nx run-many -t lint typecheck test --parallel=2',
          },
          {
            name: 'Build the packages; the API reports show their API',
            run: 'npm run api:check',
          },
          {
            name: 'npm pack of each package holds what its exports name',
            run: 'npm run pack:check',
          },
        ],
      },
      publish: {
        name: 'Publish to npm with provenance',
        needs: 'verify',
        if: note(
          "npm's trusted publisher names this repository, this workflow file and the environment below.",
          `\${{ github.repository == '${model.repository}' }}`,
        ),
        'runs-on': RUNNER,
        'timeout-minutes': 20,
        environment: note(
          `Settings > Environments > ${RELEASE_ENVIRONMENT}: Deployment branches and tags: tags v*.`,
          RELEASE_ENVIRONMENT,
        ),
        permissions: note(
          'id-token: write is the publish credential: npm exchanges the OIDC token for a\nshort-lived one that can publish these packages only, and signs the provenance with it.',
          { contents: 'read', 'id-token': 'write' },
        ),
        env: NX_JOB_ENV,
        steps: [
          checkout(),
          {
            name: `Set up Node.js ${PUBLISH_NODE_VERSION} for npm's registry`,
            uses: uses(ACTIONS.setupNode),
            with: { 'node-version': PUBLISH_NODE_VERSION, 'registry-url': NPM_REGISTRY },
          },
          note(
            'No dependency cache, and no install scripts, in a job whose token can publish: nothing\nanother run wrote, and no package install script, runs next to it.',
            { name: 'Install dependencies', run: 'npm ci --ignore-scripts --no-audit --no-fund' },
          ),
          {
            name: `npm ${PUBLISH_NPM_VERSION}: trusted publishing needs 11.5.1 or later`,
            run: `npm install --global npm@${PUBLISH_NPM_VERSION}`,
          },
          note(
            "Each package's prepack builds it again (from Nx's cache after this step): a pack never\nships without dist/. publishConfig sets the registry, public access and provenance.",
            { name: 'Build the packages', run: 'npm run build' },
          ),
          {
            name: 'Publish every package of the release, dependencies first',
            run: 'npx nx release publish',
          },
        ],
      },
    },
  };
}
