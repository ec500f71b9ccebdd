import type { IamCatalog } from '../../iam/catalog';
import {
  describeStatement,
  POLICY_ATTRIBUTES,
  policiesOf,
  type PolicyInResource,
  type Statement,
} from '../../iam/policy-document';
import { attribute, type StackModel, type TfResource } from '../../model/stack-model';
import { COMPLIANT, type Finding, nonCompliant, NOT_APPLICABLE } from '../../types';

/** Every resource type that holds an IAM policy document. */
export const POLICY_RESOURCE_TYPES: readonly string[] = Object.keys(POLICY_ATTRIBUTES);

type Expansion = ReturnType<IamCatalog['matchingActions']>;
const expansions = new WeakMap<IamCatalog, Map<string, Expansion>>();

/**
 * `iam.matchingActions`, memoized per catalogue: the same wildcards (`s3:*`, `iam:*`) recur in
 * every stack and rule, and expanding one scans the whole service.
 */
export function expand(iam: IamCatalog, pattern: string): Expansion {
  let byPattern = expansions.get(iam);
  if (!byPattern) expansions.set(iam, (byPattern = new Map()));
  const key = pattern.toLowerCase();
  let result = byPattern.get(key);
  if (!result) byPattern.set(key, (result = iam.matchingActions(pattern)));
  return result;
}

/** `*` and `*:*`: every action of every service. */
export const isEveryAction = (action: string): boolean => action === '*' || action === '*:*';

/**
 * Runs `visit` over each statement of the resource's policies that `inScope` keeps; each message
 * it returns becomes one finding, prefixed with the statement. A policy that is not JSON cannot
 * be shown to comply, so it is a finding too.
 */
export function checkStatements(
  resource: TfResource,
  inScope: (policy: PolicyInResource) => boolean,
  visit: (statement: Statement, policy: PolicyInResource) => readonly string[],
): Finding | Finding[] {
  const policies = policiesOf(resource).filter(inScope);
  if (policies.length === 0) return NOT_APPLICABLE;
  const messages = policies.flatMap((policy) =>
    policy.parseError
      ? [`${policy.attribute} cannot be checked: ${policy.parseError}`]
      : policy.statements.flatMap((statement) =>
          visit(statement, policy).map(
            (message) => `${describeStatement(policy, statement)}: ${message}`,
          ),
        ),
  );
  return messages.length === 0 ? COMPLIANT : messages.map(nonCompliant);
}

const escapeRegex = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Whether an aws_iam_policy is some role's permissions boundary in this stack, referenced as
 * `${aws_iam_policy.X.arn}` or by the literal ARN built from its path and name (the
 * PermissionsBoundary construct does that, because its policy refers to itself).
 */
export function isPermissionsBoundary(stack: StackModel, policy: TfResource): boolean {
  if (policy.type !== 'aws_iam_policy') return false;
  const name = attribute(policy, 'name');
  const path = attribute(policy, 'path') ?? '/';
  const literal =
    typeof name === 'string' && typeof path === 'string'
      ? new RegExp(`^arn:aws[a-z-]*:iam::(\\d{12}):policy${escapeRegex(path)}${escapeRegex(name)}$`)
      : undefined;
  const isThisPolicy = (value: unknown): boolean => {
    if (typeof value !== 'string' || value === '') return false;
    if (value === `\${${policy.address}.arn}` || value === attribute(policy, 'arn')) return true;
    const account = literal?.exec(value)?.[1];
    return (
      account !== undefined && (stack.accountIds.length === 0 || stack.accountIds.includes(account))
    );
  };
  return stack.resources.some(
    (role) =>
      role.type === 'aws_iam_role' &&
      (isThisPolicy(role.config.permissions_boundary) ||
        isThisPolicy(role.planned?.permissions_boundary)),
  );
}

/**
 * Selects the identity policies that grant something: a permissions boundary is a ceiling and
 * grants nothing by itself, so grant rules skip it.
 */
export function grantingIdentityPolicies(
  stack: StackModel,
  resource: TfResource,
): (policy: PolicyInResource) => boolean {
  const boundary = isPermissionsBoundary(stack, resource);
  return (policy) => policy.kind === 'identity' && !boundary;
}
