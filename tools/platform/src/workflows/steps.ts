import { ACTIONS, uses } from './actions';
import type { WorkflowModel } from './model';
import { note } from './render';

/** One step of a job, as GitHub's workflow syntax has it. */
export type Step = Readonly<Record<string, unknown>>;

export const RUNNER = 'ubuntu-24.04';

/** The scripts the jobs run; kept in the repository so they are reviewed and tested like code. */
export const RECORD_RELEASE_SCRIPT = 'tools/platform/scripts/record-release.sh';
export const SMOKE_RELEASE_SCRIPT = 'tools/platform/scripts/smoke-release.sh';
export const RELEASE_STACKS_SCRIPT = 'tools/platform/scripts/release-stacks.ts';
export const SMOKE_INVOKE_SCRIPT = 'tools/platform/scripts/smoke-invoke.ts';
export const GENAI_EVALUATION_FLAGS_SCRIPT = 'tools/platform/scripts/genai-evaluation-flags.sh';
export const GENAI_NEXT_HOP_SCRIPT = 'tools/platform/scripts/genai-next-hop.sh';
/** How the jobs run a TypeScript script of tools/platform/scripts: from source, as the CLI does. */
export const TS_SCRIPT = 'node --conditions=@genai-sandbox/source --import tsx';

/**
 * Checkout without leaving the token in .git/config: no job pushes with it, and later steps
 * (npm install scripts among them) should not find it.
 */
export function checkout(fetchDepth?: number): Step {
  return {
    name: 'Check out',
    uses: uses(ACTIONS.checkout),
    with: {
      ...(fetchDepth === undefined ? {} : { 'fetch-depth': fetchDepth }),
      'persist-credentials': false,
    },
  };
}

/**
 * Node.js and `npm ci`. `cacheNpm` is for jobs without cloud credentials only: a job that deploys
 * installs from the registry, so that nothing another run wrote into a cache ends up next to a
 * deploy role.
 */
export function setupNode(model: WorkflowModel, cacheNpm: boolean): Step[] {
  return [
    {
      name: 'Set up Node.js',
      uses: uses(ACTIONS.setupNode),
      with: { 'node-version': model.nodeVersion, ...(cacheNpm ? { cache: 'npm' } : {}) },
    },
    { name: 'Install dependencies', run: 'npm ci --no-audit --no-fund' },
  ];
}

/** The platform CLI reads `terraform show -json` output: the setup action's wrapper would change it. */
export function setupTerraform(model: WorkflowModel): Step {
  return {
    name: 'Set up Terraform',
    uses: uses(ACTIONS.setupTerraform),
    with: { terraform_version: model.terraformVersion, terraform_wrapper: false },
  };
}

/**
 * OIDC into one role of one environment's account for at most an hour. The account ID is not
 * masked: it is committed in environments/<env>.json, and a masked value would make GitHub drop
 * every job output that contains it (the promoted model package ARN does).
 */
export function awsCredentials(target: {
  /** The environment name, or an expression that gives it. */
  readonly environment: string;
  readonly region: string;
  readonly roleArn: string;
  /** For the step name and the session name that CloudTrail shows. */
  readonly purpose: 'plan' | 'deploy' | 'promote';
}): Step {
  return {
    name: `Assume the ${target.purpose === 'plan' ? 'plan' : 'deploy'} role of ${target.environment}`,
    uses: uses(ACTIONS.configureAwsCredentials),
    with: {
      'role-to-assume': target.roleArn,
      'aws-region': target.region,
      'role-session-name': `${target.purpose}-${target.environment}-\${{ github.run_id }}`,
      'role-duration-seconds': 3600,
      'mask-aws-account-id': false,
    },
  };
}

