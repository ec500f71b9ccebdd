import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import type { IPermissionsBoundary } from './permissions-boundary';
import { PlatformRole } from './platform-role';

export interface EventTargetRoleProps {
  /** Purpose, part of the role name. */
  readonly purpose: string;
  /** The rule that uses the role: the only one EventBridge may assume it for. */
  readonly ruleArn: string;
  /** The one thing the role may do. */
  readonly statement: PolicyStatement;
  readonly permissionsBoundary: IPermissionsBoundary;
}

/** Sid of an event target role's trust statement. */
export const EVENT_TARGET_TRUST_SID = 'EventBridgeForThisRule';

/**
 * A service role EventBridge assumes for one rule's target, and that may do exactly one thing:
 * the trust names the rule itself (ArnEquals), not a pattern, so no other rule of the account
 * can use the role.
 */
export class EventTargetRole extends PlatformRole {
  constructor(scope: Construct, id: string, props: EventTargetRoleProps) {
    const statements: PolicyStatement[] = [
      {
        Sid: EVENT_TARGET_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: 'events.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ConstructEnvironment.of(scope).accountId },
          ArnEquals: { 'aws:SourceArn': props.ruleArn },
        },
      },
    ];
    super(
      scope,
      id,
      {
        purpose: props.purpose,
        permissionsBoundary: props.permissionsBoundary,
        statements: [props.statement],
      },
      { statements, problems: [] },
    );
  }
}
