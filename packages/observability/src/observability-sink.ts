import { OamSink } from '@cdktf/provider-aws/lib/oam-sink';
import { OamSinkPolicy } from '@cdktf/provider-aws/lib/oam-sink-policy';
import {
  accountRootArn,
  ConstructEnvironment,
  type PolicyStatement,
  renderPolicy,
} from '@genai-sandbox/core';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { type PropProblem, throwIfProblems } from './validation';

/** What the environments share with the monitoring account: metrics, logs and traces. */
export const SHARED_RESOURCE_TYPES = [
  'AWS::CloudWatch::Metric',
  'AWS::Logs::LogGroup',
  'AWS::XRay::Trace',
] as const;

export interface ObservabilitySinkProps {
  /** The environment accounts that may link; nobody else. */
  readonly sourceAccountIds: readonly string[];
  /** The AWS Organization those accounts must belong to, such as "o-a1b2c3d4e5". */
  readonly organizationId: string;
}

/**
 * The CloudWatch cross-account observability sink of the monitoring (shared-services) account.
 * Its policy admits only the platform's environment accounts, only while they are in the
 * organization, and only for metrics, logs and traces: each foundation links to it.
 */
export class ObservabilitySink extends Construct {
  readonly sinkArn: string;
  readonly sinkName: string;
  /** The sink policy statements, exposed so tests and callers can inspect them. */
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: ObservabilitySinkProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    throwIfProblems(this, 'ObservabilitySink', sinkProblems(props, stack.accountId));
    this.sinkName = stack.naming.name('oam-sink', 'observability');
    const sink = stack.protect(new OamSink(this, 'Resource', { name: this.sinkName }));
    this.policyStatements = [
      {
        Sid: 'PlatformEnvironmentsLinkMetricsLogsTraces',
        Effect: 'Allow',
        Principal: { AWS: [...new Set(props.sourceAccountIds)].map(accountRootArn) },
        Action: ['oam:CreateLink', 'oam:UpdateLink'],
        Resource: '*',
        Condition: {
          // oam:ResourceTypes is multi-valued: every requested type must be one of these, and a
          // request must name at least one (ForAllValues alone admits an empty set).
          'ForAllValues:StringEquals': { 'oam:ResourceTypes': [...SHARED_RESOURCE_TYPES] },
          Null: { 'oam:ResourceTypes': 'false' },
          StringEquals: { 'aws:PrincipalOrgID': props.organizationId },
        },
      },
    ];
    new OamSinkPolicy(this, 'Policy', {
      sinkIdentifier: sink.arn,
      policy: renderPolicy(this.policyStatements),
    });
    this.sinkArn = sink.arn;
  }
}

function sinkProblems(props: ObservabilitySinkProps, ownAccount: string): PropProblem[] {
  const problems: PropProblem[] = [];
  const accounts = props.sourceAccountIds.filter((account) => !Token.isUnresolved(account));
  if (props.sourceAccountIds.length === 0)
    problems.push({
      prop: 'sourceAccountIds',
      received: [],
      message: 'name the environment accounts that link to the sink',
    });
  const invalid = accounts.filter((account) => !/^\d{12}$/.test(account) || account === ownAccount);
  if (invalid.length > 0)
    problems.push({
      prop: 'sourceAccountIds',
      received: invalid,
      message: `expected 12-digit IDs of other accounts than the monitoring account ${ownAccount}`,
    });
  if (
    !Token.isUnresolved(props.organizationId) &&
    !/^o-[a-z0-9]{10,32}$/.test(props.organizationId)
  )
    problems.push({
      prop: 'organizationId',
      received: props.organizationId,
      message: 'expected an AWS Organizations ID such as "o-a1b2c3d4e5"',
    });
  return problems;
}
