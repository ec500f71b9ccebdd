import { PROMOTION_DISPATCH_EVENT, RELEASES_DIR } from '@genai-sandbox/config';
import type { WorkflowEnvironment, WorkflowModel } from './model';
import { ASSET_INPUT, GENAI_ASSET, genaiPromoteJobs } from './promote-genai-jobs';
import { note } from './render';
import { deployConcurrency, githubEnvironment } from './deploy-workflow';
import {
  checkout,
  deployStacks,
  openReleasePullRequest,
  policyGate,
  preflight,
  promoteJobSetup,
  RECORD_RELEASE_SCRIPT,
  RELEASE_STACKS_SCRIPT,
  RUNNER,
  SMOKE_INVOKE_SCRIPT,
  SMOKE_RELEASE_SCRIPT,
  synth,
  TERRAFORM_JOB_ENV,
  TS_SCRIPT,
} from './steps';

/**
 * client_payload of the repository_dispatch that the promotion bus's API destination sends
 * (GithubDispatch in @genai-sandbox/eventing, wired by the foundation app): the eventing stacks and
 * this workflow must agree on these names. workflow_dispatch takes the first two as inputs.
 */
const PROMOTION_PAYLOAD = {
  sourceEnvironment: 'source_environment',
  modelPackageArn: 'model_package_arn',
  /** Set by the dispatch of each hop: that run promotes into this environment only. */
  targetEnvironment: 'target_environment',
} as const;

/** promote-<env>, the job ID in promote.yml. */
export function promoteJobId(environment: string): string {
  return `promote-${environment}`;
}

/**
 * promote.yml: one job per environment after the first, in chain order, each in its GitHub
 * environment (so the last one waits for its required reviewers) and each promoting from the
 * environment before it.
 *
 * - Started by hand (workflow_dispatch) with a source environment, a run promotes one hop, into the
 *   next environment, like a dispatched run: its approval at the end starts the following hop
 *   through the promotion bus, so no environment is promoted into twice.
 * - Started by the promotion bus (repository_dispatch), a run promotes one hop, into
 *   `target_environment`: the package is registered there as PendingManualApproval, and only the
 *   job's last step, after the apply of the inference stacks that serve it and the smoke tests,
 *   approves it; that approval is forwarded to the next account, whose bus dispatches the next
 *   hop. Running the later jobs too would promote the same package twice.
 *
 * Afterwards one job opens a pull request with the release manifests the promotions wrote, because
 * environments/releases/ records what each environment serves (GitOps): until it is merged, a
 * deploy from main would roll the model back.
 */
export function promoteWorkflow(model: WorkflowModel): Record<string, unknown> {
  const sources = model.chain.slice(0, -1);
  const targets = model.chain.slice(1);
  const jobs: Record<string, unknown> = {
    resolve: resolveJob(model, sources),
  };
  targets.forEach((environment, index) => {
    jobs[promoteJobId(environment.name)] = promoteJob(model, environment, index);
  });
  jobs['record-releases'] = recordReleasesJob(targets);
  Object.assign(jobs, genaiPromoteJobs(model));
  return {
    name: 'Promote',
    on: {
      repository_dispatch: note(
        `Sent by the promotion bus of the target environment when a model package is approved in the\nenvironment before it, with client_payload: { "${PROMOTION_PAYLOAD.sourceEnvironment}": "<env>",\n"${PROMOTION_PAYLOAD.targetEnvironment}": "<next env>", "${PROMOTION_PAYLOAD.modelPackageArn}": "<versioned model package ARN>", ... }.`,
        { types: [PROMOTION_DISPATCH_EVENT] },
      ),
      push: note(
        'A merged pull request that records a GenAI settings pin starts the next hop (genai-next-hop).',
        { branches: ['main'], paths: [`environments/${RELEASES_DIR}/*.json`] },
      ),
      workflow_dispatch: {
        inputs: {
          [ASSET_INPUT]: {
            description:
              'What to promote: a model package, or the GenAI settings version the source environment serves',
            type: 'choice',
            options: ['model-package', GENAI_ASSET],
            default: 'model-package',
          },
          [PROMOTION_PAYLOAD.sourceEnvironment]: {
            description: 'The environment the model package was approved in',
            type: 'choice',
            options: sources.map((environment) => environment.name),
            required: true,
          },
          [PROMOTION_PAYLOAD.modelPackageArn]: {
            description:
              'model-package only: the approved, versioned model package ARN in that environment: arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>',
            type: 'string',
            required: false,
          },
        },
      },
    },
    permissions: note('Nothing by default; each job asks for what it needs.', {}),
    jobs,
  };
}

