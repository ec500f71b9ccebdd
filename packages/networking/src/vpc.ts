import { DefaultSecurityGroup } from '@cdktf/provider-aws/lib/default-security-group';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { Vpc } from '@cdktf/provider-aws/lib/vpc';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import {
  formatCidr,
  INTERFACE_ENDPOINT_SERVICES,
  type InterfaceEndpointService,
  parseCidr,
  subnetCidr,
} from '@genai-sandbox/config';
import { ConstructEnvironment, type PropProblem, throwIfProblems } from '@genai-sandbox/core';
import type { IKey, IPermissionsBoundary } from '@genai-sandbox/security';
import { Fn, Token } from 'cdktf';
import { Construct } from 'constructs';
import { FlowLogs } from './flow-logs';
import { InternetEgress } from './internet-egress';
import { endpointServiceProblems, retentionProblems, vpcCidrProblems } from './prop-checks';
import { VpcEndpoints } from './vpc-endpoints';

/** A platform VPC as other constructs see it: where workloads run and which group they use. */
export interface IVpc {
  readonly vpcId: string;
  readonly vpcCidr: string;
  /** One private subnet per availability zone, in the order of the zones. */
  readonly privateSubnetIds: readonly string[];
  /** The route table of each private subnet, in the same order. */
  readonly privateRouteTableIds: readonly string[];
  /** Security group of the interface endpoints. */
  readonly endpointSecurityGroupId: string;
  /** Security group to give SageMaker jobs, SageMaker endpoints and Lambdas. */
  readonly workloadSecurityGroupId: string;
}

export interface PlatformVpcProps {
  /** IPv4 CIDR block of the VPC, /16 to /24, such as "10.10.0.0/16". */
  readonly cidr: string;
  /** Availability zones of the stack's region, at least 2 and at most 8; one private subnet each. */
  readonly availabilityZones: readonly string[];
  /**
   * Create public subnets, an internet gateway and one NAT gateway per zone for outbound internet
   * access. @default false - the VPC reaches AWS only through its endpoints and has no internet path
   */
  readonly internetEgress?: boolean;
  /** KMS key that encrypts the flow log group. */
  readonly encryptionKey: IKey;
  /** Permissions boundary of the flow-log delivery role. */
  readonly permissionsBoundary: IPermissionsBoundary;
  /** Days the flow logs are kept; one of the values CloudWatch Logs accepts. @default 365 */
  readonly flowLogRetentionDays?: number;
  /** Services that get an interface endpoint. @default INTERFACE_ENDPOINT_SERVICES - every service the blueprints use */
  readonly interfaceEndpoints?: readonly InterfaceEndpointService[];
}

/** Subnets are /prefix+4: 16 blocks, private in 0-7 and public in 8-15, so at most 8 zones. */
const SUBNET_NEW_BITS = 4;
const PUBLIC_SUBNET_OFFSET = 8;
const MAX_ZONES = 8;

/**
 * The private network of one environment: a VPC with one private subnet and route table per
 * zone, no internet path unless asked for, S3 reached through a gateway endpoint and the other
 * AWS services through interface endpoints, the default security group stripped of its rules,
 * and flow logs of all traffic.
 */
export class PlatformVpc extends Construct implements IVpc {
  readonly vpcId: string;
  readonly vpcCidr: string;
  readonly privateSubnetIds: readonly string[];
  readonly privateRouteTableIds: readonly string[];
  readonly endpointSecurityGroupId: string;
  readonly workloadSecurityGroupId: string;
  /** Prefix list of the S3 gateway endpoint, for security group rules towards S3. */
  readonly s3PrefixListId: string;
  readonly endpoints: VpcEndpoints;
  readonly flowLogs: FlowLogs;
  /** The public subnets, internet gateway and NAT gateways; set only with `internetEgress`. */
  readonly internetEgress?: InternetEgress;

