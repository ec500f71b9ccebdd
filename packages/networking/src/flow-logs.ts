import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  PlatformStack,
  type PolicyStatement,
  renderPolicy,
  throwIfProblems,
} from '@genai-sandbox/core';
import type { IKey, IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { retentionProblems } from './prop-checks';

export interface FlowLogsProps {
  /** The VPC whose traffic is logged. */
  readonly vpcId: string;
  /** KMS key that encrypts the log group; its key policy must let CloudWatch Logs use it (PlatformKey does). */
  readonly encryptionKey: IKey;
  /** Permissions boundary carried by the role that delivers the logs. */
  readonly permissionsBoundary: IPermissionsBoundary;
  /** Days CloudWatch Logs keeps the flow logs; one of the values CloudWatch accepts. @default 365 */
  readonly retentionDays?: number;
}

/** What the delivery role may do, and nothing else; DescribeLogStreams is read but scoped the same. */
export const FLOW_LOG_DELIVERY_ACTIONS = [
  'logs:CreateLogStream',
  'logs:PutLogEvents',
  'logs:DescribeLogStreams',
] as const;

/**
 * VPC flow logs of all traffic (accepted and rejected) into a KMS-encrypted CloudWatch log group
 * with retention, delivered by a role that only the flow-logs service of this account can assume
 * and that may only write to that one log group.
 */
export class FlowLogs extends Construct {
  readonly logGroupName: string;
  readonly logGroupArn: string;
  readonly roleArn: string;
  readonly flowLogId: string;
  /** Trust and permission statements, exposed so tests and callers can inspect them. */
  readonly trustStatements: readonly PolicyStatement[];
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: FlowLogsProps) {
    super(scope, id);
    const retentionDays = props.retentionDays ?? 365;
    throwIfProblems(this, 'FlowLogs', retentionProblems('retentionDays', retentionDays));
    const stack = PlatformStack.of(this);

    this.logGroupName = stack.naming.logGroupName('vpc', 'flow-logs');
    // Spelled out rather than taken from the resource's arn attribute so the role policy names a
    // literal resource that the policy gate can check, and does not wait for the group.
    this.logGroupArn = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:${this.logGroupName}`;
    // Flow logs are audit evidence: kept from destroy where the environment protects state.
    const logGroup = stack.protect(
      new CloudwatchLogGroup(this, 'LogGroup', {
        name: this.logGroupName,
        kmsKeyId: props.encryptionKey.keyArn,
        retentionInDays: retentionDays,
      }),
    );

    this.trustStatements = [
      {
        Sid: 'VpcFlowLogsOfThisAccount',
        Effect: 'Allow',
        Principal: { Service: 'vpc-flow-logs.amazonaws.com' },
        Action: 'sts:AssumeRole',
        // Confused-deputy guard: only flow logs created in this account and region.
        Condition: {
          StringEquals: { 'aws:SourceAccount': stack.accountId },
          ArnLike: {
            'aws:SourceArn': `arn:aws:ec2:${stack.region}:${stack.accountId}:vpc-flow-log/*`,
          },
        },
      },
    ];
    this.policyStatements = [
      {
        Sid: 'DeliverToTheFlowLogGroup',
        Effect: 'Allow',
        Action: [...FLOW_LOG_DELIVERY_ACTIONS],
        Resource: [this.logGroupArn, `${this.logGroupArn}:*`],
      },
    ];

    const role = new IamRole(this, 'Role', {
      name: stack.naming.name('iam-role', 'flow-logs'),
      description: 'Delivers VPC flow logs to their CloudWatch log group',
      assumeRolePolicy: renderPolicy(this.trustStatements),
      permissionsBoundary: props.permissionsBoundary.policyArn,
    });
    const policy = new IamRolePolicy(this, 'Policy', {
      name: 'deliver-flow-logs',
      role: role.name,
      policy: renderPolicy(this.policyStatements),
    });

    const flowLog = new FlowLog(this, 'Resource', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.arn,
      iamRoleArn: role.arn,
      // Without the permissions the first deliveries fail and the flow log reports an error.
      dependsOn: [policy],
    });

    this.roleArn = role.arn;
    this.flowLogId = flowLog.id;
  }
}
