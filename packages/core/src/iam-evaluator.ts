/**
 * A deliberately small model of how IAM evaluates one request in one account, for tests: enough to
 * show what a role's policies, its permissions boundary and a resource policy let through. What it
 * does not model it refuses with an error, so a policy it cannot judge fails the test instead of
 * passing it.
 *
 * Kept from IAM's evaluation logic (IAM User Guide, "Policy evaluation logic"):
 * - an explicit Deny in any policy wins;
 * - identity policies must allow, and so must the permissions boundary when there is one (no
 *   resource policy: cross-account, a resource policy's side is judged on its own);
 * - Action/NotAction match case-insensitively with `*` and `?`; Resource/NotResource
 *   case-sensitively, with the same wildcards;
 * - every condition of a statement must hold; several values in the policy are ORed; condition
 *   keys are case-insensitive; a key absent from the request fails a positive operator unless it
 *   is IfExists, and satisfies a negated one;
 * - ForAllValues holds when every request value matches (so also for none), ForAnyValue when at
 *   least one does; Null tests presence.
 *
 * A multi-valued request key (given as an array) compared with a single-value operator is not
 * defined by IAM's documentation ("multivalued context keys require a condition set operator"),
 * so it throws.
 */

/** The request: action, resource, and the request context (condition keys -> value or values). */
export interface IamRequest {
  readonly action: string;
  readonly resource: string;
  /** The calling principal's ARN; resource policies match it against their Principal. */
  readonly principalArn?: string;
  /** Condition keys of the request; an array is a multi-valued key, as the catalogue types it. */
  readonly context?: Readonly<Record<string, string | readonly string[]>>;
}

export interface IamPolicies {
  /** The identity policies of the principal (inline and attached), as JSON documents. */
  readonly identity: readonly string[];
  /** The permissions boundary's document, when the principal has one. */
  readonly boundary?: string;
}

export type IamDecision = 'allow' | 'explicit-deny' | 'implicit-deny';

interface Statement {
  readonly Effect: 'Allow' | 'Deny';
  readonly Principal?: '*' | Readonly<Record<string, string | readonly string[]>>;
  readonly NotPrincipal?: unknown;
  readonly Action?: string | readonly string[];
  readonly NotAction?: string | readonly string[];
  readonly Resource?: string | readonly string[];
  readonly NotResource?: string | readonly string[];
  readonly Condition?: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const list = <T>(value: T | readonly T[] | undefined): readonly T[] =>
  value === undefined ? [] : Array.isArray(value) ? (value as readonly T[]) : [value as T];

/**
 * Compiled patterns and parsed documents, by their text. A test asks thousands of requests of the
 * same few policies (ci-role-coverage: every call of every resource type against each CI role), and
 * compiling each pattern and parsing each document per request was most of its time. Both are pure
 * functions of the text, and the statements are never changed after parsing, so sharing them is
 * invisible to callers. The evaluator lives in tests, whose processes are short.
 */
const compiledPatterns = {
  caseSensitive: new Map<string, RegExp>(),
  ignoringCase: new Map<string, RegExp>(),
};
const parsedDocuments = new Map<string, readonly Statement[]>();
/** Per document, the statements whose Action/NotAction matches an action (identity policies). */
const statementsByAction = new Map<string, Map<string, readonly Statement[]>>();

function wildcard(pattern: string, value: string, ignoreCase: boolean): boolean {
  const known = ignoreCase ? compiledPatterns.ignoringCase : compiledPatterns.caseSensitive;
  let compiled = known.get(pattern);
  if (!compiled) {
    const regex = pattern
      .split('')
      .map((char) =>
        char === '*' ? '.*' : char === '?' ? '.' : char.replace(/[.+^${}()|[\]\\]/g, '\\$&'),
      )
      .join('');
    compiled = new RegExp(`^${regex}$`, ignoreCase ? 'is' : 's');
    known.set(pattern, compiled);
  }
  return compiled.test(value);
}

function statementsOf(document: string): readonly Statement[] {
  let statements = parsedDocuments.get(document);
  if (!statements) {
    const parsed = JSON.parse(document) as { Statement?: Statement | Statement[] };
    statements = [...list(parsed.Statement)];
    parsedDocuments.set(document, statements);
  }
  return statements;
}

const actionMatches = (patterns: string | readonly string[] | undefined, action: string) =>
  list(patterns).some((pattern) => wildcard(pattern, action, true));

function statementActionMatches(statement: Statement, action: string): boolean {
  return statement.NotAction !== undefined
    ? !actionMatches(statement.NotAction, action)
    : actionMatches(statement.Action, action);
}

/** The statements of an identity policy or boundary that name `action`, computed once per pair. */
function statementsFor(document: string, action: string): readonly Statement[] {
  let byAction = statementsByAction.get(document);
  if (!byAction) statementsByAction.set(document, (byAction = new Map()));
  let statements = byAction.get(action);
  if (!statements) {
    statements = statementsOf(document).filter((statement) =>
      statementActionMatches(statement, action),
    );
    byAction.set(action, statements);
  }
  return statements;
}

type Compare = (policyValue: string, requestValue: string) => boolean;

const COMPARISONS: Record<string, { compare: Compare; negated: boolean }> = {
  StringEquals: { compare: (p, r) => p === r, negated: false },
  StringNotEquals: { compare: (p, r) => p === r, negated: true },
  StringEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: false,
  },
  StringNotEqualsIgnoreCase: {
    compare: (p, r) => p.toLowerCase() === r.toLowerCase(),
    negated: true,
  },
  StringLike: { compare: (p, r) => wildcard(p, r, false), negated: false },
  StringNotLike: { compare: (p, r) => wildcard(p, r, false), negated: true },
  ArnEquals: { compare: (p, r) => wildcard(p, r, false), negated: false },
  ArnLike: { compare: (p, r) => wildcard(p, r, false), negated: false },
  ArnNotEquals: { compare: (p, r) => wildcard(p, r, false), negated: true },
  ArnNotLike: { compare: (p, r) => wildcard(p, r, false), negated: true },
  Bool: { compare: (p, r) => p.toLowerCase() === r.toLowerCase(), negated: false },
};

