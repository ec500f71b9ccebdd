import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import type { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { ConstructEnvironment, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { Construct } from 'constructs';

/**
 * IAM quotas on policy size, in characters without whitespace (IAM User Guide, "IAM and AWS STS
 * quotas"). The role figure is the total of all inline policies of one role, not a per-policy limit,
 * so splitting an inline policy in two gains nothing: large grants go to managed policies.
 */
export const IAM_POLICY_SIZE_LIMITS = {
  managedPolicy: 6144,
  roleInlinePolicies: 10240,
} as const;

/**
 * What one unresolved reference (`${aws_kms_key.x.arn}`, or a cdktf token before synthesis) may
 * grow to once Terraform resolves it. The longest ARNs policies here reference are KMS key ARNs
 * (about 75 characters) and S3 bucket ARNs (at most 76), so 128 leaves room.
 */
export const REFERENCE_SIZE_ALLOWANCE = 128;

/**
 * The size IAM counts for a policy document: whitespace is not counted, and every `${...}`
 * reference is counted at REFERENCE_SIZE_ALLOWANCE because its value is only known at apply time.
 * Accepts the statements or an already rendered document (such as one read from cdk.tf.json).
 */
export function policySize(policy: readonly PolicyStatement[] | string): number {
  const text = typeof policy === 'string' ? policy : renderPolicy(policy);
  const references = text.match(/\$\{[^}]*\}/g) ?? [];
  const withoutReferences = text.replace(/\$\{[^}]*\}/g, '').replace(/\s+/g, '');
  return withoutReferences.length + references.length * REFERENCE_SIZE_ALLOWANCE;
}

export interface ManagedPolicyProps {
  /** Purpose, part of the name `<platform>-<env>-<purpose>`, such as "github-deploy-network". */
  readonly purpose: string;
  /** What the policy grants and to whom, shown in the IAM console. */
  readonly description: string;
  readonly statements: readonly PolicyStatement[];
  /** Roles the policy is attached to; the attachments refer to them, so Terraform creates the roles first. */
  readonly roles: readonly IamRole[];
}

/**
 * A customer managed policy attached to roles: for grants too large for a role's inline policies.
 * Fails at synth time when the document would exceed IAM's 6,144-character limit, instead of at
 * apply time halfway through a deployment.
 */
export class ManagedPolicy extends Construct {
  readonly policyArn: string;
  readonly policyName: string;
  readonly resource: IamPolicy;
  readonly statements: readonly PolicyStatement[];
  /** The size IAM will count, with references at their upper bound; see policySize. */
  readonly size: number;

  constructor(scope: Construct, id: string, props: ManagedPolicyProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.policyName = stack.naming.name('iam-policy', props.purpose);
    this.size = props.statements.length > 0 ? policySize(props.statements) : 0;
    const problems: string[] = [];
    if (props.statements.length === 0)
      problems.push('statements is empty; a managed policy must grant or deny something');
    if (this.size > IAM_POLICY_SIZE_LIMITS.managedPolicy)
      problems.push(
        `the document counts ${this.size} characters, more than the ${IAM_POLICY_SIZE_LIMITS.managedPolicy} IAM allows for a managed policy; split the statements into several ManagedPolicy constructs`,
      );
    if (props.roles.length === 0)
      problems.push('roles is empty; attach the policy to at least one role');
    if (problems.length > 0)
      throw new Error(
        `ManagedPolicy ${this.node.path} (${this.policyName}):\n  ${problems.join('\n  ')}`,
      );

    this.statements = props.statements;
    this.resource = new IamPolicy(this, 'Resource', {
      name: this.policyName,
      description: props.description,
      policy: renderPolicy(props.statements),
    });
    this.policyArn = this.resource.arn;
    for (const role of props.roles) {
      // Named after the role's construct path, so reordering the roles replaces no attachment.
      const roleId = role.node.path.split('/').slice(1).join('-');
      new IamRolePolicyAttachment(this, `Attachment-${roleId}`, {
        role: role.name,
        policyArn: this.policyArn,
      });
    }
  }
}