/** STS GetCallerIdentity must answer with this environment's account before Terraform runs. */
export function preflight(environment: string, accountId: string, assumeRole?: string): Step {
  const chained = assumeRole ? ` --assume-role ${assumeRole}` : '';
  return note(
    assumeRole
      ? "Stops unless the credentials are in this environment's account, then checks that the\npromotion role can be reached by role chaining, before any Terraform command."
      : "Stops unless the credentials are in this environment's account, before any Terraform command.",
    {
      name: `Preflight: caller is in the ${environment} account (${accountId})`,
      run: `npm run platform -- preflight --env ${environment}${chained}`,
    },
  );
}

export function synth(environment: string): Step {
  return {
    name: `Synthesize the ${environment} stacks`,
    run: `npm run synth -- --env ${environment}`,
  };
}

/**
 * The policy gate over the stacks about to be applied: what CI checked on the pull request is
 * checked again on exactly what this job synthesized, before it reaches an account.
 */
export function policyGate(environment: string): Step {
  return {
    name: `Policy gate over the ${environment} stacks`,
    run: `npm run platform -- check --env ${environment}`,
  };
}

/**
 * `platform deploy`: synth, gate, preflight, then init, plan -out and apply of that plan for each
 * stack in dependency order, stopping at the first failure. `stacks` is a shell expression.
 */
export function deployStacks(environment: string, stacks?: string): string {
  return `npm run platform -- deploy --env ${environment}${stacks ? ` --stack ${stacks}` : ''} --auto-approve`;
}

/** `platform diff`: the real plan of every stack of the environment, summarized; applies nothing. */
export function diffStacks(environment: string): string {
  return `npm run platform -- diff --env ${environment}`;
}

/** Environment variables every Terraform-running job sets: no prompts, terse automation output. */
export const TERRAFORM_JOB_ENV = { TF_IN_AUTOMATION: 'true', TF_INPUT: 'false' } as const;

/** Nx settings for CI, as in .ci/run: no daemon, no cloud, plain output. */
export const NX_JOB_ENV = { NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' } as const;

/**
 * The last step of the jobs that record what a promotion changed: commits `paths` on a new branch
 * and opens a pull request, or says that nothing changed. `subject`, `commitMessage` and `body` are
 * shell words in double quotes: they may name the step's environment variables, never `${{ }}`.
 */
export function openReleasePullRequest(options: {
  readonly paths: string;
  readonly env: Readonly<Record<string, string>>;
  readonly subject: string;
  readonly commitMessage?: string;
  readonly body: string;
}): Step {
  return {
    name: 'Open the pull request',
    env: { GH_TOKEN: '${{ github.token }}', ...options.env },
    run: [
      '# status, not diff: a new file (a stored GenAI settings version) is untracked.',
      `if [ -z "$(git status --porcelain -- ${options.paths})" ]; then`,
      '  echo "The release manifests are unchanged; nothing to record."',
      '  exit 0',
      'fi',
      'branch="promote/${GITHUB_RUN_ID}-${GITHUB_RUN_ATTEMPT}"',
      'git config user.name "github-actions[bot]"',
      'git config user.email "41898282+github-actions[bot]@users.noreply.github.com"',
      'git switch --create "$branch"',
      `git add ${options.paths}`,
      `git commit --message "${options.commitMessage ?? options.subject}"`,
      '# The checkout kept no token; this push uses it once, on the command line only.',
      'git push "https://x-access-token:${GH_TOKEN}@github.com/${GITHUB_REPOSITORY}.git" "$branch"',
      'gh pr create --base main --head "$branch" \\',
      `  --title "${options.subject}" \\`,
      `  --body "${options.body}"`,
      '',
    ].join('\n'),
  };
}

/** The first steps of a promote.yml job into `environment`: checkout, tools, its deploy role. */
export function promoteJobSetup(
  model: WorkflowModel,
  environment: { readonly name: string; readonly region: string; readonly deployRoleArn: string },
): Step[] {
  return [
    checkout(),
    ...setupNode(model, false),
    setupTerraform(model),
    awsCredentials({
      environment: environment.name,
      region: environment.region,
      roleArn: environment.deployRoleArn,
      purpose: 'promote',
    }),
  ];
}