function requestValue(request: IamRequest, key: string): string | readonly string[] | undefined {
  return Object.entries(request.context ?? {}).find(
    ([name]) => name.toLowerCase() === key.toLowerCase(),
  )?.[1];
}

function conditionHolds(operator: string, key: string, raw: unknown, request: IamRequest): boolean {
  const policyValues = list(raw as string | string[]).map(String);
  const actual = requestValue(request, key);
  if (operator === 'Null') {
    const absent = actual === undefined || (Array.isArray(actual) && actual.length === 0);
    return policyValues.some((value) => (value.toLowerCase() === 'true') === absent);
  }
  const set = /^(ForAllValues|ForAnyValue):/.exec(operator)?.[1];
  const withoutSet = set ? operator.slice(set.length + 1) : operator;
  const ifExists = withoutSet.endsWith('IfExists');
  const base = ifExists ? withoutSet.slice(0, -'IfExists'.length) : withoutSet;
  const comparison = COMPARISONS[base];
  if (!comparison)
    throw new Error(
      `IAM evaluator: operator ${operator} is not modelled; extend the evaluator before trusting a policy that uses it`,
    );
  const matchesOne = (value: string) =>
    policyValues.some((expected) => comparison.compare(expected, value)) !== comparison.negated;
  if (set) {
    const values = actual === undefined ? [] : list(actual);
    return set === 'ForAllValues' ? values.every(matchesOne) : values.some(matchesOne);
  }
  if (Array.isArray(actual))
    throw new Error(
      `IAM evaluator: ${operator} on the multi-valued key ${key} is not defined by IAM; multi-valued keys need ForAllValues or ForAnyValue`,
    );
  if (actual === undefined) return ifExists || comparison.negated;
  return matchesOne(actual as string);
}

function principalMatches(statement: Statement, request: IamRequest): boolean {
  if (statement.NotPrincipal !== undefined)
    throw new Error('IAM evaluator: NotPrincipal is not modelled');
  const principal = statement.Principal;
  if (principal === '*') return true;
  const caller = request.principalArn;
  if (caller === undefined) return false;
  const account = /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(caller)?.[1];
  return list(principal?.AWS).some(
    (named) =>
      named === '*' ||
      named === caller ||
      named === account ||
      named === `arn:aws:iam::${account}:root`,
  );
}

function applies(statement: Statement, request: IamRequest, isResourcePolicy: boolean): boolean {
  if (isResourcePolicy && !principalMatches(statement, request)) return false;
  return (
    statementActionMatches(statement, request.action) &&
    resourceAndConditionsMatch(statement, request, isResourcePolicy)
  );
}

function resourceAndConditionsMatch(
  statement: Statement,
  request: IamRequest,
  isResourcePolicy: boolean,
): boolean {
  const resourceMatches = (patterns: string | readonly string[] | undefined) =>
    list(patterns).some((pattern) => wildcard(pattern, request.resource, false));
  const resource =
    statement.NotResource !== undefined
      ? !resourceMatches(statement.NotResource)
      : statement.Resource === undefined
        ? isResourcePolicy
        : resourceMatches(statement.Resource);
  if (!resource) return false;
  return Object.entries(statement.Condition ?? {}).every(([operator, byKey]) =>
    Object.entries(byKey).every(([key, values]) => conditionHolds(operator, key, values, request)),
  );
}

function decide(
  documents: readonly string[],
  request: IamRequest,
  isResourcePolicy = false,
): { allow: boolean; deny: boolean } {
  // A resource policy checks each statement's principal first (NotPrincipal refuses loudly), so
  // it reads every statement; identity policies start from the statements naming the action.
  const matching = isResourcePolicy
    ? documents
        .flatMap(statementsOf)
        .filter((statement) => applies(statement, request, isResourcePolicy))
    : documents
        .flatMap((document) => statementsFor(document, request.action))
        .filter((statement) => resourceAndConditionsMatch(statement, request, false));
  return {
    allow: matching.some((statement) => statement.Effect === 'Allow'),
    deny: matching.some((statement) => statement.Effect === 'Deny'),
  };
}

/** IAM's decision on identity policies and boundary (resources without a resource policy). */
export function evaluateIam(policies: IamPolicies, request: IamRequest): IamDecision {
  const identity = decide(policies.identity, request);
  const boundary =
    policies.boundary === undefined ? undefined : decide([policies.boundary], request);
  if (identity.deny || boundary?.deny) return 'explicit-deny';
  return identity.allow && (boundary === undefined || boundary.allow) ? 'allow' : 'implicit-deny';
}

/**
 * A resource policy's side of a cross-account request: the caller's own account must allow it too,
 * which this does not judge.
 */
export function resourcePolicyAllows(resourcePolicy: string, request: IamRequest): IamDecision {
  const { allow, deny } = decide([resourcePolicy], request, true);
  return deny ? 'explicit-deny' : allow ? 'allow' : 'implicit-deny';
}
