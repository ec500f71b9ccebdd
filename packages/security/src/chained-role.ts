import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { PlatformRole, type PlatformRoleProps } from './platform-role';

export interface ChainedRoleProps extends PlatformRoleProps {
  /** What the role is for, shown in the IAM console. */
  readonly description: string;
  /** Roles of this account that may assume this one (role chaining), by ARN. */
  readonly trustedRoleArns: readonly string[];
  /** Sid of the trust statement, naming who is trusted. @default "TrustedRolesOfThisAccount" */
  readonly trustSid?: string;
}

/**
 * A role that named roles of this account assume from their own session (role chaining), such as
 * the promotion role, which the deploy role assumes in the promote workflow. The trust also allows
 * sts:TagSession, because configure-aws-credentials tags the chained session.
 */
export class ChainedRole extends PlatformRole {
  constructor(scope: Construct, id: string, props: ChainedRoleProps) {
    const { accountId } = ConstructEnvironment.of(scope);
    const problems: string[] = [];
    if (props.trustedRoleArns.length === 0)
      problems.push('trustedRoleArns is empty; name the roles that may assume this one');
    const ofThisAccount = new RegExp(`^arn:aws:iam::${accountId}:role/[\\w+=,.@/-]+$`);
    for (const arn of props.trustedRoleArns) {
      if (!Token.isUnresolved(arn) && !ofThisAccount.test(arn)) {
        problems.push(
          `trustedRoleArns "${arn}" is not a role of this account; use arn:aws:iam::${accountId}:role/<name>, without wildcards`,
        );
      }
    }
    const [single] = props.trustedRoleArns;
    const statements: PolicyStatement[] = [
      {
        Sid: props.trustSid ?? 'TrustedRolesOfThisAccount',
        Effect: 'Allow',
        Principal: {
          AWS: props.trustedRoleArns.length === 1 ? single : [...props.trustedRoleArns],
        },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ];
    super(scope, id, props, { statements, problems });
  }
}
