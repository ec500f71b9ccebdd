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
   * The exact roles of that account that read, matched by `aws:PrincipalArn` (ArnEquals): no
   * wildcards, because `role/<prefix>-*` would also admit the next environment's plan role and
   * every role its deploy role creates. The account is the principal because a policy naming a
   * role that does not exist yet is rejected, and the next environment is deployed after this one.
   */
  readonly principalArns: readonly string[];
}

export function downstreamPrincipal(readers: DownstreamReaders): { AWS: string } {
  return { AWS: accountRootArn(readers.accountId) };
}

export function downstreamCondition(readers: DownstreamReaders): Conditions {
  return { ArnEquals: { 'aws:PrincipalArn': [...readers.principalArns] } };
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
  // An exact role name: IAM's role name characters, no wildcards.
  const account = accountKnown ? readers.accountId : '\\d{12}';
  const roleOfAccount = new RegExp(`^arn:aws:iam::${account}:role/[\\w+=,.@/-]+$`);
  const rolePattern = new RegExp(`^arn:aws:iam::${account}:role/[\\w+=,.@/*?-]+$`);
  for (const arn of readers.principalArns) {
    if (isDeployTime(arn) || roleOfAccount.test(arn)) continue;
    problems.push({
      prop: 'downstream.principalArns',
      received: arn,
      message: rolePattern.test(arn)
        ? 'a wildcard; name each role that reads exactly (platformRoleArn in @genai-sandbox/config)'
        : `use role ARNs of account ${readers.accountId}: arn:aws:iam::${readers.accountId}:role/<name>`,
    });
  }
  return problems;
}
