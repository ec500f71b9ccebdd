import type { WorkflowEnvironment, WorkflowModel } from './model';
import { note } from './render';
import {
  awsCredentials,
  checkout,
  deployStacks,
  policyGate,
  preflight,
  RUNNER,
  setupNode,
  setupTerraform,
  synth,
  TERRAFORM_JOB_ENV,
} from './steps';

/**
 * The concurrency group of an environment, shared by deploy.yml and promote.yml: GitHub queues
 * every job of one group across workflows, so two applies never race in one account. A running
 * apply is never cancelled (that would leave state locked and resources half-changed).
 */
export function deployConcurrency(environment: string) {
  return note(
    'One apply at a time per account, across deploy.yml and promote.yml; never cancel a running apply.\nGitHub keeps one pending job per group: a newer one replaces an older pending one.',
    { group: `deploy-${environment}`, 'cancel-in-progress': false },
  );
}

/** `environment:` of a job; the note says where the protection rules live. */
export function githubEnvironment(model: WorkflowModel, environment: WorkflowEnvironment): string {
  const trust = `The deploy role of ${environment.name} trusts only tokens of this GitHub environment\n(sub = repo:${model.repository}:environment:${environment.name}).`;
  const last = environment.name === model.chain[model.chain.length - 1].name;
  return note(
    last
      ? `${trust} Its required reviewers are set in GitHub, not here:\nSettings > Environments > ${environment.name} > Required reviewers, and Deployment branches: main.\nThe job waits for their approval.`
      : `${trust} Settings > Environments > ${environment.name}: limit\nits deployment branches to main.`,
    environment.name,
  );
}

/**
 * Forks and other branches skip the job instead of failing at AssumeRoleWithWebIdentity: the
 * deploy role pins job_workflow_ref to the deploy and promote workflows of main.
 */
export function onlyMainOfThisRepository(model: WorkflowModel): string {
  return note(
    "The deploy role accepts only this repository's deploy and promote workflows on main (job_workflow_ref).",
    `\${{ github.repository == '${model.repository}' && github.ref == 'refs/heads/main' }}`,
  );
}

/** deploy-<env>, the job ID in deploy.yml. */
function deployJobId(environment: string): string {
  return `deploy-${environment}`;
}

/**
 * deploy.yml: on every push to main (and by hand), each environment of the chain in order, each
 * job waiting for the previous one and for its environment's protection rules. Bootstrap stacks
 * are applied by an administrator and never here (platform deploy skips them).
 */
export function deployWorkflow(model: WorkflowModel): Record<string, unknown> {
  const jobs: Record<string, unknown> = {};
  model.chain.forEach((environment, index) => {
    jobs[deployJobId(environment.name)] = {
      name: `Deploy ${environment.name}`,
      ...(index > 0 ? { needs: deployJobId(model.chain[index - 1].name) } : {}),
      if: onlyMainOfThisRepository(model),
      'runs-on': RUNNER,
      'timeout-minutes': 60,
      environment: githubEnvironment(model, environment),
      concurrency: deployConcurrency(environment.name),
      permissions: { contents: 'read', 'id-token': 'write' },
      env: TERRAFORM_JOB_ENV,
      steps: [
        checkout(),
        ...setupNode(model, false),
        note(
          'Synthesis needs no credentials, so it runs before there are any.',
          synth(environment.name),
        ),
        policyGate(environment.name),
        setupTerraform(model),
        awsCredentials({
          environment: environment.name,
          region: environment.region,
          roleArn: environment.deployRoleArn,
          purpose: 'deploy',
        }),
        preflight(environment.name, environment.accountId),
        {
          name: `platform deploy: init, plan -out tfplan, apply tfplan for every ${environment.name} stack in dependency order`,
          run: deployStacks(environment.name),
        },
      ],
    };
  });
  return {
    name: 'Deploy',
    on: { push: { branches: ['main'] }, workflow_dispatch: {} },
    permissions: note('Nothing by default; each job asks for what it needs.', {}),
    jobs,
  };
}
