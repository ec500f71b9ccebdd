import type { PolicyStatement } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import type { IPermissionsBoundary } from './permissions-boundary';
import { PlatformRole, type PlatformRoleProps } from './platform-role';

export const GITHUB_OIDC_HOST = 'token.actions.githubusercontent.com';
/** Sid of a GitHub OIDC role's trust statement. */
export const GITHUB_TRUST_SID = 'GithubActionsOfThisRepository';

/** Who in the repository may assume the role: a deployment environment, pull requests, or a branch. */
export type GithubSubject =
  | { readonly environment: string }
  | { readonly pullRequests: true }
  | { readonly branch: string };

export interface GithubOidcRoleProps extends PlatformRoleProps {
  /** Purpose, part of the role name `<platform>-<env>-<purpose>`, such as "github-deploy". */
  readonly purpose: string;
  readonly description: string;
  /** ARN of the account's token.actions.githubusercontent.com OIDC provider. */
  readonly providerArn: string;
  /** `<org>/<repo>`: the only repository whose workflows may assume the role. */
  readonly repository: string;
  /** The subjects admitted; each becomes one exact `sub` value, never a wildcard. */
  readonly subjects: readonly GithubSubject[];
  readonly permissionsBoundary: IPermissionsBoundary;
  /** What the role may do once assumed. */
  readonly statements: readonly PolicyStatement[];
  /**
   * Workflows allowed to assume the role, as `job_workflow_ref` values
   * (`<org>/<repo>/.github/workflows/<file>@refs/heads/<branch>`). STS validates this GitHub
   * claim (it is in the IAM catalogue as a condition key of sts:AssumeRoleWithWebIdentity).
   * @default - any workflow of the admitted subjects
   */
  readonly jobWorkflowRefs?: readonly string[];
  /** @default 3600 - one hour, the length of a CI job */
  readonly maxSessionDurationSeconds?: number;
}

const NAME = /^[A-Za-z0-9._-]+$/;

/** `repo:<org>/<repo>:environment:<env>`, `...:pull_request`, `...:ref:refs/heads/<branch>`. */
export function githubSubjectClaim(repository: string, subject: GithubSubject): string {
  if ('environment' in subject) return `repo:${repository}:environment:${subject.environment}`;
  if ('branch' in subject) return `repo:${repository}:ref:refs/heads/${subject.branch}`;
  return `repo:${repository}:pull_request`;
}

/**
 * A role that GitHub Actions assumes through OIDC: the audience pinned to STS, the subject to exact
 * claims of one repository and, optionally, the workflow, with the permissions boundary and the
 * collected inline policy of PlatformRole.
 */
export class GithubOidcRole extends PlatformRole {
  constructor(scope: Construct, id: string, props: GithubOidcRoleProps) {
    const problems: string[] = [];
    const [org, repo, extra] = props.repository.split('/');
    const repositoryKnown = !Token.isUnresolved(props.repository);
    if (
      repositoryKnown &&
      (!org || !repo || extra !== undefined || !NAME.test(org) || !NAME.test(repo))
    ) {
      problems.push(`repository "${props.repository}" must be "<org>/<repo>" without wildcards`);
    }
    if (props.subjects.length === 0)
      problems.push('subjects is empty; name at least one environment, branch or pull requests');
    for (const subject of props.subjects) {
      const value =
        'environment' in subject
          ? subject.environment
          : 'branch' in subject
            ? subject.branch
            : 'pull_request';
      if (!Token.isUnresolved(value) && !/^[A-Za-z0-9._/-]+$/.test(value)) {
        problems.push(`subject "${value}" may hold only letters, digits and ._/- (no wildcards)`);
      }
    }
    for (const ref of props.jobWorkflowRefs ?? []) {
      if (!Token.isUnresolved(ref) && !ref.startsWith(`${props.repository}/.github/workflows/`)) {
        problems.push(
          `jobWorkflowRefs "${ref}" must start with "${props.repository}/.github/workflows/"`,
        );
      }
      if (!Token.isUnresolved(ref) && /[*?]/.test(ref))
        problems.push(`jobWorkflowRefs "${ref}" must not hold wildcards`);
    }
    const statements: PolicyStatement[] = [
      {
        Sid: GITHUB_TRUST_SID,
        Effect: 'Allow',
        Principal: { Federated: props.providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${GITHUB_OIDC_HOST}:aud`]: 'sts.amazonaws.com',
            [`${GITHUB_OIDC_HOST}:sub`]: props.subjects.map((subject) =>
              githubSubjectClaim(props.repository, subject),
            ),
            ...(props.jobWorkflowRefs?.length
              ? { [`${GITHUB_OIDC_HOST}:job_workflow_ref`]: [...props.jobWorkflowRefs] }
              : {}),
          },
        },
      },
    ];
    super(scope, id, props, { statements, problems });
  }
}
