import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { vectorCollectionName, VectorStoreAccess, type VectorStoreAccessProps } from '../src';

function build(props: Partial<VectorStoreAccessProps> = {}) {
  const stack = testStack({ app: 'foundation' });
  const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'test' });
  const access = new VectorStoreAccess(stack, 'VectorStores', {
    vpcId: 'vpc-0123456789abcdef0',
    subnetIds: ['subnet-a', 'subnet-b'],
    securityGroupIds: ['sg-endpoints'],
    encryptionKey: key,
    projects: ['fraud-detection'],
    ...props,
  });
  return { access, json: synthesize(stack) };
}

const policyOf = (json: ReturnType<typeof synthesize>, type: 'encryption' | 'network') => {
  const policies = Object.values(
    resourcesOfType(json, 'aws_opensearchserverless_security_policy'),
  ).filter((policy) => policy.type === type);
  expect(policies).toHaveLength(1);
  return { name: policies[0].name, document: JSON.parse(policies[0].policy as string) };
};

describe('VectorStoreAccess', () => {
  const { json } = build();

  it('creates one OpenSearch Serverless VPC endpoint in the platform VPC', () => {
    expect(onlyResourceOfType(json, 'aws_opensearchserverless_vpc_endpoint')).toMatchObject({
      name: 'genai-dev-aoss',
      vpc_id: 'vpc-0123456789abcdef0',
      subnet_ids: ['subnet-a', 'subnet-b'],
      security_group_ids: ['sg-endpoints'],
    });
  });

  it('encrypts the project collection with the platform key, never an AWS-owned key', () => {
    const policy = policyOf(json, 'encryption');
    expect(policy.name).toBe('genai-dev-fraud-detection');
    expect(policy.document).toEqual({
      Rules: [{ ResourceType: 'collection', Resource: ['collection/genai-dev-fraud-detection'] }],
      AWSOwnedKey: false,
      KmsARN: expect.stringMatching(/^\$\{aws_kms_key\.Key_.*\.arn\}$/),
    });
  });

  it('opens the collection only to the VPC endpoint and Bedrock, and no Dashboards', () => {
    const policy = policyOf(json, 'network');
    expect(policy.document).toEqual([
      {
        Description: expect.any(String),
        Rules: [{ ResourceType: 'collection', Resource: ['collection/genai-dev-fraud-detection'] }],
        AllowFromPublic: false,
        SourceVPCEs: [
          expect.stringMatching(
            /^\$\{aws_opensearchserverless_vpc_endpoint\.VectorStores_Endpoint_.*\.id\}$/,
          ),
        ],
        SourceServices: ['bedrock.amazonaws.com'],
      },
    ]);
  });

  it('fails when a collection name would exceed 32 characters, naming the fix', () => {
    expect(() => vectorCollectionName('genai', 'dev', 'a-very-long-project-name')).toThrow(
      /"genai-dev-a-very-long-project-name" .* has 34 characters; .*Shorten the platform name in platform.json or the project name in dev.json/,
    );
  });

  it('fails when the endpoint has no subnets or security groups, reporting both', () => {
    expect(() => build({ subnetIds: [], securityGroupIds: [] })).toThrow(
      /subnetIds is empty[\s\S]*securityGroupIds is empty/,
    );
  });
});
