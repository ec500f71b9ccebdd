import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { GithubOidcRole, type GithubOidcRoleProps, PermissionsBoundary } from '../src';

function synthRole(props: Partial<GithubOidcRoleProps> = {}) {
  const stack = testStack();
  const boundary = new PermissionsBoundary(stack, 'Boundary');
  new GithubOidcRole(stack, 'Deploy', {
    purpose: 'github-deploy',
    description: 'Deploys dev',
    providerArn: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
    repository: 'example-org/genai-sandbox',
    subjects: [{ environment: 'dev' }],
    permissionsBoundary: boundary,
    statements: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: 'arn:aws:s3:::b/*' }],
    ...props,
  });
  return synthesize(stack);
}

describe('GithubOidcRole', () => {
  it('trusts only the repository environment, with the STS audience, for one hour, within the boundary', () => {
    const role = onlyResourceOfType(synthRole(), 'aws_iam_role');
    expect(role).toMatchObject({
      name: 'genai-dev-github-deploy',
      max_session_duration: 3600,
      permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
    });
    expect(JSON.parse(role.assume_role_policy as string).Statement).toEqual([
      {
        Sid: 'GithubActionsOfThisRepository',
        Effect: 'Allow',
        Principal: {
          Federated: 'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com',
        },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com',
            'token.actions.githubusercontent.com:sub': [
              'repo:example-org/genai-sandbox:environment:dev',
            ],
          },
        },
      },
    ]);
  });

  it('renders pull-request and branch subjects exactly', () => {
    const role = onlyResourceOfType(
      synthRole({ purpose: 'github-plan', subjects: [{ pullRequests: true }, { branch: 'main' }] }),
      'aws_iam_role',
    );
    expect(
      JSON.parse(role.assume_role_policy as string).Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:sub'
      ],
    ).toEqual([
      'repo:example-org/genai-sandbox:pull_request',
      'repo:example-org/genai-sandbox:ref:refs/heads/main',
    ]);
  });

  it('fails when the repository or a subject holds a wildcard, listing every problem', () => {
    expect(() =>
      synthRole({
        repository: 'example-org/*',
        subjects: [{ environment: 'prod*' }],
        maxSessionDurationSeconds: 60,
      }),
    ).toThrow(
      /repository "example-org\/\*" must be "<org>\/<repo>" without wildcards\n.*subject "prod\*" may hold only.*\n.*maxSessionDurationSeconds is 60/,
    );
  });

  it('pins the workflow when asked, and refuses a workflow of another repository', () => {
    const ref = 'example-org/genai-sandbox/.github/workflows/deploy.yml@refs/heads/main';
    const role = onlyResourceOfType(synthRole({ jobWorkflowRefs: [ref] }), 'aws_iam_role');
    expect(
      JSON.parse(role.assume_role_policy as string).Statement[0].Condition.StringEquals[
        'token.actions.githubusercontent.com:job_workflow_ref'
      ],
    ).toEqual([ref]);
    expect(() =>
      synthRole({ jobWorkflowRefs: ['other/repo/.github/workflows/x.yml@refs/heads/main'] }),
    ).toThrow(/must start with "example-org\/genai-sandbox\/.github\/workflows\/"/);
  });

  it('fails when no subject is given', () => {
    expect(() => synthRole({ subjects: [] })).toThrow(/subjects is empty/);
  });
});
