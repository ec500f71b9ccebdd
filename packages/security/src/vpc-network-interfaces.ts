import {
  ConstructEnvironment,
  FoundationInputs,
  platformDefault,
  type PolicyStatement,
} from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import { addStatements, type IGrantable } from './grantable';
import {
  VPC_DESCRIBE_ACTIONS,
  VPC_NETWORK_INTERFACE_CREATE_ACTIONS,
  VPC_NETWORK_INTERFACE_MANAGE_ACTIONS,
  VPC_NETWORK_INTERFACE_PERMISSION_DELETE_ACTIONS,
} from './perms';

/** Sids of the VPC network-interface statements (grantVpcNetworkInterfaces). */
export const VPC_NETWORK_INTERFACE_SIDS = {
  describe: 'VpcDescribe',
  createInterface: 'VpcCreateNetworkInterfaces',
  useSubnetsAndGroups: 'VpcUsePlatformSubnetsAndGroups',
  manage: 'VpcManageNetworkInterfaces',
  deletePermissions: 'VpcDeleteNetworkInterfacePermissions',
} as const;

export interface VpcNetworkInterfaceOptions {
  /**
   * ARN of the VPC the interfaces must be in (`ec2:Vpc`).
   * @default - the platform VPC, from a PlatformStack's foundation input `vpc_id`; required in another stack
   */
  readonly vpcArn?: string;
}

/**
 * Lets a role that SageMaker (or another service) runs jobs as create, use and delete the job's
 * network interfaces in the platform VPC, as a job inside the VPC needs to start at all.
 *
 * Scoped as far as the IAM catalogue allows: CreateNetworkInterface names three resources, and
 * only its subnet and security group carry `ec2:Vpc` (a condition in the same statement would
 * fail on the interface, which has no such key), so the interface is one statement and the
 * subnets and groups of the platform VPC another. CreateNetworkInterfacePermission and
 * DeleteNetworkInterface carry `ec2:Vpc` on the interface. DeleteNetworkInterfacePermission's
 * interface is optional in the catalogue, so it is limited to this account and region's
 * interfaces without a condition that a request might lack. The Describe calls support only
 * `"*"`, limited to the stack's region by `ec2:Region`.
 */
export function vpcNetworkInterfaceStatements(
  scope: Construct,
  options: VpcNetworkInterfaceOptions = {},
): PolicyStatement[] {
  const stack = ConstructEnvironment.of(scope);
  const ec2 = `arn:aws:ec2:${stack.region}:${stack.accountId}`;
  const vpcArn =
    options.vpcArn ?? platformDefault(scope, 'vpcArn', () => FoundationInputs.of(scope).vpcArn);
  const inVpc = { ArnEquals: { 'ec2:Vpc': vpcArn } };
  return [
    {
      Sid: VPC_NETWORK_INTERFACE_SIDS.describe,
      Effect: 'Allow',
      Action: [...VPC_DESCRIBE_ACTIONS],
      Resource: '*',
      Condition: { StringEquals: { 'ec2:Region': stack.region } },
    },
    {
      Sid: VPC_NETWORK_INTERFACE_SIDS.createInterface,
      Effect: 'Allow',
      Action: [...VPC_NETWORK_INTERFACE_CREATE_ACTIONS],
      Resource: `${ec2}:network-interface/*`,
    },
    {
      Sid: VPC_NETWORK_INTERFACE_SIDS.useSubnetsAndGroups,
      Effect: 'Allow',
      Action: [...VPC_NETWORK_INTERFACE_CREATE_ACTIONS],
      Resource: [`${ec2}:subnet/*`, `${ec2}:security-group/*`],
      Condition: inVpc,
    },
    {
      Sid: VPC_NETWORK_INTERFACE_SIDS.manage,
      Effect: 'Allow',
      Action: [...VPC_NETWORK_INTERFACE_MANAGE_ACTIONS],
      Resource: `${ec2}:network-interface/*`,
      Condition: inVpc,
    },
    {
      Sid: VPC_NETWORK_INTERFACE_SIDS.deletePermissions,
      Effect: 'Allow',
      Action: [...VPC_NETWORK_INTERFACE_PERMISSION_DELETE_ACTIONS],
      Resource: `${ec2}:network-interface/*`,
    },
  ];
}

/** Adds vpcNetworkInterfaceStatements to `grantee` (a role in `scope`'s stack); returns what it added. */
export function grantVpcNetworkInterfaces(
  scope: Construct,
  grantee: IGrantable,
  options: VpcNetworkInterfaceOptions = {},
): PolicyStatement[] {
  return addStatements(grantee, vpcNetworkInterfaceStatements(scope, options));
}