/**
 * Reads the two inputs from whichever event started the run and checks them before any job with
 * credentials starts. The values reach the shell only through environment variables, never
 * through `${{ }}` in a script: an event payload is untrusted input.
 */
function resolveJob(model: WorkflowModel, sources: readonly WorkflowEnvironment[]) {
  const payload = (key: string) => `\${{ github.event.client_payload.${key} || inputs.${key} }}`;
  const allowed = sources.map((environment) => environment.name).join(', ');
  const next = (environment: WorkflowEnvironment) =>
    model.chain[model.chain.indexOf(environment) + 1].name;
  return {
    name: 'Check the promotion request',
    if: note(
      "The deploy role accepts only this repository's deploy and promote workflows on main (job_workflow_ref).\nThe GenAI path has its own jobs (promote-genai-<env>); a push starts only the GenAI path.",
      `\${{ github.repository == '${model.repository}' && github.ref == 'refs/heads/main' && github.event_name != 'push' && inputs.${ASSET_INPUT} != '${GENAI_ASSET}' }}`,
    ),
    'runs-on': RUNNER,
    'timeout-minutes': 5,
    permissions: {},
    outputs: {
      'source-environment': '${{ steps.check.outputs.source-environment }}',
      'target-environment': '${{ steps.check.outputs.target-environment }}',
      'model-package-arn': '${{ steps.check.outputs.model-package-arn }}',
    },
    steps: [
      {
        name: 'Source environment, target environment and model package ARN',
        id: 'check',
        env: {
          SOURCE_ENVIRONMENT: payload(PROMOTION_PAYLOAD.sourceEnvironment),
          TARGET_ENVIRONMENT: `\${{ github.event.client_payload.${PROMOTION_PAYLOAD.targetEnvironment} }}`,
          MODEL_PACKAGE_ARN: payload(PROMOTION_PAYLOAD.modelPackageArn),
        },
        run: [
          '# %q prints a received value escaped, so it cannot start a workflow command of its own.',
          'case "$SOURCE_ENVIRONMENT" in',
          ...sources.map(
            (environment) =>
              `  ${environment.name}) account=${environment.accountId} next=${next(environment)} ;;`,
          ),
          '  *)',
          `    echo "::error::The source environment is not one a promotion starts from. Allowed: ${allowed} (the promotion chain of environments/platform.json without its last environment)."`,
          `    printf 'Received: %q\\n' "$SOURCE_ENVIRONMENT"`,
          '    exit 1 ;;',
          'esac',
          '# A dispatch names the one hop it is for: the environment right after the source.',
          'if [ -n "$TARGET_ENVIRONMENT" ] && [ "$TARGET_ENVIRONMENT" != "$next" ]; then',
          '  echo "::error::A promotion from $SOURCE_ENVIRONMENT goes to $next, the next environment of the promotion chain, not to the target environment received."',
          `  printf 'Received: %q\\n' "$TARGET_ENVIRONMENT"`,
          '  exit 1',
          'fi',
          "pattern='^arn:aws[a-z-]*:sagemaker:[a-z0-9-]+:([0-9]{12}):model-package/[a-zA-Z0-9][a-zA-Z0-9-]{0,62}/[0-9]+$'",
          'if ! [[ "$MODEL_PACKAGE_ARN" =~ $pattern ]]; then',
          '  echo "::error::The model package ARN is not a versioned model package ARN: arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>."',
          `  printf 'Received: %q\\n' "$MODEL_PACKAGE_ARN"`,
          '  exit 1',
          'fi',
          'if [ "${BASH_REMATCH[1]}" != "$account" ]; then',
          '  echo "::error::The model package ARN $MODEL_PACKAGE_ARN is in account ${BASH_REMATCH[1]}, but $SOURCE_ENVIRONMENT is account $account (environments/$SOURCE_ENVIRONMENT.json). Send the ARN of the package in the source environment\'s registry."',
          '  exit 1',
          'fi',
          'echo "source-environment=$SOURCE_ENVIRONMENT" >> "$GITHUB_OUTPUT"',
          '# A run promotes one hop: the approval at its end forwards the package to the next hop.',
          'echo "target-environment=${TARGET_ENVIRONMENT:-$next}" >> "$GITHUB_OUTPUT"',
          'echo "model-package-arn=$MODEL_PACKAGE_ARN" >> "$GITHUB_OUTPUT"',
          '',
        ].join('\n'),
      },
    ],
  };
}

