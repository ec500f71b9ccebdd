import {
  describeStatement,
  policiesOf,
  type Condition,
  type Statement,
} from '../../iam/policy-document';
import { attribute, type StackModel, type TfResource } from '../../model/stack-model';

/** GitHub Actions' OIDC issuer; its claims are condition keys `<issuer>:aud`, `<issuer>:sub`. */
export const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
export const AUDIENCE_KEY = `${GITHUB_ISSUER}:aud`;
export const SUBJECT_KEY = `${GITHUB_ISSUER}:sub`;

const PROVIDER_ARN =
  /^arn:aws[a-z-]*:iam::\d{12}:oidc-provider\/token\.actions\.githubusercontent\.com$/i;
const PROVIDER_REFERENCE = /^\$\{aws_iam_openid_connect_provider\.([A-Za-z0-9_-]+)\.arn\}$/;
const GITHUB_URL = /^(?:https:\/\/)?token\.actions\.githubusercontent\.com\/?$/i;

export interface GithubTrustStatement {
  /** `assume_role_policy statement "Sid"`, for messages. */
  readonly where: string;
  readonly statement: Statement;
}

export interface GithubTrust {
  /** Allow statements of the trust policy whose federated principal is GitHub's OIDC provider. */
  readonly statements: readonly GithubTrustStatement[];
  /** Set when the trust policy is not JSON yet names an OIDC provider, so it cannot be checked. */
  readonly unreadable?: string;
}

/** Condition keys are case-insensitive in IAM. */
export function conditionsOn(statement: Statement, key: string): Condition[] {
  return statement.conditions.filter(
    (condition) => condition.key.toLowerCase() === key.toLowerCase(),
  );
}

function isGithubProvider(principal: string, statement: Statement, stack: StackModel): boolean {
  if (PROVIDER_ARN.test(principal)) return true;
  const reference = PROVIDER_REFERENCE.exec(principal);
  if (!reference) return false;
  const provider = stack.resources.find(
    (candidate) => candidate.address === `aws_iam_openid_connect_provider.${reference[1]}`,
  );
  const url = provider ? attribute(provider, 'url') : undefined;
  if (typeof url === 'string' && !url.includes('${')) return GITHUB_URL.test(url);
  // The provider's URL is not known here: the statement's condition keys tell whose it is.
  return statement.conditions.some((condition) =>
    condition.key.toLowerCase().startsWith(`${GITHUB_ISSUER}:`),
  );
}

/** The GitHub OIDC trust of an aws_iam_role: what the oidc-* rules look at. */
export function githubTrust(role: TfResource, stack: StackModel): GithubTrust {
  const statements: GithubTrustStatement[] = [];
  for (const policy of policiesOf(role).filter((candidate) => candidate.kind === 'trust')) {
    if (policy.parseError) {
      const text = String(attribute(role, policy.attribute));
      if (
        /oidc-provider|openid_connect_provider|token\.actions\.githubusercontent\.com/i.test(text)
      )
        return {
          statements,
          unreadable: `${policy.attribute} is ${policy.parseError}, yet it names an OIDC provider: its GitHub trust cannot be checked; render it with renderPolicy`,
        };
      continue;
    }
    for (const statement of policy.statements) {
      if (
        statement.effect === 'Allow' &&
        (statement.principals?.federated ?? []).some((principal) =>
          isGithubProvider(principal, statement, stack),
        )
      )
        statements.push({ where: describeStatement(policy, statement), statement });
    }
  }
  return { statements };
}

/** `repo:<org>/<repo>:`, or undefined when the configured repository is not `<org>/<repo>`. */
export function subjectPrefix(githubRepository: string): string | undefined {
  return /^[^/\s:*?]+\/[^/\s:*?]+$/.test(githubRepository)
    ? `repo:${githubRepository}:`
    : undefined;
}
