import { SecurityGroup } from '@cdktf/provider-aws/lib/security-group';
import { VpcEndpoint } from '@cdktf/provider-aws/lib/vpc-endpoint';
import { VpcSecurityGroupEgressRule } from '@cdktf/provider-aws/lib/vpc-security-group-egress-rule';
import { VpcSecurityGroupIngressRule } from '@cdktf/provider-aws/lib/vpc-security-group-ingress-rule';
import { INTERFACE_ENDPOINT_SERVICES, type InterfaceEndpointService } from '@genai-sandbox/config';
import { ConstructEnvironment, type PropProblem, throwIfProblems } from '@genai-sandbox/core';
import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { endpointServiceProblems, vpcCidrProblems } from './prop-checks';

export interface VpcEndpointsProps {
  /** The VPC the endpoints and security groups belong to. */
  readonly vpcId: string;
  /** CIDR block of the VPC: the only source admitted by the endpoints, and the workloads' HTTPS destination. */
  readonly vpcCidr: string;
  /** Private subnets that receive an endpoint network interface, at most one per zone. */
  readonly subnetIds: readonly string[];
  /** Prefix list of the VPC's S3 gateway endpoint, where workloads may send HTTPS. */
  readonly s3PrefixListId: string;
  /** AWS services that get an interface endpoint. @default INTERFACE_ENDPOINT_SERVICES - every service the blueprints use */
  readonly services?: readonly InterfaceEndpointService[];
}

/**
 * The construct ID of a service's endpoint: PascalCase of the service name, such as
 * `SagemakerApi` for `sagemaker.api`. IDs are public API (a new ID replaces the endpoint), so
 * this mapping must never change.
 */
export function endpointConstructId(service: string): string {
  return service
    .split(/[.-]/)
    .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
    .join('');
}

/**
 * Interface endpoints with private DNS, so that AWS SDKs inside the VPC reach SageMaker, Bedrock,
 * ECR, STS and the other services without an internet path, plus two security groups: one for
 * the endpoints (HTTPS from the VPC only) and one for the platform's workloads (SageMaker jobs
 * and endpoints, Lambdas), which may only speak HTTPS to the VPC and S3 and talk to each other.
 */
export class VpcEndpoints extends Construct {
  /** Security group of the endpoint network interfaces. */
  readonly securityGroupId: string;
  /** Security group for SageMaker jobs, SageMaker endpoints and Lambdas in the VPC. */
  readonly workloadSecurityGroupId: string;
  /** The services that have an endpoint, in the order given. */
  readonly services: readonly InterfaceEndpointService[];
  /** Endpoint ID by service name. */
  readonly endpointIds: Readonly<Partial<Record<InterfaceEndpointService, string>>>;

  constructor(scope: Construct, id: string, props: VpcEndpointsProps) {
    super(scope, id);
    const services = props.services ?? INTERFACE_ENDPOINT_SERVICES;
    throwIfProblems(this, 'VpcEndpoints', [
      ...vpcCidrProblems('vpcCidr', props.vpcCidr),
      ...endpointServiceProblems('services', services),
      ...subnetProblems(props.subnetIds),
    ]);
    const stack = ConstructEnvironment.of(this);
    this.services = [...services];

    const endpointGroup = new SecurityGroup(this, 'SecurityGroup', {
      name: stack.naming.name('security-group', 'vpc-endpoints'),
      description: 'Interface VPC endpoints: HTTPS from the VPC only',
      vpcId: props.vpcId,
    });
    // No egress rule: endpoint interfaces only answer, and security groups are stateful.
    new VpcSecurityGroupIngressRule(this, 'IngressHttpsFromVpc', {
      securityGroupId: endpointGroup.id,
      description: 'HTTPS from inside the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });

    const workloadGroup = new SecurityGroup(this, 'WorkloadSecurityGroup', {
      name: stack.naming.name('security-group', 'workloads'),
      description:
        'SageMaker jobs and endpoints, Lambdas: HTTPS to the VPC and S3, all traffic within the group',
      vpcId: props.vpcId,
    });
    // Distributed training (NCCL, EFA) needs every port between the instances of one job, both ways.
    new VpcSecurityGroupIngressRule(this, 'WorkloadIngressFromItself', {
      securityGroupId: workloadGroup.id,
      description: 'All traffic between workloads (distributed training)',
      ipProtocol: '-1',
      referencedSecurityGroupId: workloadGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'WorkloadEgressToItself', {
      securityGroupId: workloadGroup.id,
      description: 'All traffic between workloads (distributed training)',
      ipProtocol: '-1',
      referencedSecurityGroupId: workloadGroup.id,
    });
    new VpcSecurityGroupEgressRule(this, 'WorkloadEgressHttpsToVpc', {
      securityGroupId: workloadGroup.id,
      description: 'HTTPS to the interface endpoints and services in the VPC',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      cidrIpv4: props.vpcCidr,
    });
    new VpcSecurityGroupEgressRule(this, 'WorkloadEgressHttpsToS3', {
      securityGroupId: workloadGroup.id,
      description: 'HTTPS to S3 through the gateway endpoint',
      ipProtocol: 'tcp',
      fromPort: 443,
      toPort: 443,
      prefixListId: props.s3PrefixListId,
    });

    const endpointIds: Partial<Record<InterfaceEndpointService, string>> = {};
    for (const service of services) {
      const endpoint = new VpcEndpoint(this, endpointConstructId(service), {
        vpcId: props.vpcId,
        serviceName: `com.amazonaws.${stack.region}.${service}`,
        vpcEndpointType: 'Interface',
        privateDnsEnabled: true,
        subnetIds: [...props.subnetIds],
        securityGroupIds: [endpointGroup.id],
        tags: { Name: stack.naming.name('ec2-name-tag', 'endpoint', service) },
      });
      endpointIds[service] = endpoint.id;
    }

    this.securityGroupId = endpointGroup.id;
    this.workloadSecurityGroupId = workloadGroup.id;
    this.endpointIds = endpointIds;
  }
}

function subnetProblems(subnetIds: readonly string[]): PropProblem[] {
  if (Token.isUnresolved(subnetIds) || subnetIds.length > 0) return [];
  return [
    {
      prop: 'subnetIds',
      received: subnetIds,
      message:
        'an interface endpoint needs at least one subnet; pass the private subnets, one per zone',
    },
  ];
}