function promoteJob(model: WorkflowModel, environment: WorkflowEnvironment, index: number) {
  const previous = environment.previous as string;
  const earlier = model.chain
    .slice(0, model.chain.indexOf(environment))
    .map((candidate) => candidate.name);
  // The package to promote: what the previous job registered, or the requested one when this job
  // is the first of the run (the promotion started at the previous environment).
  const arn =
    index === 0
      ? '${{ needs.resolve.outputs.model-package-arn }}'
      : `\${{ needs.${promoteJobId(previous)}.outputs.model-package-arn || needs.resolve.outputs.model-package-arn }}`;
  return {
    name: `Promote ${previous} -> ${environment.name}`,
    needs: index === 0 ? ['resolve'] : ['resolve', promoteJobId(previous)],
    if: note(
      `Runs when the promotion started before ${environment.name} and, for a dispatched hop, is for ${environment.name}.\n!failure(): not after a failed job; a skipped job before it (a later start) does not stop it.`,
      `\${{ !cancelled() && !failure() && contains(fromJSON('${JSON.stringify(earlier)}'), needs.resolve.outputs.source-environment) && (needs.resolve.outputs.target-environment == '' || needs.resolve.outputs.target-environment == '${environment.name}') }}`,
    ),
    'runs-on': RUNNER,
    'timeout-minutes': 60,
    environment: githubEnvironment(model, environment),
    concurrency: deployConcurrency(environment.name),
    permissions: { contents: 'read', 'id-token': 'write' },
    env: { ...TERRAFORM_JOB_ENV, MODEL_PACKAGE_ARN: arn },
    outputs: {
      'model-package-arn': '${{ steps.release.outputs.model-package-arn }}',
      'release-manifest': '${{ steps.release.outputs.release-manifest }}',
    },
    steps: [
      ...promoteJobSetup(model, environment),
      preflight(environment.name, environment.accountId, environment.promotionRoleArn),
      note(
        `Copies the artifact into ${environment.name}, registers it with the source ARN as lineage and writes\nenvironments/releases/${environment.name}.json; it assumes the promotion role itself.`,
        {
          name: `Promote the model package from ${previous} to ${environment.name}`,
          run: `npm run platform -- promote --from ${previous} --to ${environment.name} --model-package-arn "$MODEL_PACKAGE_ARN"`,
        },
      ),
      {
        name: `The release ${environment.name} now records`,
        id: 'release',
        run: `bash ${RECORD_RELEASE_SCRIPT} ${environment.name} "$MODEL_PACKAGE_ARN"`,
      },
      note(
        `The inference stacks that serve the promoted group in ${environment.name}: projects whose profile has an\ninference blueprint and whose release names the group, and whose blueprint app exists.`,
        {
          name: `Inference stacks of ${environment.name} that serve the promoted group`,
          id: 'stacks',
          env: { PROMOTED_ARN: '${{ steps.release.outputs.model-package-arn }}' },
          run: `echo "names=$(${TS_SCRIPT} ${RELEASE_STACKS_SCRIPT} ${environment.name} "$PROMOTED_ARN")" >> "$GITHUB_OUTPUT"`,
        },
      ),
      synth(environment.name),
      policyGate(environment.name),
      {
        name: `platform deploy: init, plan -out tfplan, apply tfplan for those inference stacks of ${environment.name}`,
        if: "steps.stacks.outputs.names != ''",
        env: { STACK_NAMES: '${{ steps.stacks.outputs.names }}' },
        run: deployStacks(environment.name, '"$STACK_NAMES"'),
      },
      {
        name: `Smoke test: ${environment.name} serves what environments/releases/${environment.name}.json says`,
        run: `bash ${SMOKE_RELEASE_SCRIPT} ${environment.name}`,
      },
      {
        name: `Smoke test: call the routes that serve the promoted package through the inference API (SigV4) with the configured payload`,
        env: { PROMOTED_ARN: '${{ steps.release.outputs.model-package-arn }}' },
        run: `${TS_SCRIPT} ${SMOKE_INVOKE_SCRIPT} ${environment.name} "$PROMOTED_ARN"`,
      },
      note(
        `Only now, after the apply and both smoke tests, is the package approved in ${environment.name}: the approval\nforwards it to the next environment of the chain.`,
        {
          name: `Approve the promoted package in ${environment.name}`,
          env: { PROMOTED_ARN: '${{ steps.release.outputs.model-package-arn }}' },
          run: `npm run platform -- approve --env ${environment.name} --model-package-arn "$PROMOTED_ARN"`,
        },
      ),
    ],
  };
}

