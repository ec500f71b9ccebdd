import {
  accountRootArn,
  type Conditions,
  isDeployTime,
  type PropProblem,
} from '@genai-sandbox/core';

/** Principals of another account that a resource policy admits, narrowed to named roles. */
export interface DownstreamReaders {
  /** The account of the next environment. */
  readonly accountId: string;
  /**
   * Roles of that account, matched by `aws:PrincipalArn` (ArnLike, so `role/<prefix>-*` works).
   * The account is the principal because a policy naming a role that does not exist yet is
   * rejected, and the next environment is deployed after this one.
   */
  readonly principalArns: readonly string[];
}

export function downstreamPrincipal(readers: DownstreamReaders): { AWS: string } {
  return { AWS: accountRootArn(readers.accountId) };
}

export function downstreamCondition(readers: DownstreamReaders): Conditions {
  return { ArnLike: { 'aws:PrincipalArn': [...readers.principalArns] } };
}

/**
 * Every problem with a readers prop, for the constructs' validation. Values only known at deploy
 * time (tokens) are skipped: they cannot be checked here.
 */
export function downstreamProblems(
  readers: DownstreamReaders | undefined,
  ownAccount: string,
): PropProblem[] {
  if (!readers) return [];
  const problems: PropProblem[] = [];
  const accountKnown = !isDeployTime(readers.accountId);
  if (accountKnown && (!/^\d{12}$/.test(readers.accountId) || readers.accountId === ownAccount)) {
    problems.push({
      prop: 'downstream.accountId',
      received: readers.accountId,
      message: `use the 12-digit ID of the next environment's account, not this one (${ownAccount})`,
    });
  }
  if (!isDeployTime(readers.principalArns) && readers.principalArns.length === 0)
    problems.push({
      prop: 'downstream.principalArns',
      received: readers.principalArns,
      message: 'the list is empty; name the roles of the next environment that may read',
    });
  // The role name may carry ArnLike wildcards (* and ?), but not be empty.
  const account = accountKnown ? readers.accountId : '\\d{12}';
  const roleOfAccount = new RegExp(`^arn:aws:iam::${account}:role/[\\w+=,.@/*?-]+$`);
  for (const arn of readers.principalArns) {
    if (isDeployTime(arn) || roleOfAccount.test(arn)) continue;
    problems.push({
      prop: 'downstream.principalArns',
      received: arn,
      message: `use role ARNs of account ${readers.accountId}: arn:aws:iam::${readers.accountId}:role/<name>`,
    });
  }
  return problems;
}
