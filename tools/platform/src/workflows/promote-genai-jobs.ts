import { RELEASES_DIR } from '@genai-sandbox/config';
import { deployConcurrency, githubEnvironment } from './deploy-workflow';
import type { WorkflowEnvironment, WorkflowModel } from './model';
import { note } from './render';
import {
  checkout,
  GENAI_EVALUATION_FLAGS_SCRIPT,
  GENAI_NEXT_HOP_SCRIPT,
  openReleasePullRequest,
  policyGate,
  preflight,
  promoteJobSetup,
  RUNNER,
  synth,
  TERRAFORM_JOB_ENV,
} from './steps';

/**
 * The GenAI path of promote.yml (docs/architecture.md#genai-settings-versions): a run moves the GenAI
 * settings version an environment serves one hop, with the model path's flow: the target's GitHub
 * environment (prod's reviewers), its deploy concurrency group, the policy gate, the apply of
 * exactly the genai-bedrock stacks, the evaluation gate, and a pull request recording the pin.
 * The first hop is started by hand (`asset: genai-settings` and the source environment): deciding
 * that dev's settings are ready is a person's call, like approving a model in dev. Every later hop
 * starts by itself when that pull request is merged: the push to main that changes an
 * environment's pin runs genai-next-hop, which names the environment to promote from (promote-genai
 * reads the source's pin, and its evaluation, from main).
 */

/** The workflow_dispatch input that chooses the path. */
export const ASSET_INPUT = 'asset';
export const GENAI_ASSET = 'genai-settings';

/** promote-genai-<env>, the job ID in promote.yml. */
export function promoteGenaiJobId(environment: string): string {
  return `promote-genai-${environment}`;
}

/** The job that finds the hop a push to main makes due. */
export const GENAI_NEXT_HOP_JOB = 'genai-next-hop';

export function genaiPromoteJobs(model: WorkflowModel): Record<string, unknown> {
  const targets = model.chain.slice(1);
  const jobs: Record<string, unknown> = { [GENAI_NEXT_HOP_JOB]: genaiNextHopJob(model) };
  for (const environment of targets)
    jobs[promoteGenaiJobId(environment.name)] = promoteGenaiJob(model, environment);
  jobs['record-genai-release'] = recordGenaiReleaseJob(targets);
  return jobs;
}

function promoteGenaiJob(model: WorkflowModel, environment: WorkflowEnvironment) {
  const previous = environment.previous as string;
  const last = environment === model.chain[model.chain.length - 1];
  const manifest = `environments/${RELEASES_DIR}/${environment.name}.json`;
  return {
    name: `Promote GenAI settings ${previous} -> ${environment.name}`,
    needs: [GENAI_NEXT_HOP_JOB],
    if: note(
      `On main of this repository, one hop per run: by hand (workflow_dispatch), or after a push that\nchanged ${previous}'s pin (genai-next-hop). !cancelled(): genai-next-hop is skipped on a run by hand.`,
      `\${{ !cancelled() && github.repository == '${model.repository}' && github.ref == 'refs/heads/main' && ((github.event_name == 'workflow_dispatch' && inputs.${ASSET_INPUT} == '${GENAI_ASSET}' && inputs.source_environment == '${previous}') || (github.event_name == 'push' && needs.${GENAI_NEXT_HOP_JOB}.outputs.source-environment == '${previous}')) }}`,
    ),
    'runs-on': RUNNER,
    'timeout-minutes': 60,
    environment: githubEnvironment(model, environment),
    concurrency: deployConcurrency(environment.name),
    permissions: { contents: 'read', 'id-token': 'write' },
    env: { ...TERRAFORM_JOB_ENV },
    outputs: {
      'release-manifest': '${{ steps.record.outputs.release-manifest }}',
      version: '${{ steps.record.outputs.version }}',
      'settings-file': '${{ steps.record.outputs.settings-file }}',
    },
    steps: [
      ...promoteJobSetup(model, environment),
      preflight(environment.name, environment.accountId),
      note(
        `Stores the version ${previous} serves (environments/genai/<version>.json) and pins it in ${manifest};\nfrom an environment after the first, only a version that passed the evaluation gate there.`,
        {
          name: `Promote the GenAI settings from ${previous} to ${environment.name}`,
          run: `npm run platform -- promote-genai --from ${previous} --to ${environment.name}`,
        },
      ),
      synth(environment.name),
      policyGate(environment.name),
      {
        name: `platform deploy: the genai-bedrock stacks of ${environment.name}`,
        run: `npm run platform -- deploy --env ${environment.name} --app genai-bedrock --auto-approve`,
      },
      note(
        last
          ? `The evaluation gate once more, against the guardrails and agents ${environment.name} now serves.`
          : `The evaluation gate: --record writes the pass into ${manifest}, which the next hop requires.`,
        {
          name: `Evaluation gate: the deployed guardrails and agents of ${environment.name} answer the configured prompts as required`,
          run: [
            `flags=$(bash ${GENAI_EVALUATION_FLAGS_SCRIPT} ${environment.name})`,
            '# Word splitting on purpose: one --guardrail or --agent flag and value per word.',
            `npm run platform -- evaluate-genai --env ${environment.name} $flags${last ? '' : ' --record'}`,
            '',
          ].join('\n'),
        },
      ),
      {
        name: `The pin and stored settings ${environment.name} now records`,
        id: 'record',
        run: [
          `version=$(jq -r '.genaiSettings.version' ${manifest})`,
          `settings_file="environments/genai/$version.json"`,
          'delimiter="genai_release_$(od -An -N8 -tx1 /dev/urandom | tr -d \' \\n\')"',
          '{',
          '  echo "version=$version"',
          '  echo "settings-file<<$delimiter"; cat "$settings_file"; echo "$delimiter"',
          `  echo "release-manifest<<$delimiter"; cat ${manifest}; echo "$delimiter"`,
          '} >> "$GITHUB_OUTPUT"',
          '',
        ].join('\n'),
      },
    ],
  };
}