/**
 * The only job that writes to the repository, and it holds no cloud credentials. A pull request
 * opened with GITHUB_TOKEN does not start other workflows: CI runs on it once someone pushes to it
 * or closes and reopens it. The repository must allow it: Settings > Actions > General > "Allow
 * GitHub Actions to create and approve pull requests".
 */
function recordReleasesJob(targets: readonly WorkflowEnvironment[]) {
  const variable = (environment: WorkflowEnvironment) =>
    `RELEASE_${environment.name.toUpperCase()}`;
  return {
    name: 'Open a pull request with the new releases',
    needs: ['resolve', ...targets.map((environment) => promoteJobId(environment.name))],
    if: `\${{ !cancelled() && (${targets
      .map((environment) => `needs.${promoteJobId(environment.name)}.result == 'success'`)
      .join(' || ')}) }}`,
    'runs-on': RUNNER,
    'timeout-minutes': 10,
    permissions: { contents: 'write', 'pull-requests': 'write' },
    steps: [
      checkout(),
      {
        name: 'Write the release manifests the promote jobs recorded',
        env: Object.fromEntries(
          targets.map((environment) => [
            variable(environment),
            `\${{ needs.${promoteJobId(environment.name)}.outputs.release-manifest }}`,
          ]),
        ),
        run: [
          ...targets.map(
            (environment) =>
              `if [ -n "$${variable(environment)}" ]; then printf '%s\\n' "$${variable(environment)}" > environments/releases/${environment.name}.json; fi`,
          ),
          'git status --short -- environments/releases',
          '',
        ].join('\n'),
      },
      openReleasePullRequest({
        paths: 'environments/releases',
        env: {
          SOURCE_ENVIRONMENT: '${{ needs.resolve.outputs.source-environment }}',
          MODEL_PACKAGE_ARN: '${{ needs.resolve.outputs.model-package-arn }}',
        },
        subject: 'Release $MODEL_PACKAGE_ARN',
        commitMessage: 'Release $MODEL_PACKAGE_ARN (promoted from $SOURCE_ENVIRONMENT)',
        body: 'Promoted from $SOURCE_ENVIRONMENT by ${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}. The environments already serve these releases; merge so that main (and the next deploy) agrees.',
      }),
    ],
  };
}
