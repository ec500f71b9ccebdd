import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';
import { type BaseExecutionOptions, baseExecutionStatements } from './base-execution';
import { addStatements } from './grantable';
import { PlatformRole, type PlatformRoleProps } from './platform-role';

export interface ServiceRoleProps extends PlatformRoleProps {
  /** What the role is for, shown in the IAM console. */
  readonly description: string;
  /** The one service principal that may assume the role, such as "glue.amazonaws.com". */
  readonly service: string;
  /**
   * `aws:SourceArn` patterns (ArnLike) the service must act for, narrowing the account condition
   * further. @default - any resource of the service in this account
   */
  readonly sourceArns?: readonly string[];
  /**
   * Sid of the trust statement, for roles that had another before they joined the role family.
   * @default SERVICE_TRUST_SID
   */
  readonly trustSid?: string;
}

const SERVICE_PRINCIPAL = /^[a-z0-9-]+(\.[a-z0-9-]+)*\.amazonaws\.com$/;

/** Sid of a service role's trust statement. */
export const SERVICE_TRUST_SID = 'ServiceOfThisAccount';

/**
 * A role one AWS service assumes on behalf of this account only (`aws:SourceAccount`, the
 * confused-deputy guard), with the environment's permissions boundary and the collected inline
 * policy of PlatformRole.
 */
export class ServiceRole extends PlatformRole {
  readonly service: string;

  constructor(scope: Construct, id: string, props: ServiceRoleProps) {
    const problems: string[] = [];
    if (!Token.isUnresolved(props.service) && !SERVICE_PRINCIPAL.test(props.service)) {
      problems.push(
        `service "${props.service}" is not a service principal; use one such as "glue.amazonaws.com"`,
      );
    }
    if (props.trustSid !== undefined && !/^[A-Za-z0-9]+$/.test(props.trustSid)) {
      problems.push(
        `trustSid "${props.trustSid}" is not a Sid; IAM accepts letters and digits only, such as "${SERVICE_TRUST_SID}"`,
      );
    }
    for (const arn of props.sourceArns ?? []) {
      if (!Token.isUnresolved(arn) && !arn.startsWith('arn:aws')) {
        problems.push(
          `sourceArns "${arn}" is not an ARN; use arn:aws:<service>:<region>:<account>:...`,
        );
      }
    }
    const statements: PolicyStatement[] = [
      {
        Sid: props.trustSid ?? SERVICE_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: props.service },
        Action: 'sts:AssumeRole',
        Condition: {
          StringEquals: { 'aws:SourceAccount': ConstructEnvironment.of(scope).accountId },
          ...(props.sourceArns?.length
            ? { ArnLike: { 'aws:SourceArn': [...props.sourceArns] } }
            : {}),
        },
      },
    ];
    super(scope, id, props, { statements, problems });
    this.service = props.service;
  }

  /**
   * The statements every blueprint role needs (the "base execution role" of the role
   * hierarchy): CloudWatch Logs for its service's own log groups in this account and region,
   * read-only access to the account's Glue Data Catalog, and use of the platform key (only that
   * key, by its alias). Returns the statements added.
   */
  grantBaseExecution(options: BaseExecutionOptions = {}): PolicyStatement[] {
    return addStatements(this, baseExecutionStatements(this, this.service, options));
  }
}
