import type { IamCatalog } from './iam/catalog';
import type { StackModel, TfResource } from './model/stack-model';

export type Severity = 'error' | 'warning';

/** What a rule concluded about one resource; a non-compliant finding says what is wrong there. */
export type Finding =
  | { readonly status: 'compliant' }
  | { readonly status: 'not-applicable' }
  | { readonly status: 'non-compliant'; readonly message: string };

export const COMPLIANT: Finding = { status: 'compliant' };
export const NOT_APPLICABLE: Finding = { status: 'not-applicable' };
export function nonCompliant(message: string): Finding {
  return { status: 'non-compliant', message };
}

/** Facts from configuration that some rules need (the chain's accounts, the trusted repository). */
export interface PolicyContext {
  /** Accounts of the promotion chain, in order; cross-account policies may admit only these. */
  readonly chainAccountIds: readonly string[];
  /** `<org>/<repo>` whose workflows are trusted through GitHub OIDC. */
  readonly githubRepository: string;
  /** Tags every taggable resource must carry (provider default_tags count). */
  readonly requiredTags: readonly string[];
}

export interface RuleInput {
  readonly resource: TfResource;
  readonly stack: StackModel;
  readonly context: PolicyContext;
  readonly iam: IamCatalog;
}

/**
 * A rule is a pure function over one resource (and, read-only, the stack it sits in for related
 * resources such as a bucket's encryption configuration). One file per rule (docs/architecture.md#conventions).
 */
export interface Rule {
  /** Stable kebab-case ID, used in suppressions and reports: renaming one breaks suppressions. */
  readonly id: string;
  readonly title: string;
  /** Why the rule exists: the risk it closes. */
  readonly explanation: string;
  /** How to fix a finding, in terms of this repository's constructs. */
  readonly fix: string;
  readonly severity: Severity;
  /** Terraform resource types the rule looks at; `*` for every resource. */
  readonly resourceTypes: readonly string[] | '*';
  /** Managed resources (the default) or data sources. */
  readonly mode?: 'managed' | 'data';
  check(input: RuleInput): Finding | readonly Finding[];
}
