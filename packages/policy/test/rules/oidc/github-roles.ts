import { policy } from '../../helpers';

/**
 * What the bootstrap app will synthesize in each account: GitHub's OIDC provider, a deploy role
 * for the account's GitHub environment and a read-only plan role for pull requests and main.
 */
export const PROVIDER = {
  aws_iam_openid_connect_provider: {
    GithubOidc_Provider_1A2B3C4D: {
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    },
  },
};
export const PROVIDER_REFERENCE =
  '${aws_iam_openid_connect_provider.GithubOidc_Provider_1A2B3C4D.arn}';
export const PROVIDER_ARN =
  'arn:aws:iam::111111111111:oidc-provider/token.actions.githubusercontent.com';

export const AUD = 'token.actions.githubusercontent.com:aud';
export const SUB = 'token.actions.githubusercontent.com:sub';
export const REPO = 'repo:example-org/genai-sandbox';

export const DEPLOY = 'aws_iam_role.GithubDeploy_Role_5E6F7A8B';
export const PLAN = 'aws_iam_role.GithubPlan_Role_9C0D1E2F';

/** The trust policy of a GitHub role: one statement for the provider, with these conditions. */
export function githubTrust(
  condition: Record<string, Record<string, string | string[]>>,
  federated = PROVIDER_REFERENCE,
): string {
  return policy({
    Sid: 'GithubActions',
    Effect: 'Allow',
    Principal: { Federated: federated },
    Action: 'sts:AssumeRoleWithWebIdentity',
    Condition: condition,
  });
}

export const DEPLOY_TRUST = githubTrust({
  StringEquals: { [AUD]: 'sts.amazonaws.com', [SUB]: `${REPO}:environment:dev` },
});
export const PLAN_TRUST = githubTrust({
  StringEquals: {
    [AUD]: 'sts.amazonaws.com',
    [SUB]: [`${REPO}:pull_request`, `${REPO}:ref:refs/heads/main`],
  },
});

function role(name: string, assumeRolePolicy: string) {
  return {
    name,
    assume_role_policy: assumeRolePolicy,
    max_session_duration: 3600,
    permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
  };
}

/** The bootstrap stack's GitHub resources, with the deploy and plan trust policies given. */
export function githubRoles(deployTrust = DEPLOY_TRUST, planTrust = PLAN_TRUST) {
  return {
    ...PROVIDER,
    aws_iam_role: {
      GithubDeploy_Role_5E6F7A8B: role('genai-dev-github-deploy', deployTrust),
      GithubPlan_Role_9C0D1E2F: role('genai-dev-github-plan', planTrust),
      Network_FlowLogs_Role_5294D16F: role(
        'genai-dev-flow-logs',
        policy({
          Sid: 'VpcFlowLogsOfThisAccount',
          Effect: 'Allow',
          Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
          Action: 'sts:AssumeRole',
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        }),
      ),
    },
  };
}
