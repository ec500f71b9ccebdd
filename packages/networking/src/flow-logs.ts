import { FlowLog } from '@cdktf/provider-aws/lib/flow-log';
import { ConstructEnvironment, type PolicyStatement, throwIfProblems } from '@genai-sandbox/core';
import { PlatformLogGroup } from '@genai-sandbox/observability';
import { type IKey, type IPermissionsBoundary, ServiceRole } from '@genai-sandbox/security';
import { TerraformStack } from 'cdktf';
import { Construct, type Node } from 'constructs';
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
    const stack = ConstructEnvironment.of(this);

    // Flow logs are audit evidence: PlatformLogGroup keeps them from destroy where the
    // environment protects state. Its ARN is spelled out, so the role policy names a literal.
    const logGroup = new PlatformLogGroup(this, 'LogGroup', {
      purpose: ['vpc', 'flow-logs'],
      encryptionKey: props.encryptionKey,
      retentionDays,
    });
    this.logGroupName = logGroup.logGroupName;
    this.logGroupArn = logGroup.logGroupArn;

    this.policyStatements = [
      {
        Sid: 'DeliverToTheFlowLogGroup',
        Effect: 'Allow',
        Action: [...FLOW_LOG_DELIVERY_ACTIONS],
        Resource: [this.logGroupArn, `${this.logGroupArn}:*`],
      },
    ];
    const role = new ServiceRole(this, 'Role', {
      purpose: 'flow-logs',
      description: 'Delivers VPC flow logs to their CloudWatch log group',
      service: 'vpc-flow-logs.amazonaws.com',
      // Confused-deputy guard: only flow logs created in this account and region.
      sourceArns: [`arn:aws:ec2:${stack.region}:${stack.accountId}:vpc-flow-log/*`],
      trustSid: 'VpcFlowLogsOfThisAccount',
      permissionsBoundary: props.permissionsBoundary,
      policyName: 'deliver-flow-logs',
      statements: this.policyStatements,
    });
    // The role and its policy were raw resources of this construct (<FlowLogs>/Role and
    // <FlowLogs>/Policy). The policy keeps its address; the role's is fixed once the role family
    // refers to it, so a moved block carries existing roles over (UPGRADE.md).
    role.policy.overrideLogicalId(logicalIdAt(this, 'Policy'));
    role.resource.moveFromId(`aws_iam_role.${logicalIdAt(this, 'Role')}`);
    this.trustStatements = role.trustStatements;

    const flowLog = new FlowLog(this, 'Resource', {
      vpcId: props.vpcId,
      trafficType: 'ALL',
      logDestinationType: 'cloud-watch-logs',
      logDestination: logGroup.resource.arn,
      iamRoleArn: role.roleArn,
      // Without the permissions the first deliveries fail and the flow log reports an error.
      dependsOn: [role.policy],
    });

    this.roleArn = role.roleArn;
    this.flowLogId = flowLog.id;
  }
}

/**
 * The logical ID cdktf allocates to a resource with construct ID `id` directly under `scope`
 * (its hashed path), whether or not one is there now.
 */
function logicalIdAt(scope: Construct, id: string): string {
  const path = { scopes: [...scope.node.scopes, { node: { id } }] } as unknown as Node;
  return TerraformStack.of(scope).getLogicalId(path);
}
