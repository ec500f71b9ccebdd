import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { ConstructEnvironment, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import { CollectedStatements } from './collected-statements';
import type { IGrantable } from './grantable';
import { type IPermissionsBoundary, PermissionsBoundary } from './permissions-boundary';

/** What every role of the platform is made of; the subclasses add who may assume it. */
export interface PlatformRoleProps {
  /** Purpose, the last part of the role name `<platform>-<env>[-<project>]-<purpose>`. */
  readonly purpose: string;
  /** What the role is for, shown in the IAM console. @default - none */
  readonly description?: string;
  /** @default - the environment's boundary, created by the bootstrap app (PermissionsBoundary.ofEnvironment) */
  readonly permissionsBoundary?: IPermissionsBoundary;
  /** Statements of the inline policy; `addToPolicy` and `grant*` methods add more. @default - none yet */
  readonly statements?: readonly PolicyStatement[];
  /** @default 3600 - one hour */
  readonly maxSessionDurationSeconds?: number;
  /** Name of the inline policy. @default - the purpose */
  readonly policyName?: string;
}

/** The trust policy a subclass computed, and what it found wrong with its own props. */
export interface RoleTrust {
  readonly statements: readonly PolicyStatement[];
  readonly problems: readonly string[];
}

/** IAM's range for a role's MaxSessionDuration, in seconds. */
const SESSION_SECONDS = { min: 3600, max: 43200 } as const;

/**
 * The one role implementation of the platform: an IAM role with the environment's permissions
 * boundary and one inline policy whose statements are collected until synthesis, so grants from
 * other constructs (`IMlBucket.grantRead`, `IModelPackageGroup.grantRegister`, ...) add to it
 * after construction, the way aws-cdk roles do. Identical statements are added once; a different
 * statement under a Sid already used, a role without statements and an inline policy larger than
 * IAM accepts are errors. Subclasses only say who may assume the role.
 */
export abstract class PlatformRole extends Construct implements IGrantable {
  readonly roleArn: string;
  readonly roleName: string;
  readonly resource: IamRole;
  readonly policy: IamRolePolicy;
  readonly trustStatements: readonly PolicyStatement[];
  private readonly collected = new CollectedStatements(() => `${this.kind} ${this.node.path}`);

  protected constructor(scope: Construct, id: string, props: PlatformRoleProps, trust: RoleTrust) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const problems = [...trust.problems];
    const duration = props.maxSessionDurationSeconds ?? SESSION_SECONDS.min;
    if (
      !Token.isUnresolved(duration) &&
      (duration < SESSION_SECONDS.min || duration > SESSION_SECONDS.max)
    ) {
      problems.push(
        `maxSessionDurationSeconds is ${duration}; IAM allows ${SESSION_SECONDS.min} to ${SESSION_SECONDS.max}`,
      );
    }
    if (problems.length > 0)
      throw new Error(`${this.kind} ${this.node.path}:\n  ${problems.join('\n  ')}`);

    this.trustStatements = trust.statements;
    this.roleName = stack.naming.name('iam-role', props.purpose);
    this.resource = new IamRole(this, 'Resource', {
      name: this.roleName,
      description: props.description,
      assumeRolePolicy: renderPolicy(this.trustStatements),
      permissionsBoundary: (props.permissionsBoundary ?? PermissionsBoundary.ofEnvironment(this))
        .policyArn,
      maxSessionDuration: duration,
    });
    this.roleArn = this.resource.arn;
    for (const statement of props.statements ?? []) this.addToPolicy(statement);
    this.policy = new IamRolePolicy(this, 'Policy', {
      name: props.policyName ?? props.purpose,
      role: this.resource.name,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.collected.statements) }),
    });
    this.node.addValidation({
      validate: () => this.collected.problems('grant it what it needs'),
    });
  }

  /** The inline policy's statements so far, for tests and reviews. */
  get policyStatements(): readonly PolicyStatement[] {
    return this.collected.statements;
  }

  /**
   * Adds a statement to the inline policy. An identical statement is added once (two grants may
   * need the same key); a different statement with a Sid already used is an error.
   */
  addToPolicy(statement: PolicyStatement): boolean {
    return this.collected.add(statement);
  }

  /** The class name, so messages say which kind of role is wrong. */
  private get kind(): string {
    return this.constructor.name;
  }
}