/**
 * On a push to main: which environment's pin the push changed while the next environment does not
 * serve that version yet. No credentials and no install: git and jq on the checked-out commit.
 */
function genaiNextHopJob(model: WorkflowModel) {
  return {
    name: 'Find the GenAI settings hop a merged pin starts',
    if: `\${{ github.repository == '${model.repository}' && github.ref == 'refs/heads/main' && github.event_name == 'push' }}`,
    'runs-on': RUNNER,
    'timeout-minutes': 5,
    permissions: { contents: 'read' },
    outputs: { 'source-environment': '${{ steps.hop.outputs.source-environment }}' },
    steps: [
      // The commit before the push is compared with the pushed one: all of main's history.
      checkout(0),
      {
        name: 'The environment whose new pin the next environment does not serve yet',
        id: 'hop',
        env: { BEFORE: '${{ github.event.before }}' },
        run: `bash ${GENAI_NEXT_HOP_SCRIPT} "$BEFORE" ${model.chain.map((environment) => environment.name).join(' ')}\n`,
      },
    ],
  };
}

/** Like the model path's record-releases: no cloud credentials, the only job that writes. */
function recordGenaiReleaseJob(targets: readonly WorkflowEnvironment[]) {
  const variable = (environment: WorkflowEnvironment) =>
    `RELEASE_${environment.name.toUpperCase()}`;
  const job = (environment: WorkflowEnvironment) =>
    `needs.${promoteGenaiJobId(environment.name)}.outputs`;
  return {
    name: 'Open a pull request with the new GenAI settings pin',
    needs: targets.map((environment) => promoteGenaiJobId(environment.name)),
    if: `\${{ !cancelled() && (${targets
      .map((environment) => `needs.${promoteGenaiJobId(environment.name)}.result == 'success'`)
      .join(' || ')}) }}`,
    'runs-on': RUNNER,
    'timeout-minutes': 10,
    permissions: { contents: 'write', 'pull-requests': 'write' },
    steps: [
      checkout(),
      {
        name: 'Write the pin and the stored settings the promote job recorded',
        env: {
          ...Object.fromEntries(
            targets.map((environment) => [
              variable(environment),
              `\${{ ${job(environment)}.release-manifest }}`,
            ]),
          ),
          VERSION: `\${{ ${targets.map((environment) => `${job(environment)}.version`).join(' || ')} }}`,
          SETTINGS: `\${{ ${targets.map((environment) => `${job(environment)}.settings-file`).join(' || ')} }}`,
        },
        run: [
          '# The version is a hash: 16 hex digits and nothing else may name a file.',
          'if ! [[ "$VERSION" =~ ^[0-9a-f]{16}$ ]]; then echo "::error::No GenAI settings version was recorded."; exit 1; fi',
          'mkdir -p environments/genai',
          'printf \'%s\\n\' "$SETTINGS" > "environments/genai/$VERSION.json"',
          ...targets.map(
            (environment) =>
              `if [ -n "$${variable(environment)}" ]; then printf '%s\\n' "$${variable(environment)}" > environments/${RELEASES_DIR}/${environment.name}.json; fi`,
          ),
          'git status --short -- environments',
          '',
        ].join('\n'),
      },
      openReleasePullRequest({
        paths: `environments/${RELEASES_DIR} environments/genai`,
        env: {
          VERSION: `\${{ ${targets.map((environment) => `${job(environment)}.version`).join(' || ')} }}`,
        },
        subject: 'GenAI settings $VERSION',
        body: 'Promoted GenAI settings $VERSION by ${GITHUB_SERVER_URL}/${GITHUB_REPOSITORY}/actions/runs/${GITHUB_RUN_ID}. The environment already deploys them and they passed its evaluation gate; merge so that main (and the next deploy and hop) agrees.',
      }),
    ],
  };
}
