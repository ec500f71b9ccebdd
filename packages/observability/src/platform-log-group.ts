import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { IKey } from '@genai-sandbox/security';
import { Construct } from 'constructs';
import { retentionProblems, throwIfProblems } from './validation';

export interface PlatformLogGroupProps {
  /** Parts of the name after `/<platform>/<env>[/<project>]`, such as `['vpc', 'flow-logs']`. */
  readonly purpose: readonly string[];
  /** Key that encrypts the events; its key policy must let CloudWatch Logs use it (PlatformKey does). */
  readonly encryptionKey: IKey;
  /**
   * Days the events are kept, one of the values CloudWatch Logs accepts.
   * @default - `logRetentionDays` of the environment (365 unless configured; production keeps longer)
   */
  readonly retentionDays?: number;
}

/**
 * A CloudWatch log group named by the platform, encrypted with a platform key and expiring its
 * events. Every log group of the platform comes from here so that none is unencrypted or kept
 * forever; where the environment protects state, the group is kept from destroy (audit evidence).
 */
export class PlatformLogGroup extends Construct {
  readonly logGroupName: string;
  /**
   * Spelled out rather than taken from the resource's arn attribute so policies can name a
   * literal resource the policy gate checks, and need not wait for the group.
   */
  readonly logGroupArn: string;
  readonly retentionDays: number;
  readonly resource: CloudwatchLogGroup;

  constructor(scope: Construct, id: string, props: PlatformLogGroupProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    this.retentionDays = props.retentionDays ?? stack.environment.logRetentionDays;
    throwIfProblems(this, 'PlatformLogGroup', [
      ...retentionProblems('retentionDays', this.retentionDays),
      ...(props.purpose.length === 0
        ? [
            {
              prop: 'purpose',
              received: props.purpose,
              message: 'name at least one part, such as ["vpc", "flow-logs"]',
            },
          ]
        : []),
    ]);
    this.logGroupName = stack.naming.logGroupName(...props.purpose);
    this.logGroupArn = `arn:aws:logs:${stack.region}:${stack.accountId}:log-group:${this.logGroupName}`;
    // 'Default' leaves the Terraform address that of a log group created directly in `scope`, so
    // groups that move to this construct (flow logs) are not replaced.
    this.resource = stack.protect(
      new CloudwatchLogGroup(this, 'Default', {
        name: this.logGroupName,
        kmsKeyId: props.encryptionKey.keyArn,
        retentionInDays: this.retentionDays,
      }),
    );
  }
}
