import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { jsonLogger, type Logger } from '../shared/log';
import { ORCHESTRATION_ERRORS, OrchestrationError } from '../shared/orchestration-errors';
import { parseProjectRequest, type ProjectRequest } from '../shared/project-request';
import { hasProject, type ProjectEntry, withProject } from './environment-file';
import { type Fetch, GitHubRepository } from './github-repository';
import {
  parsePullRequestSetting,
  PULL_REQUEST_ENVIRONMENT_VARIABLE,
  type PullRequestSetting,
} from './pull-request-setting';

export interface PullRequestOutcome {
  /** `opened` now, `exists` from an earlier event, `merged-already` when main has the project. */
  readonly outcome: 'opened' | 'exists' | 'merged-already';
  readonly branch: string;
  readonly pullRequestUrl?: string;
  readonly pullRequestNumber?: number;
}

export interface ProjectPullRequestDependencies {
  readonly secrets: SecretsManagerClient;
  readonly setting: Required<PullRequestSetting>;
  /** @default globalThis.fetch */
  readonly fetch?: Fetch;
  readonly log?: Logger;
}

/** One branch per environment and project: what makes a second event find the first's work. */
export const branchOf = (request: ProjectRequest): string =>
  `smus/${request.environment}/${request.name}`;

/**
 * The last step of the project orchestration: requests the deployment the GitOps way, a pull
 * request adding the project to `environments/<env>.json`; deploy.yml deploys it once merged.
 * Idempotent: main already holding the project, or any pull request (open, merged or closed)
 * from the project's branch, ends the step without a second one; a branch or a commit left by
 * an interrupted run is reused.
 */
export function createProjectPullRequest(dependencies: ProjectPullRequestDependencies) {
  const { setting, secrets } = dependencies;
  const log = dependencies.log ?? jsonLogger;
  const doFetch: Fetch = dependencies.fetch ?? ((url, init) => fetch(url, init));
  return async (input: unknown): Promise<PullRequestOutcome> => {
    const request = parseProjectRequest(input);
    const token = await tokenOf(secrets, setting.tokenSecretId);
    const github = new GitHubRepository(doFetch, setting.apiUrl, setting.repository, token);
    const path = `${setting.environmentsDirectory}/${request.environment}.json`;
    const branch = branchOf(request);
    const entry: ProjectEntry = {
      name: request.name,
      profile: request.profile,
      smusProjectId: request.smusProjectId,
      smusProjectRoleArn: request.smusProjectRoleArn,
    };
    const fields = { projectId: request.smusProjectId, environment: request.environment, branch };

    if (hasProject((await github.file(path, setting.baseBranch)).text, entry, path)) {
      log('info', 'project-merged-already', fields);
      return { outcome: 'merged-already', branch };
    }
    const earlier = await github.pullRequestFrom(branch);
    if (earlier) {
      log('info', 'pull-request-exists', { ...fields, number: earlier.number });
      return exists(branch, earlier);
    }
    if (!(await github.branchSha(branch))) {
      const base = await github.branchSha(setting.baseBranch);
      if (!base)
        throw new OrchestrationError(
          ORCHESTRATION_ERRORS.gitHubRefused,
          `the base branch ${setting.baseBranch} of ${setting.repository} does not exist; fix baseBranch of the function's setting`,
        );
      await github.createBranch(branch, base);
    }
    const file = await github.file(path, branch);
    if (!hasProject(file.text, entry, path)) {
      await github.putFile(
        path,
        branch,
        { text: withProject(file.text, entry, path), sha: file.sha },
        `Add SMUS project ${request.name} to ${request.environment}`,
      );
    }
    const opened = await github.openPullRequest(
      branch,
      setting.baseBranch,
      `Add SMUS project ${request.name} to ${request.environment}`,
      description(request),
    );
    // GitHub refuses a second pull request from a branch: another execution was faster.
    const pull = opened ?? (await github.pullRequestFrom(branch));
    if (!pull)
      throw new OrchestrationError(
        ORCHESTRATION_ERRORS.gitHubUnavailable,
        `GitHub refused the pull request from ${branch} and lists none`,
      );
    log('info', opened ? 'pull-request-opened' : 'pull-request-exists', {
      ...fields,
      number: pull.number,
    });
    return opened
      ? { outcome: 'opened', branch, pullRequestUrl: pull.url, pullRequestNumber: pull.number }
      : exists(branch, pull);
  };
}

const exists = (branch: string, pull: { url: string; number: number }): PullRequestOutcome => ({
  outcome: 'exists',
  branch,
  pullRequestUrl: pull.url,
  pullRequestNumber: pull.number,
});

async function tokenOf(secrets: SecretsManagerClient, secretId: string): Promise<string> {
  let token: string | undefined;
  try {
    token = (await secrets.send(new GetSecretValueCommand({ SecretId: secretId }))).SecretString;
  } catch (error) {
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.gitHubRefused,
      `the GitHub token secret ${secretId} cannot be read (${error instanceof Error ? error.name : 'UnknownError'}); set its value with aws secretsmanager put-secret-value`,
    );
  }
  if (!token?.trim())
    throw new OrchestrationError(
      ORCHESTRATION_ERRORS.gitHubRefused,
      `the GitHub token secret ${secretId} is empty; set its value with aws secretsmanager put-secret-value`,
    );
  return token.trim();
}

function description(request: ProjectRequest): string {
  return [
    `SageMaker Unified Studio project **${request.smusProjectName}** (\`${request.smusProjectId}\`) was created with the project profile \`${request.profile}\`.`,
    '',
    `This adds it to \`${request.environment}\` as \`${request.name}\`, with the project role \`${request.smusProjectRoleArn}\`. Once merged, deploy.yml deploys its blueprints:`,
    '',
    ...request.blueprints.map((blueprint) => `- ${blueprint}`),
    '',
    'Opened by the shared-services project orchestration.',
  ].join('\n');
}

let deployed: ReturnType<typeof createProjectPullRequest> | undefined;

/** Lambda's entry point: the client and setting are built at the first event of a container. */
export async function handler(event: unknown): Promise<PullRequestOutcome> {
  if (!deployed) {
    const setting = parsePullRequestSetting(process.env[PULL_REQUEST_ENVIRONMENT_VARIABLE]);
    const secrets = new SecretsManagerClient({
      maxAttempts: 3,
      retryMode: 'standard',
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 5_000 }),
    });
    deployed = createProjectPullRequest({ secrets, setting });
  }
  return deployed(event);
}
