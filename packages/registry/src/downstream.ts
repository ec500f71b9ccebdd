import { accountRootArn, type Conditions } from '@genai-sandbox/core';

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

/** Every problem with a readers prop, for the constructs' validation. */
export function downstreamProblems(readers: DownstreamReaders | undefined, ownAccount: string): string[] {
  if (!readers) return [];
  const problems: string[] = [];
  if (!/^\d{12}$/.test(readers.accountId) || readers.accountId === ownAccount) {
    problems.push(`downstream.accountId "${readers.accountId}" must be the 12-digit account of another environment`);
  }
  if (readers.principalArns.length === 0) problems.push('downstream.principalArns is empty; name the roles that may read');
  for (const arn of readers.principalArns) {
    if (!arn.startsWith(`arn:aws:iam::${readers.accountId}:role/`)) {
      problems.push(`downstream.principalArns "${arn}" is not a role of account ${readers.accountId}`);
    }
  }
  return problems;
}
