import { INTERFACE_ENDPOINT_SERVICES } from '@genai-sandbox/config';
import { synthesize, testStack } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { endpointConstructId, VpcEndpoints, type VpcEndpointsProps } from '../src';
import { CIDR, reference, resolved, resourceNamed, resources, synthVpc } from './helpers';

const standalone: VpcEndpointsProps = {
  vpcId: 'vpc-0123456789abcdef0',
  vpcCidr: '10.40.0.0/16',
  subnetIds: ['subnet-0aaaaaaaaaaaaaaaa', 'subnet-0bbbbbbbbbbbbbbbb'],
  s3PrefixListId: 'pl-6da54004',
};

function synthEndpoints(overrides: Partial<VpcEndpointsProps> = {}) {
  const stack = testStack();
  const endpoints = new VpcEndpoints(stack, 'Endpoints', { ...standalone, ...overrides });
  return { endpoints, json: synthesize(stack) };
}

describe('VpcEndpoints', () => {
  describe('inside PlatformVpc', () => {
    const { json } = synthVpc({
      interfaceEndpoints: ['sagemaker.api', 'bedrock-runtime', 'ecr.dkr'],
    });

    test('creates exactly the configured interface endpoints, with private DNS, in the private subnets, behind the endpoint group', () => {
      const interfaces = resources(json, 'aws_vpc_endpoint').filter(
        (endpoint) => endpoint.vpc_endpoint_type !== 'Gateway',
      );
      expect(interfaces).toHaveLength(3);
      for (const [id, service] of [
        ['SagemakerApi', 'sagemaker.api'],
        ['BedrockRuntime', 'bedrock-runtime'],
        ['EcrDkr', 'ecr.dkr'],
      ]) {
        expect(resourceNamed(json, 'aws_vpc_endpoint', `Vpc_Endpoints_${id}`)).toMatchObject({
          service_name: `com.amazonaws.eu-west-1.${service}`,
          vpc_endpoint_type: 'Interface',
          private_dns_enabled: true,
          vpc_id: reference(json, 'aws_vpc', 'Vpc'),
          subnet_ids: [
            reference(json, 'aws_subnet', 'Vpc_PrivateSubnet0'),
            reference(json, 'aws_subnet', 'Vpc_PrivateSubnet1'),
          ],
          security_group_ids: [
            reference(json, 'aws_security_group', 'Vpc_Endpoints_SecurityGroup'),
          ],
        });
      }
    });

    test('admits only HTTPS from the VPC CIDR into the endpoint group, and defines no egress for it', () => {
      const endpointGroup = reference(json, 'aws_security_group', 'Vpc_Endpoints_SecurityGroup');
      const ingress = resources(json, 'aws_vpc_security_group_ingress_rule').filter(
        (rule) => rule.security_group_id === endpointGroup,
      );
      expect(ingress).toEqual([
        {
          security_group_id: endpointGroup,
          ip_protocol: 'tcp',
          from_port: 443,
          to_port: 443,
          cidr_ipv4: CIDR,
          description: expect.any(String),
        },
      ]);
      const egress = resources(json, 'aws_vpc_security_group_egress_rule').filter(
        (rule) => rule.security_group_id === endpointGroup,
      );
      expect(egress).toEqual([]);
      // Rules are separate resources; inline rules would fight them.
      const groups = resources(json, 'aws_security_group');
      expect(groups).toHaveLength(2);
      for (const group of groups) {
        expect(group).not.toHaveProperty('ingress');
        expect(group).not.toHaveProperty('egress');
      }
    });

    test('lets workloads speak HTTPS to the VPC and S3, and any protocol only within their own group', () => {
      const workloads = reference(
        json,
        'aws_security_group',
        'Vpc_Endpoints_WorkloadSecurityGroup',
      );
      const rulesOf = (type: string) =>
        resources(json, type)
          .filter((rule) => rule.security_group_id === workloads)
          .map(({ description: _description, security_group_id: _group, ...rule }) => rule);
      expect(rulesOf('aws_vpc_security_group_ingress_rule')).toEqual([
        { ip_protocol: '-1', referenced_security_group_id: workloads },
      ]);
      expect(rulesOf('aws_vpc_security_group_egress_rule')).toEqual(
        expect.arrayContaining([
          { ip_protocol: 'tcp', from_port: 443, to_port: 443, cidr_ipv4: CIDR },
          {
            ip_protocol: 'tcp',
            from_port: 443,
            to_port: 443,
            prefix_list_id: reference(
              json,
              'aws_vpc_endpoint',
              'Vpc_S3GatewayEndpoint',
              'prefix_list_id',
            ),
          },
          { ip_protocol: '-1', referenced_security_group_id: workloads },
        ]),
      );
      expect(rulesOf('aws_vpc_security_group_egress_rule')).toHaveLength(3);
    });

    test('names the security groups with the naming helper', () => {
      expect(
        resources(json, 'aws_security_group')
          .map((group) => group.name)
          .sort(),
      ).toEqual(['genai-dev-vpc-endpoints', 'genai-dev-workloads']);
    });
  });

  test('derives stable, readable construct IDs from the service names', () => {
    expect(INTERFACE_ENDPOINT_SERVICES.map(endpointConstructId)).toEqual([
      'SagemakerApi',
      'SagemakerRuntime',
      'Bedrock',
      'BedrockRuntime',
      'BedrockAgentRuntime',
      'Sts',
      'Logs',
      'EcrApi',
      'EcrDkr',
      'Kms',
      'Secretsmanager',
      'Events',
      'States',
      'Glue',
      'Athena',
    ]);
  });

  test('works on its own and exposes the endpoint IDs by service', () => {
    const { endpoints, json } = synthEndpoints({ services: ['sts', 'kms'] });
    expect(endpoints.services).toEqual(['sts', 'kms']);
    expect(Object.keys(endpoints.endpointIds)).toEqual(['sts', 'kms']);
    expect(resolved(endpoints, endpoints.endpointIds.kms)).toBe(
      reference(json, 'aws_vpc_endpoint', 'Endpoints_Kms'),
    );
    expect(resourceNamed(json, 'aws_vpc_endpoint', 'Endpoints_Sts')).toMatchObject({
      vpc_id: standalone.vpcId,
      subnet_ids: standalone.subnetIds,
    });
    expect(resources(json, 'aws_vpc_security_group_ingress_rule')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from_port: 443, cidr_ipv4: '10.40.0.0/16' }),
      ]),
    );
    expect(resolved(endpoints, endpoints.securityGroupId)).toBe(
      reference(json, 'aws_security_group', 'Endpoints_SecurityGroup'),
    );
  });

  test('defaults to every service of INTERFACE_ENDPOINT_SERVICES', () => {
    const { json } = synthEndpoints();
    expect(resources(json, 'aws_vpc_endpoint')).toHaveLength(INTERFACE_ENDPOINT_SERVICES.length);
  });

  test('creates no endpoint for an empty list, but still the security groups', () => {
    const { json } = synthEndpoints({ services: [] });
    expect(resources(json, 'aws_vpc_endpoint')).toEqual([]);
    expect(resources(json, 'aws_security_group')).toHaveLength(2);
  });

  test('fails when a service is unknown, the CIDR is malformed and there is no subnet, all at once', () => {
    expect(() =>
      synthEndpoints({ services: ['sagemaker' as never], vpcCidr: '10.40.0.0', subnetIds: [] }),
    ).toThrow(
      /VpcEndpoints test-dev\/Endpoints: 3 invalid props:\n {2}- vpcCidr \(received "10\.40\.0\.0"\): expected an IPv4 CIDR block[^\n]*\n {2}- services \(received \["sagemaker"\]\): unknown interface endpoint services[^\n]*\n {2}- subnetIds \(received \[\]\): an interface endpoint needs at least one subnet/,
    );
  });

  test('accepts token inputs and leaves them to Terraform', () => {
    const stack = testStack();
    const subnets = new TerraformVariable(stack, 'subnets', { type: 'list(string)' }).listValue;
    const cidr = new TerraformVariable(stack, 'cidr', { type: 'string' }).stringValue;
    new VpcEndpoints(stack, 'Endpoints', {
      ...standalone,
      vpcCidr: cidr,
      subnetIds: subnets,
      services: ['sts'],
    });
    const json = synthesize(stack);
    expect(resourceNamed(json, 'aws_vpc_endpoint', 'Endpoints_Sts')).toMatchObject({
      subnet_ids: '${var.subnets}',
    });
    expect(
      resourceNamed(json, 'aws_vpc_security_group_ingress_rule', 'Endpoints_IngressHttpsFromVpc'),
    ).toMatchObject({ cidr_ipv4: '${var.cidr}' });
  });
});
