import type { TerraformResource } from 'cdktf';

/** A policy rule a resource is knowingly exempt from, with the reason a reviewer reads. */
export interface PolicySuppression {
  readonly rule: string;
  readonly reason: string;
}

/** Key inside the resource's "//" block: Terraform ignores "//" in JSON, the policy gate reads it. */
export const POLICY_SUPPRESSIONS_KEY = 'policy_suppressions';

const suppressionsOf = new WeakMap<TerraformResource, PolicySuppression[]>();

/**
 * Exempts one resource from one policy rule, next to the resource in code (docs/architecture.md#conventions). The reason
 * is shown in every `platform check` report, so it must say why the rule does not fit here.
 */
export function suppressPolicyRule<T extends TerraformResource>(
  resource: T,
  rule: string,
  reason: string,
): T {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(rule)) {
    throw new Error(
      `suppressPolicyRule on ${resource.node.path}: rule "${rule}" is not a rule ID such as "s3-bucket-access-logging".`,
    );
  }
  if (reason.trim().length < 20) {
    throw new Error(
      `suppressPolicyRule on ${resource.node.path} for ${rule}: give a reason a reviewer can judge (at least 20 characters), received "${reason}".`,
    );
  }
  const list = suppressionsOf.get(resource) ?? [];
  if (list.some((existing) => existing.rule === rule)) {
    throw new Error(
      `suppressPolicyRule on ${resource.node.path}: ${rule} is already suppressed; keep one reason.`,
    );
  }
  list.push({ rule, reason });
  suppressionsOf.set(resource, list);
  resource.addOverride(`//.${POLICY_SUPPRESSIONS_KEY}`, [...list]);
  return resource;
}
