// Internal: the opt-in internet path of PlatformVpc. Not re-exported from index.ts; its construct
// ID (`InternetEgress`) and its children's IDs are nevertheless part of PlatformVpc's state layout.
import { Eip } from '@cdktf/provider-aws/lib/eip';
import { InternetGateway } from '@cdktf/provider-aws/lib/internet-gateway';
import { NatGateway } from '@cdktf/provider-aws/lib/nat-gateway';
import { Route } from '@cdktf/provider-aws/lib/route';
import { RouteTable } from '@cdktf/provider-aws/lib/route-table';
import { RouteTableAssociation } from '@cdktf/provider-aws/lib/route-table-association';
import { Subnet } from '@cdktf/provider-aws/lib/subnet';
import { ConstructEnvironment } from '@genai-sandbox/core';
import { Construct } from 'constructs';

export interface InternetEgressProps {
  readonly vpcId: string;
  /** Zones in PlatformVpc's order; public subnet `i` and NAT gateway `i` sit in zone `i`. */
  readonly availabilityZones: readonly string[];
  /** CIDR of public subnet `i`. */
  readonly publicSubnetCidrs: readonly string[];
  /** Private route table of zone `i`, which gets a default route through the NAT gateway of zone `i`. */
  readonly privateRouteTableIds: readonly string[];
  /** Name tag part per zone: the zone name, or its index when the name is a token. */
  readonly zoneLabels: readonly string[];
}

/**
 * Public subnets, an internet gateway and one NAT gateway per zone, so that losing a zone does
 * not cut the others off. Private subnets reach the internet only outbound, through the NAT of
 * their own zone (no cross-zone data charges). Public subnets never give instances public IPs.
 */
export class InternetEgress extends Construct {
  readonly internetGatewayId: string;
  readonly publicSubnetIds: readonly string[];
  readonly natGatewayIds: readonly string[];

  constructor(scope: Construct, id: string, props: InternetEgressProps) {
    super(scope, id);
    const naming = ConstructEnvironment.of(this).naming;

    const gateway = new InternetGateway(this, 'InternetGateway', {
      vpcId: props.vpcId,
      tags: { Name: naming.name('ec2-name-tag', 'igw') },
    });
    const publicRoutes = new RouteTable(this, 'PublicRouteTable', {
      vpcId: props.vpcId,
      tags: { Name: naming.name('ec2-name-tag', 'public') },
    });
    new Route(this, 'PublicDefaultRoute', {
      routeTableId: publicRoutes.id,
      destinationCidrBlock: '0.0.0.0/0',
      gatewayId: gateway.id,
    });

    const publicSubnetIds: string[] = [];
    const natGatewayIds: string[] = [];
    props.availabilityZones.forEach((zone, index) => {
      const label = props.zoneLabels[index];
      const subnet = new Subnet(this, `PublicSubnet${index}`, {
        vpcId: props.vpcId,
        availabilityZone: zone,
        cidrBlock: props.publicSubnetCidrs[index],
        mapPublicIpOnLaunch: false,
        tags: { Name: naming.name('ec2-name-tag', 'public', label) },
      });
      new RouteTableAssociation(this, `PublicSubnet${index}RouteTable`, {
        subnetId: subnet.id,
        routeTableId: publicRoutes.id,
      });
      const address = new Eip(this, `NatAddress${index}`, {
        domain: 'vpc',
        tags: { Name: naming.name('ec2-name-tag', 'nat', label) },
      });
      const nat = new NatGateway(this, `NatGateway${index}`, {
        subnetId: subnet.id,
        allocationId: address.allocationId,
        connectivityType: 'public',
        tags: { Name: naming.name('ec2-name-tag', 'nat', label) },
        // AWS refuses a public NAT gateway until the VPC has an internet gateway.
        dependsOn: [gateway],
      });
      new Route(this, `PrivateDefaultRoute${index}`, {
        routeTableId: props.privateRouteTableIds[index],
        destinationCidrBlock: '0.0.0.0/0',
        natGatewayId: nat.id,
      });
      publicSubnetIds.push(subnet.id);
      natGatewayIds.push(nat.id);
    });

    this.internetGatewayId = gateway.id;
    this.publicSubnetIds = publicSubnetIds;
    this.natGatewayIds = natGatewayIds;
  }
}
