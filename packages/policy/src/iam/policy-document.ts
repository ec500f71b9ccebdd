import type { TfResource } from '../model/stack-model';
import { attribute } from '../model/stack-model';

/** How a policy is used: it decides which rules apply (a key policy's "*" resource means the key). */
export type PolicyKind = 'identity' | 'resource' | 'trust' | 'key';

/** The attributes that hold IAM policy documents, by Terraform resource type. */
export const POLICY_ATTRIBUTES: Readonly<
  Record<string, readonly { attribute: string; kind: PolicyKind }[]>
> = {
  aws_iam_role: [{ attribute: 'assume_role_policy', kind: 'trust' }],
  aws_iam_role_policy: [{ attribute: 'policy', kind: 'identity' }],
  aws_iam_policy: [{ attribute: 'policy', kind: 'identity' }],
  aws_iam_user_policy: [{ attribute: 'policy', kind: 'identity' }],
  aws_iam_group_policy: [{ attribute: 'policy', kind: 'identity' }],
  aws_kms_key: [{ attribute: 'policy', kind: 'key' }],
  aws_kms_key_policy: [{ attribute: 'policy', kind: 'key' }],
  aws_s3_bucket_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_cloudwatch_event_bus_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_sagemaker_model_package_group_policy: [{ attribute: 'resource_policy', kind: 'resource' }],
  aws_ecr_repository_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_sqs_queue_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_sns_topic_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_secretsmanager_secret_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_cloudwatch_log_resource_policy: [{ attribute: 'policy_document', kind: 'resource' }],
  aws_oam_sink_policy: [{ attribute: 'policy', kind: 'resource' }],
  aws_vpc_endpoint: [{ attribute: 'policy', kind: 'resource' }],
};

export interface Principals {
  /** `"Principal": "*"` or `{"AWS": "*"}`. */
  readonly wildcard: boolean;
  readonly aws: readonly string[];
  readonly service: readonly string[];
  readonly federated: readonly string[];
}

export interface Condition {
  readonly operator: string;
  readonly key: string;
  readonly values: readonly string[];
}

/** A statement with every "string or list" field as a list, so rules need no special cases. */
export interface Statement {
  readonly index: number;
  readonly sid?: string;
  readonly effect: 'Allow' | 'Deny';
  readonly principals?: Principals;
  readonly notPrincipals?: Principals;
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  readonly notResources: readonly string[];
  readonly conditions: readonly Condition[];
}

export interface PolicyInResource {
  readonly attribute: string;
  readonly kind: PolicyKind;
  readonly statements: readonly Statement[];
  /** Set when the attribute is not a JSON policy document; rules report it instead of guessing. */
  readonly parseError?: string;
}

const list = (value: unknown): string[] =>
  value === undefined || value === null ? [] : (Array.isArray(value) ? value : [value]).map(String);

function principals(value: unknown): Principals | undefined {
  if (value === undefined) return undefined;
  if (value === '*') return { wildcard: true, aws: ['*'], service: [], federated: [] };
  const map = value as Record<string, unknown>;
  const aws = list(map.AWS);
  return {
    wildcard: aws.includes('*'),
    aws,
    service: list(map.Service),
    federated: list(map.Federated),
  };
}

function conditions(value: unknown): Condition[] {
  const result: Condition[] = [];
  for (const [operator, byKey] of Object.entries(
    (value ?? {}) as Record<string, Record<string, unknown>>,
  )) {
    for (const [key, values] of Object.entries(byKey ?? {}))
      result.push({ operator, key, values: list(values) });
  }
  return result;
}

/** Parses one policy document string into normalized statements. */
export function parsePolicyDocument(text: string): {
  statements: Statement[];
  parseError?: string;
} {
  let document: { Statement?: unknown };
  try {
    document = JSON.parse(text) as { Statement?: unknown };
  } catch (error) {
    return {
      statements: [],
      parseError: `not a JSON policy document (${(error as Error).message})`,
    };
  }
  const raw =
    document.Statement === undefined
      ? []
      : Array.isArray(document.Statement)
        ? document.Statement
        : [document.Statement];
  const statements = (raw as Record<string, unknown>[]).map((statement, index) => ({
    index,
    sid: statement.Sid as string | undefined,
    effect: statement.Effect === 'Deny' ? ('Deny' as const) : ('Allow' as const),
    principals: principals(statement.Principal),
    notPrincipals: principals(statement.NotPrincipal),
    actions: list(statement.Action),
    notActions: list(statement.NotAction),
    resources: list(statement.Resource),
    notResources: list(statement.NotResource),
    conditions: conditions(statement.Condition),
  }));
  return { statements };
}

/** Every policy document a resource holds, parsed (inline policies of roles included). */
export function policiesOf(resource: TfResource): PolicyInResource[] {
  const found: PolicyInResource[] = [];
  for (const { attribute: name, kind } of POLICY_ATTRIBUTES[resource.type] ?? []) {
    const text = attribute(resource, name);
    if (typeof text === 'string' && text.trim() !== '')
      found.push({ attribute: name, kind, ...parsePolicyDocument(text) });
  }
  if (resource.type === 'aws_iam_role') {
    const inline = (attribute(resource, 'inline_policy') ?? []) as { policy?: string }[];
    inline.forEach((policy, index) => {
      if (typeof policy.policy === 'string')
        found.push({
          attribute: `inline_policy[${index}].policy`,
          kind: 'identity',
          ...parsePolicyDocument(policy.policy),
        });
    });
  }
  return found;
}

/** How a statement is named in messages: its Sid, or its position. */
export function describeStatement(policy: PolicyInResource, statement: Statement): string {
  return `${policy.attribute} statement ${statement.sid ? `"${statement.sid}"` : `#${statement.index + 1}`}`;
}

/** `arn:aws:iam::123456789012:root` or `...:role/x` -> `123456789012`; a bare account ID stays. */
export function accountOfPrincipal(principal: string): string | undefined {
  if (/^\d{12}$/.test(principal)) return principal;
  return /^arn:aws[a-z-]*:(?:iam|sts)::(\d{12}):/.exec(principal)?.[1];
}
