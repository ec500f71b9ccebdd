import { IamPolicy } from '@cdktf/provider-aws/lib/iam-policy';
import { IamRolePolicyAttachment } from '@cdktf/provider-aws/lib/iam-role-policy-attachment';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { Fn, Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CollectedStatements } from './collected-statements';
import type { IGrantable } from './grantable';
import { IAM_POLICY_SIZE_LIMITS } from './managed-policy';

export interface ExternalRoleProps {
  /**
   * A role of this stack's account that something else creates and owns (SageMaker Unified
   * Studio's project role): `arn:aws:iam::<account>:role[/<path>/]<name>`.
   */
  readonly roleArn: string;
  /** What the grants are for, shown in the IAM console. @default - names the stack */
  readonly description?: string;
}

/** `arn:aws:iam::<account>:role/<path/><name>`: IAM paths are segments ending in "/". */
const ROLE_ARN = /^arn:aws[\w-]*:iam::(\d{12}):role\/((?:[\w+=,.@-]+\/)*)([\w+=,.@-]{1,64})$/;

/**
 * A role that exists outside the stack, as grantee of the platform's `grant*` methods: the
 * statements they add are collected into one customer managed policy of this stack, named after
 * it (`<platform>-<env>[-<project>]-<app>`) and attached to the role, so several stacks can each
 * grant the same role what they own. The stack creates only the policy and the attachment; the
 * role, its trust, its boundary and its other policies stay with their owner.
 *
 * A managed policy, not an inline one: IAM counts all inline policies of a role towards one limit
 * of 10,240 characters, which the seven blueprint stacks of a project together exceed; each
 * managed policy has 6,144 of its own (a role takes 10 managed policies, 20 on request).
 */
export class ExternalRole extends Construct implements IGrantable {
  readonly roleArn: string;
  /** The last segment of the ARN: IAM names a role without its path. */
  readonly roleName: string;
  readonly policyName: string;
  readonly policy: IamPolicy;
  readonly attachment: IamRolePolicyAttachment;
  private readonly collected = new CollectedStatements(() => `ExternalRole ${this.node.path}`);

  constructor(scope: Construct, id: string, props: ExternalRoleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.roleArn = props.roleArn;
    this.roleName = roleNameOf(this.node.path, props.roleArn, stack.accountId);
    this.policyName = stack.naming.name('iam-policy', stack.app);
    this.policy = new IamPolicy(this, 'Policy', {
      name: this.policyName,
      description: props.description ?? `What stack ${stack.node.id} grants ${this.roleName}`,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.collected.statements) }),
    });
    this.attachment = new IamRolePolicyAttachment(this, 'Attachment', {
      role: this.roleName,
      policyArn: this.policy.arn,
    });
    this.node.addValidation({
      validate: () =>
        this.collected.problems('grant it something or do not create it', {
          noun: 'managed policy',
          size: IAM_POLICY_SIZE_LIMITS.managedPolicy,
          kind: 'a managed policy',
          sizeFix: 'grant less in this stack, or split its grants between two ExternalRoles',
        }),
    });
  }

  /** The policy's statements so far, for tests and reviews. */
  get policyStatements(): readonly PolicyStatement[] {
    return this.collected.statements;
  }

  addToPolicy(statement: PolicyStatement): boolean {
    return this.collected.add(statement);
  }
}

/**
 * The role's name from its ARN, after checking it is a role of `accountId`: the stack's provider
 * can attach a policy only to a role of its own account. A deploy-time ARN is split by Terraform.
 */
function roleNameOf(path: string, roleArn: string, accountId: string): string {
  if (Token.isUnresolved(roleArn)) return Fn.element(Fn.reverse(Fn.split('/', roleArn)), 0);
  const match = ROLE_ARN.exec(roleArn);
  if (!match) {
    throw new Error(
      `ExternalRole ${path}: roleArn "${roleArn}" is not the ARN of an IAM role; pass arn:aws:iam::${accountId}:role/<name> (or role/<path>/<name>), as the IAM console shows it`,
    );
  }
  if (match[1] !== accountId) {
    throw new Error(
      `ExternalRole ${path}: roleArn "${roleArn}" is a role of account ${match[1]}; this stack deploys to ${accountId} and can only grant roles there. Use the role of account ${accountId}`,
    );
  }
  return match[3];
}
