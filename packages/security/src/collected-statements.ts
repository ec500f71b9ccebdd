import type { PolicyStatement } from '@genai-sandbox/core';
import { IAM_POLICY_SIZE_LIMITS, policySize } from './managed-policy';

/** IAM's size limit for one kind of policy, and what to do above it. */
export interface PolicyLimit {
  readonly noun: string;
  readonly size: number;
  readonly kind: string;
  readonly sizeFix: string;
}

/** A role's inline policies. IAM counts them together: splitting gains nothing (managed-policy.ts). */
const INLINE_LIMIT: PolicyLimit = {
  noun: 'inline policy',
  size: IAM_POLICY_SIZE_LIMITS.roleInlinePolicies,
  kind: "a role's inline policies",
  sizeFix: 'move statements into a ManagedPolicy attached to the role',
};

/**
 * The statements of one policy, collected until synthesis so that grants from other
 * constructs add to it after construction: an identical statement is kept once (two grants may
 * need the same key), a different statement under a Sid already used is an error, and
 * `problems()` reports an empty policy or one larger than IAM accepts. `owner` names the
 * construct in messages. PlatformRole and ExternalRole share it.
 */
export class CollectedStatements {
  private readonly collected: PolicyStatement[] = [];
  /** The collected statements as JSON, and their Sids: a grant checks them without re-serialising. */
  private readonly texts = new Set<string>();
  private readonly sids = new Set<string>();

  constructor(private readonly owner: () => string) {}

  /** The statements so far, in the order they were added. */
  get statements(): readonly PolicyStatement[] {
    return [...this.collected];
  }

  /** Adds a statement; returns false when an identical one is already there. */
  add(statement: PolicyStatement): boolean {
    const text = JSON.stringify(statement);
    if (this.texts.has(text)) return false;
    if (statement.Sid && this.sids.has(statement.Sid)) {
      throw new Error(
        `${this.owner()}: a different statement already uses Sid "${statement.Sid}"; Sids are unique within a policy.`,
      );
    }
    this.collected.push(statement);
    this.texts.add(text);
    if (statement.Sid) this.sids.add(statement.Sid);
    return true;
  }

  /**
   * What keeps the policy from being created: no statements (`emptyFix` says what to do), or more
   * characters than IAM allows (`limit`, for the kind of policy `kind` names, `sizeFix`).
   */
  problems(emptyFix: string, limit: PolicyLimit = INLINE_LIMIT): string[] {
    if (this.collected.length === 0) return [`${this.owner()} has no statements; ${emptyFix}`];
    const size = policySize(this.collected);
    if (size > limit.size) {
      return [
        `${this.owner()}: the ${limit.noun} counts ${size} characters, more than the ${limit.size} IAM allows for ${limit.kind}; ${limit.sizeFix}`,
      ];
    }
    return [];
  }
}
