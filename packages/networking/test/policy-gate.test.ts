import { CloudwatchLogGroup } from '@cdktf/provider-aws/lib/cloudwatch-log-group';
import { synthesizeWithMetadata } from '@genai-sandbox/core/testing';
import { policyViolations } from '@genai-sandbox/policy/testing';
import { PlatformVpc } from '../src';
import { CIDR, fixture, ZONES } from './helpers';

describe('networking constructs and the baseline policy pack', () => {
  it.each([false, true])('builds a VPC that passes it (internet egress %s)', async (egress) => {
    const { stack, key, boundary } = fixture();
    new PlatformVpc(stack, 'Vpc', {
      cidr: CIDR,
      availabilityZones: ZONES,
      internetEgress: egress,
      encryptionKey: key,
      permissionsBoundary: boundary,
    });
    expect(await policyViolations(synthesizeWithMetadata(stack), stack.config)).toEqual([]);
  });

  it('fails when the flow-log group loses its key', async () => {
    const { stack, key, boundary } = fixture();
    new PlatformVpc(stack, 'Vpc', {
      cidr: CIDR,
      availabilityZones: ZONES,
      encryptionKey: key,
      permissionsBoundary: boundary,
    });
    const group = stack.node.findAll().find((construct) => construct instanceof CloudwatchLogGroup);
    if (!(group instanceof CloudwatchLogGroup)) throw new Error('the VPC has no log group');
    group.addOverride('kms_key_id', null);
    expect(await policyViolations(synthesizeWithMetadata(stack), stack.config)).toEqual([
      expect.stringMatching(/^logs-group-kms aws_cloudwatch_log_group\.Vpc_FlowLogs_/),
    ]);
  });
});
