import {
  onlyResourceOfType,
  plainTestStack,
  resourcesOfType,
  synthesize,
} from '@genai-sandbox/core/testing';
import { PermissionsBoundary, PlatformKey } from '@genai-sandbox/security';
import { PlatformVpc } from '../src';

describe('networking constructs in a plain TerraformStack', () => {
  it('synthesize a VPC named, encrypted and logged from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk', logRetentionDays: 90 });
    const key = new PlatformKey(stack, 'Key', { purpose: 'network', description: 'Flow logs' });
    new PlatformVpc(stack, 'Network', {
      cidr: '10.40.0.0/16',
      availabilityZones: ['eu-central-1a', 'eu-central-1b'],
      encryptionKey: key,
      permissionsBoundary: new PermissionsBoundary(stack, 'Boundary'),
      flowLogRetentionDays: 30,
    });
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_vpc')).toMatchObject({
      cidr_block: '10.40.0.0/16',
      tags: { Name: 'risk-dev-vpc' },
    });
    expect(
      Object.values(resourcesOfType(json, 'aws_subnet')).map((subnet) => subnet.availability_zone),
    ).toEqual(['eu-central-1a', 'eu-central-1b']);
    expect(onlyResourceOfType(json, 'aws_cloudwatch_log_group')).toMatchObject({
      retention_in_days: 30,
      kms_key_id: '${aws_kms_key.Key_961B73FD.arn}',
    });
    expect(JSON.stringify(resourcesOfType(json, 'aws_vpc_endpoint'))).toContain(
      'com.amazonaws.eu-central-1.s3',
    );
  });
});
