import { ACTIONS, uses } from './actions';
import type { WorkflowModel } from './model';
import { note } from './render';
import {
  awsCredentials,
  checkout,
  diffStacks,
  NX_JOB_ENV,
  preflight,
  RUNNER,
  setupNode,
  setupTerraform,
  synth,
  TERRAFORM_JOB_ENV,
} from './steps';

/** Set to 'true' (Settings > Secrets and variables > Actions > Variables) once bootstrap is applied. */
const ACCOUNTS_CONFIGURED_VARIABLE = 'AWS_ACCOUNTS_CONFIGURED';

/** Where the offline jobs keep the provider mirror; TF_PROVIDER_MIRROR points at it. */
const MIRROR_DIR = '${{ runner.temp }}/terraform-providers';

/**
 * ci.yml: every check that needs no cloud account on pull requests and on main (main's own run
 * shows whether main is green, and the offline checks are cheap), then a real `terraform plan`
 * per environment with that environment's read-only plan role.
 */
export function ciWorkflow(model: WorkflowModel): Record<string, unknown> {
  // Fork pull requests get no OIDC token and must not run anything against the accounts.
  const sameRepository = `(github.event_name == 'push' || github.event.pull_request.head.repo.full_name == github.repository)`;
  return {
    name: 'CI',
    on: {
      pull_request: {},
      push: { branches: ['main'] },
    },
    permissions: note('Nothing by default; each job asks for what it needs.', {}),
    concurrency: note(
      'A newer push to a pull request makes its older run moot. Runs on main are not cancelled: a\nplan stopped half-way could leave its state lock behind.',
      {
        group: 'ci-${{ github.event.pull_request.number || github.ref }}',
        'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
      },
    ),
    jobs: {
      verify: {
        name: 'Lint, type-check, test, synth, validate, offline plan',
        'runs-on': RUNNER,
        'timeout-minutes': 45,
        permissions: { contents: 'read' },
        env: { ...NX_JOB_ENV, ...TERRAFORM_JOB_ENV },
        steps: [
          note('Full history, so that nx affected can find the merge base.', checkout(0)),
          ...setupNode(model, true),
          {
            name: 'Lint, type-check and test: the affected projects on a pull request, every project on main',
            env: { BASE_SHA: '${{ github.event.pull_request.base.sha }}' },
            run: [
              '# A pull request checks what it affects, compared with its base (environments/** is an input',
              '# of every project whose tests read it, see nx.json). main checks everything, so that its',
              '# status never rests on an earlier run. Without the base commit in the clone: everything.',
              'if [ -n "$BASE_SHA" ] && git cat-file -e "${BASE_SHA}^{commit}" 2>/dev/null; then',
              '  npx nx affected -t lint typecheck test --base="$BASE_SHA" --head=HEAD --parallel=2',
              'else',
              '  npx nx run-many -t lint typecheck test --parallel=2',
              'fi',
              '',
            ].join('\n'),
          },
          { name: 'Check formatting', run: 'npm run format:check' },
          note(
            'A change to the public API of a published package shows as a diff of its api/*.api.md.',
            {
              name: 'Build the packages; their API reports are up to date',
              run: 'npm run api:check',
            },
          ),
          {
            name: 'npm pack of each package holds what its exports name',
            run: 'npm run pack:check',
          },
          note(
            'Every run, affected or not: a change to environments/ alone can make a workflow stale.',
            {
              name: 'Workflows are generated from the configuration',
              run: 'npm run platform -- workflows --check',
            },
          ),
          { name: 'Synthesize every stack', run: 'npm run synth' },
          note('The root cdktf.json runs the same synthesis: its output must be byte-identical.', {
            name: 'cdktf synth writes what npm run synth wrote',
            run: 'npm run --silent cdktf -- synth --output cdktf.out.cdktf >/dev/null\ndiff -r cdktf.out cdktf.out.cdktf\nrm -rf cdktf.out.cdktf\n',
          }),
          setupTerraform(model),
          ...providerMirror(model),
          note(
            "Another team's app on the packed packages, installed in a clean directory: a broken export or an undeclared dependency fails here (examples/team-ml-bucket/README.md).",
            {
              name: 'Example consumer: packed packages in a plain TerraformStack',
              env: { TF_PROVIDER_MIRROR: MIRROR_DIR },
              run: 'examples/team-ml-bucket/run.sh',
            },
          ),
          note(
            'The integration tier (jest.tiers.js): tests that run terraform with the provider mirror, the\nrelease scripts with the AWS CLI, Nx and the CLI in a process of its own. Same selection as\nthe unit tests above.',
            {
              name: 'Integration tests: the affected projects on a pull request, every project on main',
              env: {
                BASE_SHA: '${{ github.event.pull_request.base.sha }}',
                TF_PROVIDER_MIRROR: MIRROR_DIR,
              },
              run: [
                'if [ -n "$BASE_SHA" ] && git cat-file -e "${BASE_SHA}^{commit}" 2>/dev/null; then',
                '  npx nx affected -t test-integration --base="$BASE_SHA" --head=HEAD --parallel=1',
                'else',
                '  npx nx run-many -t test-integration --parallel=1',
                'fi',
                '',
              ].join('\n'),
            },
          ),
          {
            name: 'terraform validate every stack',
            env: { TF_PROVIDER_MIRROR: MIRROR_DIR },
            run: 'npm run platform -- validate --concurrency 2',
          },
          {
            name: 'terraform plan every stack, offline',
            env: { TF_PROVIDER_MIRROR: MIRROR_DIR },
            run: 'npm run platform -- plan --concurrency 2',
          },
          {
            name: 'Policy gate, with the values the plans resolved',
            run: 'npm run platform -- check',
          },
        ],
      },
      policy: {
        name: 'Policy gate (code scanning)',
        'runs-on': RUNNER,
        'timeout-minutes': 20,
        permissions: note(
          'security-events: write uploads the SARIF report; actions: read is what upload-sarif needs\nto read the run in a private repository.',
          { contents: 'read', 'security-events': 'write', actions: 'read' },
        ),
        steps: [
          checkout(),
          ...setupNode(model, true),
          { name: 'Synthesize every stack', run: 'npm run synth' },
          note(
            'A failing gate must still upload its report, so the exit code is kept for the last step.',
            {
              name: 'Policy gate as SARIF',
              id: 'check',
              'continue-on-error': true,
              run: 'npm run --silent platform -- check --format sarif > policy.sarif',
            },
          ),
          note('Fork pull requests have a read-only token and cannot upload.', {
            name: 'Upload to code scanning',
            if: `\${{ always() && hashFiles('policy.sarif') != '' && ${sameRepository} }}`,
            uses: uses(ACTIONS.uploadSarif),
            with: { sarif_file: 'policy.sarif', category: 'platform-policy' },
          }),
          {
            name: 'Fail when the policy gate failed',
            if: "${{ steps.check.outcome == 'failure' }}",
            run: 'echo "::error::The policy gate found errors; see the step \\"Policy gate as SARIF\\" and the code scanning alerts." && exit 1',
          },
        ],
      },
      plan: note(
        `Runs only once the accounts exist: set the repository variable ${ACCOUNTS_CONFIGURED_VARIABLE} to 'true'\nafter the bootstrap stacks are applied. No environment: the plan role trusts this repository's\npull requests and main branch, and an environment would change the token's subject.`,
        {
          name: 'terraform plan (${{ matrix.environment }})',
          needs: 'verify',
          if: `\${{ vars.${ACCOUNTS_CONFIGURED_VARIABLE} == 'true' && github.repository == '${model.repository}' && ${sameRepository} }}`,
          'runs-on': RUNNER,
          'timeout-minutes': 30,
          permissions: { contents: 'read', 'id-token': 'write' },
          env: TERRAFORM_JOB_ENV,
          strategy: {
            'fail-fast': false,
            matrix: {
              // The shared-services account (`--env shared`) after the chain, with its own plan role.
              include: [
                ...model.chain,
                ...(model.sharedServices ? [model.sharedServices] : []),
              ].map((environment) => ({
                environment: environment.name,
                account: environment.accountId,
                region: environment.region,
                role: environment.planRoleArn,
              })),
            },
          },
          steps: [
            checkout(),
            ...setupNode(model, true),
            synth('${{ matrix.environment }}'),
            setupTerraform(model),
            awsCredentials({
              environment: '${{ matrix.environment }}',
              region: '${{ matrix.region }}',
              roleArn: '${{ matrix.role }}',
              purpose: 'plan',
            }),
            preflight('${{ matrix.environment }}', '${{ matrix.account }}'),
            {
              name: 'platform diff: terraform plan of every stack of ${{ matrix.environment }} against its state',
              run: diffStacks('${{ matrix.environment }}'),
            },
          ],
        },
      ),
    },
  };
}

/**
 * The offline jobs install providers only from a filesystem mirror (the platform CLI never
 * downloads), so the mirror is filled here, once per provider version, and cached.
 */
function providerMirror(model: WorkflowModel): Record<string, unknown>[] {
  const version = model.awsProviderVersion;
  const requirements = JSON.stringify({
    terraform: { required_providers: { aws: { source: 'hashicorp/aws', version } } },
  });
  return [
    {
      name: `Cache the hashicorp/aws ${version} provider mirror`,
      id: 'provider-cache',
      uses: uses(ACTIONS.cache),
      with: { path: MIRROR_DIR, key: `terraform-providers-aws-${version}-linux_amd64` },
    },
    {
      name: `Fill the provider mirror with hashicorp/aws ${version}`,
      if: "${{ steps.provider-cache.outputs.cache-hit != 'true' }}",
      env: { TF_PROVIDER_MIRROR: MIRROR_DIR },
      run: [
        'requirements="$(mktemp -d)"',
        `echo '${requirements}' > "$requirements/providers.tf.json"`,
        'terraform -chdir="$requirements" providers mirror -platform=linux_amd64 "$TF_PROVIDER_MIRROR"',
        '',
      ].join('\n'),
    },
  ];
}
