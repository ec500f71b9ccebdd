/**
 * IAM policy documents as typed values, rendered to the JSON string Terraform expects. Kept in
 * TypeScript instead of the aws_iam_policy_document data source so tests and the policy gate read
 * the statements straight from cdk.tf.json. Tokens (such as `key.arn`) render as `${...}`
 * interpolations inside the string, which Terraform resolves.
 */
export type Principal =
  | '*'
  | {
      readonly AWS?: string | readonly string[];
      readonly Service?: string | readonly string[];
      readonly Federated?: string | readonly string[];
    };

/** Condition operator -> condition key -> value(s), as in IAM. */
export type Conditions = Readonly<
  Record<string, Readonly<Record<string, string | boolean | number | readonly string[]>>>
>;

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: Principal;
  readonly NotPrincipal?: Principal;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Conditions;
}

export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

export function policyDocument(statements: readonly PolicyStatement[]): PolicyDocument {
  const sids = statements.map((statement) => statement.Sid).filter(Boolean);
  const repeated = sids.find((sid, index) => sids.indexOf(sid) !== index);
  if (repeated)
    throw new Error(
      `Policy statement Sid "${repeated}" is used twice; Sids must be unique within a policy.`,
    );
  return { Version: '2012-10-17', Statement: statements };
}

/** The JSON string for a policy attribute (`policy`, `assume_role_policy`). */
export function renderPolicy(statements: readonly PolicyStatement[]): string {
  return JSON.stringify(policyDocument(statements));
}

/** `arn:aws:iam::<account>:root`: the account itself, which delegates to its IAM policies. */
export function accountRootArn(accountId: string): string {
  return `arn:aws:iam::${accountId}:root`;
}
