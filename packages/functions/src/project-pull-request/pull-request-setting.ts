/**
 * Where the pull-request function opens its pull requests: the platform repository, its base
 * branch and configuration folder, and the Secrets Manager secret holding the GitHub token (set
 * out of band, never in Terraform state). Stacks encode it with `pullRequestEnvironment`.
 */
export interface PullRequestSetting {
  /** `<owner>/<repository>` of the platform repository. */
  readonly repository: string;
  /** The branch pull requests target. @default main */
  readonly baseBranch?: string;
  /** The folder of the environment files. @default environments */
  readonly environmentsDirectory?: string;
  /** ARN of the secret whose value is a GitHub token allowed to push branches and open pull requests. */
  readonly tokenSecretId: string;
  /** GitHub's REST API. @default https://api.github.com */
  readonly apiUrl?: string;
}

export const PULL_REQUEST_ENVIRONMENT_VARIABLE = 'PROJECT_PULL_REQUEST';

const REPOSITORY = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,38})\/[A-Za-z0-9._-]{1,100}$/;

export function pullRequestSettingProblems(setting: PullRequestSetting): string[] {
  const problems: string[] = [];
  if (!REPOSITORY.test(String(setting.repository)))
    problems.push(`repository is ${JSON.stringify(setting.repository)}; expected "<owner>/<name>"`);
  if (typeof setting.tokenSecretId !== 'string' || setting.tokenSecretId.length === 0)
    problems.push('tokenSecretId is empty; name the secret of the GitHub token');
  if (setting.apiUrl !== undefined && !/^https?:\/\//.test(setting.apiUrl))
    problems.push(`apiUrl is ${JSON.stringify(setting.apiUrl)}; expected a URL`);
  return problems;
}

/** The environment variable a stack sets on the function; throws on an invalid setting. */
export function pullRequestEnvironment(setting: PullRequestSetting): Record<string, string> {
  const problems = pullRequestSettingProblems(setting);
  if (problems.length > 0) throw new Error(`pull request setting:\n  ${problems.join('\n  ')}`);
  return { [PULL_REQUEST_ENVIRONMENT_VARIABLE]: JSON.stringify(setting) };
}

export function parsePullRequestSetting(text: string | undefined): Required<PullRequestSetting> {
  let setting: PullRequestSetting;
  try {
    setting = JSON.parse(text ?? '') as PullRequestSetting;
  } catch {
    throw new Error(
      `${PULL_REQUEST_ENVIRONMENT_VARIABLE} is not JSON; the stack sets it with pullRequestEnvironment`,
    );
  }
  const problems = pullRequestSettingProblems(setting ?? ({} as PullRequestSetting));
  if (problems.length > 0)
    throw new Error(`${PULL_REQUEST_ENVIRONMENT_VARIABLE}: ${problems.join('; ')}`);
  return {
    baseBranch: 'main',
    environmentsDirectory: 'environments',
    apiUrl: 'https://api.github.com',
    ...setting,
  };
}
