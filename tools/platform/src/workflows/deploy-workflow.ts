import type { WorkflowEnvironment, WorkflowModel, WorkflowSharedServices } from './model';
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

/** `deploy-shared-services`: the job of the shared-services account in deploy.yml. */
export const SHARED_SERVICES_DEPLOY_JOB = 'deploy-shared-services';

/**
 * The shared-services account's GitHub environment. Its deploy role (bootstrap-shared-services)
 * trusts only tokens of it; reviewers are optional, set in GitHub like the others.
 */
function sharedServicesGithubEnvironment(
  model: WorkflowModel,
  shared: WorkflowSharedServices,
): string {
  return note(
    `The deploy role of the shared-services account trusts only tokens of this GitHub environment
(sub = repo:${model.repository}:environment:${shared.githubEnvironment}). Settings > Environments >
${shared.githubEnvironment}: limit its deployment branches to main; add reviewers if the domain needs them.`,
    shared.githubEnvironment,
  );
}

/** The steps of a deploy job: synth and the gate without credentials, then the account's deploy role. */
function deploySteps(
  model: WorkflowModel,
  target: {
    readonly name: string;
    readonly region: string;
    readonly accountId: string;
    readonly deployRoleArn: string;
  },
): Record<string, unknown>[] {
  return [
    checkout(),
    ...setupNode(model, false),
    note('Synthesis needs no credentials, so it runs before there are any.', synth(target.name)),
    policyGate(target.name),
    setupTerraform(model),
    awsCredentials({
      environment: target.name,
      region: target.region,
      roleArn: target.deployRoleArn,
      purpose: 'deploy',
    }),
    preflight(target.name, target.accountId),
    {
      name: `platform deploy: init, plan -out tfplan, apply tfplan for every ${target.name} stack in dependency order`,
      run: deployStacks(target.name),
    },
  ];
}

/**
 * deploy.yml: on every push to main (and by hand), each environment of the chain in order, each
 * job waiting for the previous one and for its environment's protection rules, and the
 * shared-services account in a job of its own (`--env shared`, GitHub environment
 * shared-services), which waits for none: no environment's stacks read its state, and a first
 * deployment orders them by hand (apps/shared-services/README.md). Bootstrap stacks are applied
 * by an administrator and never here (platform deploy skips them).
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
      steps: deploySteps(model, environment),
    };
  });
  const shared = model.sharedServices;
  if (shared) {
    jobs[SHARED_SERVICES_DEPLOY_JOB] = {
      name: 'Deploy shared services',
      if: onlyMainOfThisRepository(model),
      'runs-on': RUNNER,
      'timeout-minutes': 60,
      environment: sharedServicesGithubEnvironment(model, shared),
      concurrency: deployConcurrency(shared.name),
      permissions: { contents: 'read', 'id-token': 'write' },
      env: TERRAFORM_JOB_ENV,
      steps: deploySteps(model, shared),
    };
  }
  return {
    name: 'Deploy',
    on: { push: { branches: ['main'] }, workflow_dispatch: {} },
    permissions: note('Nothing by default; each job asks for what it needs.', {}),
    jobs,
  };
}
