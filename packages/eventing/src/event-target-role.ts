import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import { PlatformStack, type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import type { IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface EventTargetRoleProps {
  /** Purpose, part of the role name. */
  readonly purpose: string;
  /** The rule that uses the role: the only one EventBridge may assume it for. */
  readonly ruleArn: string;
  /** The one thing the role may do. */
  readonly statement: PolicyStatement;
  readonly permissionsBoundary: IPermissionsBoundary;
}

/** A role EventBridge assumes for one rule's target, and that may do exactly one thing. */
export class EventTargetRole extends Construct {
  readonly roleArn: string;
  readonly resource: IamRole;
  readonly trustStatements: readonly PolicyStatement[];
  readonly statements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: EventTargetRoleProps) {
    super(scope, id);
    const stack = PlatformStack.of(this);
    this.trustStatements = [
      {
        Sid: 'EventBridgeForThisRule',
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': stack.accountId },
          ArnEquals: { 'aws:SourceArn': props.ruleArn },
        },
      },
    ];
    this.statements = [props.statement];
    this.resource = new IamRole(this, 'Resource', {
      name: stack.naming.name('iam-role', props.purpose),
      assumeRolePolicy: renderPolicy(this.trustStatements),
      permissionsBoundary: props.permissionsBoundary.policyArn,
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'Policy', {
      name: props.purpose,
      role: this.resource.name,
      policy: renderPolicy(this.statements),
    });
    this.roleArn = this.resource.arn;
  }
}
