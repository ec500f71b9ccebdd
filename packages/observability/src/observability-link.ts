import { OamLink } from '@cdktf/provider-aws/lib/oam-link';
import { OAM_SINK_ARN_PATTERN } from '@genai-sandbox/config';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { SHARED_RESOURCE_TYPES } from './observability-sink';
import { throwIfProblems } from './validation';

export interface ObservabilityLinkProps {
  /** ARN of the sink in the monitoring account (platform.json `sharedServices.oamSinkArn`). */
  readonly sinkArn: string;
}

/**
 * Shares this account's metrics, logs and traces with the monitoring account's sink, labelled
 * with the account name so the monitoring console tells environments apart. A link reaches only
 * a sink in its own region.
 */
export class ObservabilityLink extends Construct {
  readonly linkArn: string;

  constructor(scope: Construct, id: string, props: ObservabilityLinkProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const match = OAM_SINK_ARN_PATTERN.exec(props.sinkArn);
    if (!Token.isUnresolved(props.sinkArn)) {
      throwIfProblems(
        this,
        'ObservabilityLink',
        !match
          ? [
              {
                prop: 'sinkArn',
                received: props.sinkArn,
                message: 'expected "arn:aws:oam:<region>:<account>:sink/<id>"',
              },
            ]
          : match[1] !== stack.region || match[2] === stack.accountId
            ? [
                {
                  prop: 'sinkArn',
                  received: props.sinkArn,
                  message: `expected a sink of another account in ${stack.region}: links stay within a region`,
                },
              ]
            : [],
      );
    }
    const link = new OamLink(this, 'Resource', {
      sinkIdentifier: props.sinkArn,
      labelTemplate: '$AccountName',
      resourceTypes: [...SHARED_RESOURCE_TYPES],
    });
    this.linkArn = link.arn;
  }
}
