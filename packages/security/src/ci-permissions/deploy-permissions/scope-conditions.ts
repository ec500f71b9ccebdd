import type { PermissionScope } from '../permission-scope';

/** Services platform roles are passed to (iam:PassedToService); nothing that runs arbitrary compute elsewhere. */
export const PASS_ROLE_SERVICES = [
  'bedrock.amazonaws.com',
  'cloudformation.amazonaws.com',
  'events.amazonaws.com',
  'glue.amazonaws.com',
  'lakeformation.amazonaws.com',
  'lambda.amazonaws.com',
  'sagemaker.amazonaws.com',
  'scheduler.amazonaws.com',
  'states.amazonaws.com',
  'vpc-flow-logs.amazonaws.com',
] as const;

/** Service-linked roles the platform's resources need the first time they are created in an account. */
export const SERVICE_LINKED_ROLE_SERVICES = [
  'lakeformation.amazonaws.com',
  'observability.aoss.amazonaws.com',
  'sagemaker.application-autoscaling.amazonaws.com',
] as const;

/** EC2 calls that create a resource; each must carry the platform tag (tag on create). */
export const EC2_CREATE_ACTIONS = [
  'ec2:AllocateAddress',
  'ec2:AuthorizeSecurityGroupEgress',
  'ec2:AuthorizeSecurityGroupIngress',
  'ec2:CreateFlowLogs',
  'ec2:CreateInternetGateway',
  'ec2:CreateNatGateway',
  'ec2:CreateRouteTable',
  'ec2:CreateSecurityGroup',
  'ec2:CreateSubnet',
  'ec2:CreateVpc',
  'ec2:CreateVpcEndpoint',
] as const;

/** EC2 calls on existing platform resources, including those that name one as a parent. */
export const EC2_MANAGE_ACTIONS = [
  ...EC2_CREATE_ACTIONS,
  'ec2:AssociateRouteTable',
  'ec2:AttachInternetGateway',
  'ec2:CreateRoute',
  'ec2:CreateTags',
  'ec2:DeleteFlowLogs',
  'ec2:DeleteInternetGateway',
  'ec2:DeleteNatGateway',
  'ec2:DeleteRoute',
  'ec2:DeleteRouteTable',
  'ec2:DeleteSecurityGroup',
  'ec2:DeleteSubnet',
  'ec2:DeleteTags',
  'ec2:DeleteVpc',
  'ec2:DeleteVpcEndpoints',
  'ec2:DetachInternetGateway',
  'ec2:DisassociateAddress',
  'ec2:DisassociateRouteTable',
  'ec2:ModifySecurityGroupRules',
  'ec2:ModifySubnetAttribute',
  'ec2:ModifyVpcAttribute',
  'ec2:ModifyVpcEndpoint',
  'ec2:ReleaseAddress',
  'ec2:ReplaceRoute',
  'ec2:ReplaceRouteTableAssociation',
  'ec2:RevokeSecurityGroupEgress',
  'ec2:RevokeSecurityGroupIngress',
  'ec2:UpdateSecurityGroupRuleDescriptionsEgress',
  'ec2:UpdateSecurityGroupRuleDescriptionsIngress',
];

export const requestTagged = (scope: PermissionScope) => ({
  StringEquals: { 'aws:RequestTag/platform': scope.platform },
});
export const resourceTagged = (scope: PermissionScope) => ({
  StringEquals: { 'aws:ResourceTag/platform': scope.platform },
});
