import { CloudwatchEventArchive } from '@cdktf/provider-aws/lib/cloudwatch-event-archive';
import { CloudwatchEventBus } from '@cdktf/provider-aws/lib/cloudwatch-event-bus';
import { CloudwatchEventBusPolicy } from '@cdktf/provider-aws/lib/cloudwatch-event-bus-policy';
import { MODEL_APPROVAL_EVENT } from '@genai-sandbox/config';
import {
  accountRootArn,
  checkName,
  ConstructEnvironment,
  isDeployTime,
  type PolicyStatement,
  PropProblems,
  renderPolicy,
} from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';

export interface PromotionBusProps {
  /** The bus name, from configuration (`promotionBusName`). */
  readonly busName: string;
  /** The previous environment's account: the only one allowed to put events. */
  readonly sourceAccountId: string;
  /** Customer key for events at rest; its policy must admit EventBridge. */
  readonly encryptionKey: IKey;
  /** Days the archive keeps events, for replay after a failed promotion (AWS owned key: provider 5.100 has no archive CMK). @default 90 */
  readonly archiveRetentionDays?: number;
}

/**
 * The bus that receives model approvals from the previous environment (docs/architecture.md#event-flow,
 * step 4). Its policy admits only that account, only events:PutEvents, only SageMaker's model
 * package state changes.
 */
export class PromotionBus extends Construct {
  readonly busName: string;
  readonly busArn: string;
  readonly resource: CloudwatchEventBus;
  readonly policyStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PromotionBusProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const retentionDays = props.archiveRetentionDays ?? 90;
    const problems = new PropProblems().check('busName', props.busName, () =>
      checkName('event-bus', props.busName),
    );
    const source = props.sourceAccountId;
    if (!isDeployTime(source) && (!/^\d{12}$/.test(source) || source === stack.accountId)) {
      problems.add(
        'sourceAccountId',
        source,
        `use the 12-digit ID of the previous environment's account, not this one (${stack.accountId})`,
      );
    }
    if (!isDeployTime(retentionDays) && (!Number.isInteger(retentionDays) || retentionDays < 1)) {
      problems.add('archiveRetentionDays', retentionDays, 'use a whole number of days, at least 1');
    }
    problems.throwIfAny(this, 'PromotionBus');
    this.busName = props.busName;
    this.resource = new CloudwatchEventBus(this, 'Resource', {
      name: props.busName,
      kmsKeyIdentifier: props.encryptionKey.keyArn,
    });
    this.busArn = `arn:aws:events:${stack.region}:${stack.accountId}:event-bus/${props.busName}`;
    this.policyStatements = [
      {
        Sid: 'PreviousEnvironmentPutsModelApprovals',
        Effect: 'Allow',
        Principal: { AWS: accountRootArn(props.sourceAccountId) },
        Action: 'events:PutEvents',
        Resource: this.busArn,
        // Both keys are multi-valued (ArrayOfString in the IAM catalogue): a plain StringEquals
        // does not match the forwarded PutEvents, and ForAllValues alone would admit an entry that
        // carries neither, hence the Null guard.
        Condition: {
          'ForAllValues:StringEquals': {
            'events:source': MODEL_APPROVAL_EVENT.source,
            'events:detail-type': MODEL_APPROVAL_EVENT.detailType,
          },
          Null: { 'events:source': 'false', 'events:detail-type': 'false' },
        },
      },
    ];
    new CloudwatchEventBusPolicy(this, 'Policy', {
      eventBusName: this.resource.name,
      policy: renderPolicy(this.policyStatements),
    });
    new CloudwatchEventArchive(this, 'Archive', {
      name: stack.naming.name('eventbridge-archive', 'promotion-archive'),
      eventSourceArn: this.resource.arn,
      retentionDays,
    });
  }
}
