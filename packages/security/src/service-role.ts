import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import { Lazy, Token } from 'cdktf';
import { Construct } from 'constructs';
import type { IGrantable } from './grantable';
import { type IPermissionsBoundary, PermissionsBoundary } from './permissions-boundary';

export interface ServiceRoleProps {
  /** Purpose, the last part of the role name `<platform>-<env>[-<project>]-<purpose>`. */
  readonly purpose: string;
  /** What the role is for, shown in the IAM console. */
  readonly description: string;
  /** The one service principal that may assume the role, such as "glue.amazonaws.com". */
  readonly service: string;
  /**
   * `aws:SourceArn` patterns (ArnLike) the service must act for, narrowing the account condition
   * further. @default - any resource of the service in this account
   */
  readonly sourceArns?: readonly string[];
  /** @default - the environment's boundary, created by the bootstrap app (PermissionsBoundary.ofEnvironment) */
  readonly permissionsBoundary?: IPermissionsBoundary;
  /** Statements of the inline policy; `addToPolicy` and `grant*` methods add more. @default - none yet */
  readonly statements?: readonly PolicyStatement[];
  /** @default 3600 - one hour */
  readonly maxSessionDurationSeconds?: number;
}

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/**
 * A role one AWS service assumes on behalf of this account only (`aws:SourceAccount`, the
 * confused-deputy guard), with the environment's permissions boundary and one inline policy whose
 * statements are collected until synthesis: grants from other constructs (`MlBucketReference`)
 * add to it after construction, the way aws-cdk roles do.
 */
export class ServiceRole extends Construct implements IGrantable {
  readonly roleArn: string;
  readonly roleName: string;
  readonly service: string;
  readonly resource: IamRole;
  readonly policy: IamRolePolicy;
  readonly trustStatements: readonly PolicyStatement[];
  private readonly statements: PolicyStatement[] = [];

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    const problems: string[] = [];
    if (!Token.isUnresolved(props.service) && !SERVICE_PRINCIPAL.test(props.service)) {
      problems.push(
        `service "${props.service}" is not a service principal; use one such as "glue.amazonaws.com"`,
      );
    }
    const duration = props.maxSessionDurationSeconds ?? 3600;
    if (!Token.isUnresolved(duration) && (duration < 3600 || duration > 43200)) {
      problems.push(`maxSessionDurationSeconds is ${duration}; IAM allows 3600 to 43200`);
    }
    for (const arn of props.sourceArns ?? []) {
      if (!Token.isUnresolved(arn) && !arn.startsWith('arn:aws')) {
        problems.push(
          `sourceArns "${arn}" is not an ARN; use arn:aws:<service>:<region>:<account>:...`,
        );
      }
    }
    if (problems.length > 0)
      throw new Error(`ServiceRole ${this.node.path}:\n  ${problems.join('\n  ')}`);

    this.service = props.service;
    this.trustStatements = [
      {
        Sid: 'ServiceOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: props.service },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': stack.accountId },
          ...(props.sourceArns?.length
            ? { ArnLike: { 'aws:SourceArn': [...props.sourceArns] } }
            : {}),
        },
      },
    ];
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
      name: props.purpose,
      role: this.resource.name,
      policy: Lazy.stringValue({ produce: () => renderPolicy(this.statements) }),
    });
    this.node.addValidation({
      validate: () =>
        this.statements.length === 0
          ? [`ServiceRole ${this.node.path} has no statements; grant it what the service needs`]
          : [],
    });
  }

  /** The inline policy's statements so far, for tests and reviews. */
  get policyStatements(): readonly PolicyStatement[] {
    return [...this.statements];
  }

  /**
   * Adds a statement to the inline policy. An identical statement is added once (two grants may
   * need the same key); a different statement with a Sid already used is an error.
   */
  addToPolicy(statement: PolicyStatement): boolean {
    const text = JSON.stringify(statement);
    if (this.statements.some((existing) => JSON.stringify(existing) === text)) return false;
    if (statement.Sid && this.statements.some((existing) => existing.Sid === statement.Sid)) {
      throw new Error(
        `ServiceRole ${this.node.path}: a different statement already uses Sid "${statement.Sid}"; Sids are unique within a policy.`,
      );
    }
    this.statements.push(statement);
    return true;
  }
}
