/**
 * A deliberately small model of how STS evaluates an OIDC trust policy for
 * AssumeRoleWithWebIdentity: enough to show which GitHub token claims a role admits. It knows
 * StringEquals and StringLike (and their IfExists forms), the operators GitHub trust policies use;
 * any other operator throws, so a policy it cannot judge fails the test instead of passing it.
 *
 * IAM semantics kept: condition keys are case-insensitive, values case-sensitive; a condition
 * with several values matches when any value does; all conditions of a statement must match; a
 * key absent from the request fails a positive operator (unless IfExists); a matching Deny wins.
 */
const ISSUER = 'token.actions.githubusercontent.com';

/** The token's claims, by claim name (`aud`, `sub`, `job_workflow_ref`, ...). */
export type GithubClaims = Readonly<Record<string, string | undefined>>;

export interface WebIdentityRequest {
  /** ARN (or Terraform reference) of the identity provider that issued the token. */
  readonly provider: string;
  readonly claims: GithubClaims;
}

interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: { readonly Federated?: string | readonly string[] };
  readonly Action?: string | readonly string[];
  readonly Condition?: Record<string, Record<string, string | readonly string[]>>;
}

const list = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/** IAM string wildcards: `*` any run of characters, `?` exactly one. */
function like(pattern: string, value: string): boolean {
  const regex = pattern
    .split('')
    .map((char) =>
      char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${regex}$`, 's').test(value);
}

function conditionHolds(
  operator: string,
  key: string,
  values: readonly string[],
  claims: GithubClaims,
): boolean {
  const ifExists = operator.endsWith('IfExists');
  const base = ifExists ? operator.slice(0, -'IfExists'.length) : operator;
  if (base !== 'StringEquals' && base !== 'StringLike')
    throw new Error(
      `trust evaluator: operator ${operator} is not modelled; extend the evaluator before trusting a policy that uses it`,
    );
  const [issuer, claim] = [key.slice(0, key.lastIndexOf(':')), key.slice(key.lastIndexOf(':') + 1)];
  if (issuer.toLowerCase() !== ISSUER)
    throw new Error(`trust evaluator: condition key ${key} is not a GitHub OIDC claim`);
  const actual = Object.entries(claims).find(
    ([name]) => name.toLowerCase() === claim.toLowerCase(),
  )?.[1];
  if (actual === undefined) return ifExists;
  return values.some((expected) =>
    base === 'StringEquals' ? expected === actual : like(expected, actual),
  );
}

function matches(statement: Statement, request: WebIdentityRequest): boolean {
  if (!list(statement.Principal?.Federated).includes(request.provider)) return false;
  if (!list(statement.Action).some((action) => like(action, 'sts:AssumeRoleWithWebIdentity')))
    return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, byKey]) =>
    Object.entries(byKey).every(([key, values]) =>
      conditionHolds(operator, key, list(values), request.claims),
    ),
  );
}

/** Whether the trust policy (the role's assume_role_policy JSON) lets this token assume the role. */
export function trustAdmits(trustPolicy: string, request: WebIdentityRequest): boolean {
  const statements = list(
    (JSON.parse(trustPolicy) as { Statement: Statement | Statement[] }).Statement,
  );
  const applicable = statements.filter((statement) => matches(statement, request));
  return (
    applicable.some((statement) => statement.Effect === 'Allow') &&
    !applicable.some((statement) => statement.Effect === 'Deny')
  );
}