  constructor(scope: Construct, id: string, props: PlatformVpcProps) {
    super(scope, id);
    const stack = ConstructEnvironment.of(this);
    const zones = props.availabilityZones;
    const retentionDays = props.flowLogRetentionDays ?? 365;
    const services = props.interfaceEndpoints ?? INTERFACE_ENDPOINT_SERVICES;
    throwIfProblems(this, 'PlatformVpc', [
      ...vpcCidrProblems('cidr', props.cidr),
      ...zoneProblems(zones, stack.region),
      ...retentionProblems('flowLogRetentionDays', retentionDays),
      ...endpointServiceProblems('interfaceEndpoints', services),
    ]);
    const blockCidr = subnetCidrs(props.cidr);
    // Token zone names cannot go into a name tag; their position can.
    const zoneLabels = zones.map((zone, index) =>
      Token.isUnresolved(zone) ? String(index) : zone,
    );

    const vpc = new Vpc(this, 'Resource', {
      cidrBlock: props.cidr,
      enableDnsSupport: true,
      // Private DNS of interface endpoints needs both DNS attributes.
      enableDnsHostnames: true,
      tags: { Name: stack.naming.name('ec2-name-tag', 'vpc') },
    });
    // Adopting the default group removes all its rules: nothing can use it by accident.
    new DefaultSecurityGroup(this, 'DefaultSecurityGroup', {
      vpcId: vpc.id,
      ingress: [],
      egress: [],
      tags: { Name: stack.naming.name('ec2-name-tag', 'default-no-rules') },
    });

    const subnetIds: string[] = [];
    const routeTableIds: string[] = [];
    zones.forEach((zone, index) => {
      const subnet = new Subnet(this, `PrivateSubnet${index}`, {
        vpcId: vpc.id,
        availabilityZone: zone,
        cidrBlock: blockCidr(index),
        mapPublicIpOnLaunch: false,
        tags: { Name: stack.naming.name('ec2-name-tag', 'private', zoneLabels[index]) },
      });
      // One table per zone even without internet egress, so turning it on adds routes, not tables.
      const routeTable = new RouteTable(this, `PrivateRouteTable${index}`, {
        vpcId: vpc.id,
        tags: { Name: stack.naming.name('ec2-name-tag', 'private', zoneLabels[index]) },
      });
      new RouteTableAssociation(this, `PrivateSubnet${index}RouteTable`, {
        subnetId: subnet.id,
        routeTableId: routeTable.id,
      });
      subnetIds.push(subnet.id);
      routeTableIds.push(routeTable.id);
    });

    const s3 = new VpcEndpoint(this, 'S3GatewayEndpoint', {
      vpcId: vpc.id,
      serviceName: `com.amazonaws.${stack.region}.s3`,
      vpcEndpointType: 'Gateway',
      routeTableIds: routeTableIds,
      tags: { Name: stack.naming.name('ec2-name-tag', 'endpoint', 's3') },
    });

    this.endpoints = new VpcEndpoints(this, 'Endpoints', {
      vpcId: vpc.id,
      vpcCidr: props.cidr,
      subnetIds,
      s3PrefixListId: s3.prefixListId,
      services,
    });
    this.flowLogs = new FlowLogs(this, 'FlowLogs', {
      vpcId: vpc.id,
      encryptionKey: props.encryptionKey,
      permissionsBoundary: props.permissionsBoundary,
      retentionDays,
    });
    if (props.internetEgress === true) {
      this.internetEgress = new InternetEgress(this, 'InternetEgress', {
        vpcId: vpc.id,
        availabilityZones: zones,
        publicSubnetCidrs: zones.map((_, index) => blockCidr(PUBLIC_SUBNET_OFFSET + index)),
        privateRouteTableIds: routeTableIds,
        zoneLabels,
      });
    }

    this.vpcId = vpc.id;
    this.vpcCidr = props.cidr;
    this.privateSubnetIds = subnetIds;
    this.privateRouteTableIds = routeTableIds;
    this.s3PrefixListId = s3.prefixListId;
    this.endpointSecurityGroupId = this.endpoints.securityGroupId;
    this.workloadSecurityGroupId = this.endpoints.workloadSecurityGroupId;
  }
}

/** Block `index` of the VPC split into /prefix+4; Terraform's cidrsubnet() when the CIDR is a token. */
function subnetCidrs(cidr: string): (index: number) => string {
  if (Token.isUnresolved(cidr)) return (index) => Fn.cidrsubnet(cidr, SUBNET_NEW_BITS, index);
  const parsed = parseCidr(cidr);
  if (typeof parsed === 'string') throw new Error(`unreachable: ${cidr} was validated`);
  return (index) => formatCidr(subnetCidr(parsed, SUBNET_NEW_BITS, index));
}

function zoneProblems(zones: readonly string[], region: string): PropProblem[] {
  const prop = 'availabilityZones';
  if (Token.isUnresolved(zones)) {
    return [
      {
        prop,
        received: zones,
        message:
          'must be a literal list: one subnet is created per zone, so the zones must be known at synth time',
      },
    ];
  }
  const problems: PropProblem[] = [];
  if (zones.length < 2) {
    problems.push({
      prop,
      received: zones,
      message: `at least 2 zones are needed (SageMaker domains need private subnets in two zones); add a zone such as "${region}b"`,
    });
  }
  if (zones.length > MAX_ZONES) {
    problems.push({
      prop,
      received: zones,
      message: `at most ${MAX_ZONES} zones fit the subnet layout (16 blocks: 8 private, 8 public); remove zones`,
    });
  }
  // The region plus a zone letter ("eu-west-1a"), or plus a local zone suffix ("us-west-2-lax-1a").
  const inRegion = (zone: string) =>
    zone.startsWith(region) && /^([a-z]|-[a-z0-9-]*[a-z])$/.test(zone.slice(region.length));
  const foreign = zones.filter((zone) => !Token.isUnresolved(zone) && !inRegion(zone));
  if (foreign.length > 0) {
    problems.push({
      prop,
      received: foreign,
      message: `zones must be zone names of the stack's region "${region}", such as "${region}a"`,
    });
  }
  const repeated = zones.filter((zone, index) => zones.indexOf(zone) !== index);
  if (repeated.length > 0) {
    problems.push({
      prop,
      received: [...new Set(repeated)],
      message: 'a zone is listed more than once; remove the repeats',
    });
  }
  return problems;
}
