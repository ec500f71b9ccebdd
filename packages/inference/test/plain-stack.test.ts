import { plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import { inferenceExecutionRole } from '../src';

describe('inference constructs in a plain TerraformStack', () => {
  it('synthesize an endpoint execution role with the key, bucket and VPC passed in', () => {
    const stack = plainTestStack({ platform: 'risk', project: 'scoring' });
    const key = PlatformKey.fromAlias(stack, 'alias/risk-dev-data');
    const bucket = new MlBucketReference('risk-dev-scoring-ml-210987654321', key, 'eu-central-1');
    const role = inferenceExecutionRole(stack, 'EndpointRole', {
      method: 'realtime',
      bucket,
      modelPackageGroup: 'Scoring',
      inVpc: true,
      encryptionKey: key,
      vpcArn: 'arn:aws:ec2:eu-central-1:210987654321:vpc/vpc-0a1b2c3d4e5f60718',
    });
    synthesize(stack);
    expect(role.roleName).toBe('risk-dev-scoring-realtime-endpoint');
    const statements = JSON.stringify(role.policyStatements);
    expect(statements).toContain('alias/risk-dev-data');
    expect(statements).not.toContain('risk-dev-platform');
    expect(statements).toContain(
      'arn:aws:ecr:eu-central-1:210987654321:repository/risk-dev-scoring',
    );
    expect(statements).toContain('vpc/vpc-0a1b2c3d4e5f60718');
  });
});
