import { INTERFACE_ENDPOINT_SERVICES } from '@genai-sandbox/config';
import { resourcesOfType, synthesize } from '@genai-sandbox/core/testing';
import { TerraformVariable } from 'cdktf';
import { PlatformVpc, type PlatformVpcProps } from '../src';
import {
  CIDR,
  fixture,
  reference,
  resolved,
  resourceNamed,
  resources,
  synthVpc,
  ZONES,
} from './helpers';

const THREE_ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

describe('PlatformVpc', () => {
  describe('by default', () => {
    const { vpc, json } = synthVpc();

    test('creates a VPC with DNS support and hostnames, which private DNS of endpoints needs', () => {
      expect(resources(json, 'aws_vpc')).toEqual([
        expect.objectContaining({
          cidr_block: CIDR,
          enable_dns_support: true,
          enable_dns_hostnames: true,
        }),
      ]);
    });

    test('has no internet gateway, NAT gateway, elastic IP, public subnet or internet route', () => {
      for (const type of [
        'aws_internet_gateway',
        'aws_egress_only_internet_gateway',
        'aws_nat_gateway',
        'aws_eip',
        'aws_route',
      ]) {
        expect({ type, found: resources(json, type) }).toEqual({ type, found: [] });
      }
      expect(resources(json, 'aws_subnet')).toHaveLength(ZONES.length);
      for (const subnet of resources(json, 'aws_subnet'))
        expect(subnet).toMatchObject({ map_public_ip_on_launch: false });
      expect(vpc.internetEgress).toBeUndefined();
    });

    test('creates one private subnet per zone at the first /20 blocks, each with its own route table', () => {
      expect(resourceNamed(json, 'aws_subnet', 'Vpc_PrivateSubnet0')).toMatchObject({
        availability_zone: 'eu-west-1a',
        cidr_block: '10.10.0.0/20',
        vpc_id: reference(json, 'aws_vpc', 'Vpc'),
      });
      expect(resourceNamed(json, 'aws_subnet', 'Vpc_PrivateSubnet1')).toMatchObject({
        availability_zone: 'eu-west-1b',
        cidr_block: '10.10.16.0/20',
      });
      expect(resources(json, 'aws_route_table')).toHaveLength(2);
      expect(resources(json, 'aws_route_table_association')).toEqual(
        expect.arrayContaining(
          [0, 1].map((index) => ({
            subnet_id: reference(json, 'aws_subnet', `Vpc_PrivateSubnet${index}`),
            route_table_id: reference(json, 'aws_route_table', `Vpc_PrivateRouteTable${index}`),
          })),
        ),
      );
    });

    test('locks down the default security group: no ingress and no egress rule', () => {
      expect(resources(json, 'aws_default_security_group')).toEqual([
        expect.objectContaining({
          vpc_id: reference(json, 'aws_vpc', 'Vpc'),
          ingress: [],
          egress: [],
        }),
      ]);
    });

    test('puts the S3 gateway endpoint on every private route table', () => {
      expect(resourceNamed(json, 'aws_vpc_endpoint', 'Vpc_S3GatewayEndpoint')).toMatchObject({
        service_name: 'com.amazonaws.eu-west-1.s3',
        vpc_endpoint_type: 'Gateway',
        route_table_ids: [0, 1].map((index) =>
          reference(json, 'aws_route_table', `Vpc_PrivateRouteTable${index}`),
        ),
      });
    });

    test('creates an interface endpoint for every service of INTERFACE_ENDPOINT_SERVICES', () => {
      const interfaces = resources(json, 'aws_vpc_endpoint').filter(
        (endpoint) => endpoint.vpc_endpoint_type === 'Interface',
      );
      expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual(
        INTERFACE_ENDPOINT_SERVICES.map((service) => `com.amazonaws.eu-west-1.${service}`).sort(),
      );
    });

    test('logs the VPC flow logs with a one-year retention', () => {
      expect(resources(json, 'aws_flow_log')).toEqual([
        expect.objectContaining({ vpc_id: reference(json, 'aws_vpc', 'Vpc'), traffic_type: 'ALL' }),
      ]);
      expect(resources(json, 'aws_cloudwatch_log_group')).toEqual([
        expect.objectContaining({ retention_in_days: 365 }),
      ]);
    });

    test('exposes its attributes as references to the resources', () => {
      expect(resolved(vpc, vpc.vpcId)).toBe(reference(json, 'aws_vpc', 'Vpc'));
      expect(vpc.vpcCidr).toBe(CIDR);
      expect(vpc.privateSubnetIds.map((id) => resolved(vpc, id))).toEqual([
        reference(json, 'aws_subnet', 'Vpc_PrivateSubnet0'),
        reference(json, 'aws_subnet', 'Vpc_PrivateSubnet1'),
      ]);
      expect(vpc.privateRouteTableIds.map((id) => resolved(vpc, id))).toEqual([
        reference(json, 'aws_route_table', 'Vpc_PrivateRouteTable0'),
        reference(json, 'aws_route_table', 'Vpc_PrivateRouteTable1'),
      ]);
      expect(resolved(vpc, vpc.endpointSecurityGroupId)).toBe(
        reference(json, 'aws_security_group', 'Vpc_Endpoints_SecurityGroup'),
      );
      expect(resolved(vpc, vpc.workloadSecurityGroupId)).toBe(
        reference(json, 'aws_security_group', 'Vpc_Endpoints_WorkloadSecurityGroup'),
      );
    });

    test('keeps the Terraform addresses of its resources stable (construct IDs are public API)', () => {
      const addresses = Object.entries(json.resource ?? {}).flatMap(([type, byName]) =>
        Object.keys(byName)
          .filter((name) => name.startsWith('Vpc_'))
          .map((name) => `${type}.${name.replace(/_[0-9A-F]{8}$/, '')}`),
      );
      expect(addresses.sort()).toEqual(
        [
          'aws_cloudwatch_log_group.Vpc_FlowLogs_LogGroup',
          'aws_default_security_group.Vpc_DefaultSecurityGroup',
          'aws_flow_log.Vpc_FlowLogs',
          'aws_iam_role.Vpc_FlowLogs_Role',
          'aws_iam_role_policy.Vpc_FlowLogs_Policy',
          'aws_route_table.Vpc_PrivateRouteTable0',
          'aws_route_table.Vpc_PrivateRouteTable1',
          'aws_route_table_association.Vpc_PrivateSubnet0RouteTable',
          'aws_route_table_association.Vpc_PrivateSubnet1RouteTable',
          'aws_security_group.Vpc_Endpoints_SecurityGroup',
          'aws_security_group.Vpc_Endpoints_WorkloadSecurityGroup',
          'aws_subnet.Vpc_PrivateSubnet0',
          'aws_subnet.Vpc_PrivateSubnet1',
          'aws_vpc.Vpc',
          'aws_vpc_endpoint.Vpc_S3GatewayEndpoint',
          ...[
            'Athena',
            'Bedrock',
            'BedrockAgentRuntime',
            'BedrockRuntime',
            'EcrApi',
            'EcrDkr',
            'Events',
            'Glue',
            'Kms',
            'Logs',
            'SagemakerApi',
            'SagemakerRuntime',
            'Secretsmanager',
            'States',
            'Sts',
          ].map((id) => `aws_vpc_endpoint.Vpc_Endpoints_${id}`),
          'aws_vpc_security_group_egress_rule.Vpc_Endpoints_WorkloadEgressHttpsToS3',
          'aws_vpc_security_group_egress_rule.Vpc_Endpoints_WorkloadEgressHttpsToVpc',
          'aws_vpc_security_group_egress_rule.Vpc_Endpoints_WorkloadEgressToItself',
          'aws_vpc_security_group_ingress_rule.Vpc_Endpoints_IngressHttpsFromVpc',
          'aws_vpc_security_group_ingress_rule.Vpc_Endpoints_WorkloadIngressFromItself',
        ].sort(),
      );
    });
  });

  test('creates only the configured interface endpoints', () => {
    const { json } = synthVpc({ interfaceEndpoints: ['sagemaker.runtime', 'bedrock-runtime'] });
    const interfaces = resources(json, 'aws_vpc_endpoint').filter(
      (endpoint) => endpoint.vpc_endpoint_type === 'Interface',
    );
    expect(interfaces.map((endpoint) => endpoint.service_name).sort()).toEqual([
      'com.amazonaws.eu-west-1.bedrock-runtime',
      'com.amazonaws.eu-west-1.sagemaker.runtime',
    ]);
  });

  test('lays out one private subnet per zone for three zones and a /20 VPC', () => {
    const { json } = synthVpc({ cidr: '10.20.16.0/20', availabilityZones: THREE_ZONES });
    expect(
      resources(json, 'aws_subnet').map(({ availability_zone, cidr_block }) => [
        availability_zone,
        cidr_block,
      ]),
    ).toEqual([
      ['eu-west-1a', '10.20.16.0/24'],
      ['eu-west-1b', '10.20.17.0/24'],
      ['eu-west-1c', '10.20.18.0/24'],
    ]);
  });

  describe('with internetEgress', () => {
    const { vpc, json } = synthVpc({ internetEgress: true, availabilityZones: THREE_ZONES });

    test('creates an internet gateway and public subnets at blocks 8 and up, without public IPs on launch', () => {
      expect(resources(json, 'aws_internet_gateway')).toEqual([
        expect.objectContaining({ vpc_id: reference(json, 'aws_vpc', 'Vpc') }),
      ]);
      const publicSubnets = Object.entries(resourcesOfType(json, 'aws_subnet')).filter(([name]) =>
        name.includes('PublicSubnet'),
      );
      expect(
        publicSubnets.map(([, subnet]) => [
          subnet.availability_zone,
          subnet.cidr_block,
          subnet.map_public_ip_on_launch,
        ]),
      ).toEqual([
        ['eu-west-1a', '10.10.128.0/20', false],
        ['eu-west-1b', '10.10.144.0/20', false],
        ['eu-west-1c', '10.10.160.0/20', false],
      ]);
      expect(
        resourceNamed(json, 'aws_route', 'Vpc_InternetEgress_PublicDefaultRoute'),
      ).toMatchObject({
        destination_cidr_block: '0.0.0.0/0',
        gateway_id: reference(json, 'aws_internet_gateway', 'Vpc_InternetEgress_InternetGateway'),
      });
    });

    test("creates one NAT gateway with its elastic IP per zone, in that zone's public subnet", () => {
      expect(resources(json, 'aws_eip')).toHaveLength(3);
      expect(resources(json, 'aws_nat_gateway')).toHaveLength(3);
      for (const index of [0, 1, 2]) {
        expect(
          resourceNamed(json, 'aws_nat_gateway', `Vpc_InternetEgress_NatGateway${index}`),
        ).toMatchObject({
          subnet_id: reference(json, 'aws_subnet', `Vpc_InternetEgress_PublicSubnet${index}`),
          allocation_id: reference(
            json,
            'aws_eip',
            `Vpc_InternetEgress_NatAddress${index}`,
            'allocation_id',
          ),
        });
        expect(
          resourceNamed(json, 'aws_eip', `Vpc_InternetEgress_NatAddress${index}`),
        ).toMatchObject({ domain: 'vpc' });
      }
    });

    test('routes each private subnet to the internet through the NAT gateway of its own zone', () => {
      for (const index of [0, 1, 2]) {
        expect(
          resourceNamed(json, 'aws_route', `Vpc_InternetEgress_PrivateDefaultRoute${index}`),
        ).toEqual(
          expect.objectContaining({
            route_table_id: reference(json, 'aws_route_table', `Vpc_PrivateRouteTable${index}`),
            destination_cidr_block: '0.0.0.0/0',
            nat_gateway_id: reference(
              json,
              'aws_nat_gateway',
              `Vpc_InternetEgress_NatGateway${index}`,
            ),
          }),
        );
      }
      expect(vpc.internetEgress?.natGatewayIds).toHaveLength(3);
    });

    test('keeps the private subnets and their route tables where they were', () => {
      expect(resourceNamed(json, 'aws_subnet', 'Vpc_PrivateSubnet2')).toMatchObject({
        cidr_block: '10.10.32.0/20',
      });
      expect(
        Object.keys(resourcesOfType(json, 'aws_route_table')).filter((name) =>
          name.startsWith('Vpc_PrivateRouteTable'),
        ),
      ).toHaveLength(3);
    });
  });

  describe('validation', () => {
    const build = (overrides: Partial<PlatformVpcProps>) => () => synthVpc(overrides);

    test('fails when only one availability zone is given', () => {
      expect(build({ availabilityZones: ['eu-west-1a'] })).toThrow(
        /availabilityZones \(received \["eu-west-1a"\]\): at least 2 zones are needed .* add a zone such as "eu-west-1b"/,
      );
    });

    test('fails when the CIDR is malformed', () => {
      expect(build({ cidr: '10.10.0/16' })).toThrow(
        /cidr \(received "10\.10\.0\/16"\): expected an IPv4 CIDR block/,
      );
      expect(build({ cidr: '10.10.0.1/16' })).toThrow(
        /cidr \(received "10\.10\.0\.1\/16"\): the address has host bits set; the network address for \/16 is 10\.10\.0\.0\/16/,
      );
    });

    test('fails when the CIDR is too small for the subnet layout', () => {
      expect(build({ cidr: '10.10.0.0/26' })).toThrow(
        /cidr \(received "10\.10\.0\.0\/26"\): the prefix must be \/16 to \/24/,
      );
    });

    test('fails when the flow log retention is not a CloudWatch Logs value', () => {
      expect(build({ flowLogRetentionDays: 42 })).toThrow(
        /flowLogRetentionDays \(received 42\): CloudWatch Logs accepts only 1, 3, 5, .*3653 days/,
      );
    });

    test('fails when a zone is outside the stack region or repeated', () => {
      expect(build({ availabilityZones: ['eu-west-1a', 'us-east-1a', 'eu-west-1a'] })).toThrow(
        /received \["us-east-1a"\]\): zones must be zone names of the stack's region "eu-west-1"[\s\S]*received \["eu-west-1a"\]\): a zone is listed more than once/,
      );
    });

    test('fails when an interface endpoint service is unknown or repeated', () => {
      expect(build({ interfaceEndpoints: ['sts', 's3' as never, 'sts'] })).toThrow(
        /interfaceEndpoints \(received \["s3"\]\): unknown interface endpoint services; allowed are sagemaker\.api, [\s\S]*interfaceEndpoints \(received \["sts"\]\): listed more than once/,
      );
    });

    test('fails when there are more zones than the subnet layout holds', () => {
      const zones = 'abcdefghi'.split('').map((letter) => `eu-west-1${letter}`);
      expect(build({ availabilityZones: zones })).toThrow(/at most 8 zones fit the subnet layout/);
    });

    test('fails with every problem in one message', () => {
      expect(
        build({ cidr: 'ten', availabilityZones: ['eu-west-1a'], flowLogRetentionDays: 0 }),
      ).toThrow(
        /PlatformVpc test-dev\/Vpc: 3 invalid props:\n {2}- cidr .*\n {2}- availabilityZones .*\n {2}- flowLogRetentionDays /,
      );
    });

    test('accepts token inputs and leaves them to Terraform', () => {
      const { stack, key, boundary } = fixture();
      const cidr = new TerraformVariable(stack, 'vpc_cidr', { type: 'string' }).stringValue;
      const zone = new TerraformVariable(stack, 'third_zone', { type: 'string' }).stringValue;
      const days = new TerraformVariable(stack, 'retention', { type: 'number' }).numberValue;
      new PlatformVpc(stack, 'Vpc', {
        cidr,
        availabilityZones: ['eu-west-1a', zone],
        flowLogRetentionDays: days,
        encryptionKey: key,
        permissionsBoundary: boundary,
      });
      const json = synthesize(stack);
      expect(resources(json, 'aws_vpc')).toEqual([
        expect.objectContaining({ cidr_block: '${var.vpc_cidr}' }),
      ]);
      expect(resourceNamed(json, 'aws_subnet', 'Vpc_PrivateSubnet1')).toMatchObject({
        availability_zone: '${var.third_zone}',
        cidr_block: '${cidrsubnet(var.vpc_cidr, 4, 1)}',
        tags: { Name: 'genai-dev-private-1' },
      });
      expect(resources(json, 'aws_cloudwatch_log_group')).toEqual([
        expect.objectContaining({ retention_in_days: '${var.retention}' }),
      ]);
      expect(
        resourceNamed(
          json,
          'aws_vpc_security_group_ingress_rule',
          'Vpc_Endpoints_IngressHttpsFromVpc',
        ),
      ).toMatchObject({
        cidr_ipv4: '${var.vpc_cidr}',
      });
    });
  });
});
