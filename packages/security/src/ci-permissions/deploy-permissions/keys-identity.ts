import type { PolicyStatement } from '@genai-sandbox/core';
import { iamArn, regionalArn, type PermissionScope } from '../permission-scope';
import {
  PASS_ROLE_SERVICES,
  SERVICE_LINKED_ROLE_SERVICES,
  requestTagged,
  resourceTagged,
} from './scope-conditions';

/** Keys, log groups and IAM roles and policies: what every blueprint's roles need. One managed policy. */
export function deployKeysIdentityStatements(scope: PermissionScope): PolicyStatement[] {
  const logGroups = [
    regionalArn(scope, 'logs', `log-group:/${scope.platform}/${scope.environment}/*`),
    regionalArn(scope, 'logs', `log-group:/aws/lambda/${scope.prefix}-*`),
  ];
  const platformRoles = iamArn(scope, `role/${scope.prefix}-*`);
  return [
    {
      // CreateKey supports no resource ARN (IAM catalogue); the tag condition is what scopes it.
      Sid: 'KmsCreateTagged',
      Effect: 'Allow',
      Action: 'kms:CreateKey',
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      // Tags sent with CreateKey need kms:TagResource on every key of the account and region (KMS
      // developer guide, "Managing KMS key tags with API operations"), again only with the tag.
      Sid: 'KmsTagOnCreate',
      Effect: 'Allow',
      Action: 'kms:TagResource',
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: requestTagged(scope),
    },
    {
      Sid: 'KmsManageTagged',
      Effect: 'Allow',
      Action: [
        'kms:CancelKeyDeletion',
        'kms:CreateAlias',
        'kms:Decrypt',
        'kms:DeleteAlias',
        'kms:EnableKeyRotation',
        'kms:GenerateDataKey',
        'kms:PutKeyPolicy',
        'kms:ScheduleKeyDeletion',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:UpdateAlias',
        'kms:UpdateKeyDescription',
      ],
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: resourceTagged(scope),
    },
    {
      // Grants only for AWS services that encrypt with the key on the platform's behalf.
      Sid: 'KmsGrantsForServices',
      Effect: 'Allow',
      Action: 'kms:CreateGrant',
      Resource: regionalArn(scope, 'kms', 'key/*'),
      Condition: { ...resourceTagged(scope), Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
    {
      // Aliases carry no tags: the alias by name, the key by tag (both are checked).
      Sid: 'KmsAliases',
      Effect: 'Allow',
      Action: ['kms:CreateAlias', 'kms:DeleteAlias', 'kms:UpdateAlias'],
      Resource: regionalArn(scope, 'kms', `alias/${scope.prefix}-*`),
    },
    {
      Sid: 'LogGroups',
      Effect: 'Allow',
      Action: [
        'logs:AssociateKmsKey',
        'logs:CreateLogGroup',
        'logs:DeleteLogGroup',
        'logs:DeleteMetricFilter',
        'logs:DeleteRetentionPolicy',
        'logs:DeleteSubscriptionFilter',
        'logs:DisassociateKmsKey',
        'logs:PutMetricFilter',
        'logs:PutRetentionPolicy',
        'logs:PutSubscriptionFilter',
        'logs:TagResource',
        'logs:UntagResource',
      ],
      Resource: logGroups,
    },
    {
      // Log deliveries (Step Functions, Bedrock invocation logging) and log resource policies
      // (EventBridge targets) support only "*" in the IAM catalogue.
      Sid: 'LogDeliveries',
      Effect: 'Allow',
      Action: [
        'logs:CreateLogDelivery',
        'logs:DeleteLogDelivery',
        'logs:DeleteResourcePolicy',
        'logs:PutResourcePolicy',
        'logs:UpdateLogDelivery',
      ],
      Resource: '*',
    },
    {
      // Every role is created with, and may only ever be given, the platform's boundary.
      Sid: 'IamRolesWithBoundary',
      Effect: 'Allow',
      Action: ['iam:CreateRole', 'iam:PutRolePermissionsBoundary'],
      Resource: platformRoles,
      Condition: { StringEquals: { 'iam:PermissionsBoundary': scope.permissionsBoundaryArn } },
    },
    {
      Sid: 'IamRoles',
      Effect: 'Allow',
      Action: [
        'iam:DeleteRole',
        'iam:DeleteRolePolicy',
        'iam:PutRolePolicy',
        'iam:TagRole',
        'iam:UntagRole',
        'iam:UpdateAssumeRolePolicy',
        'iam:UpdateRole',
        'iam:UpdateRoleDescription',
      ],
      Resource: platformRoles,
    },
    {
      // Managed policies of the platform and AWS's service-role policies; never AdministratorAccess
      // and the like, which live outside aws:policy/service-role/.
      Sid: 'IamAttachPolicies',
      Effect: 'Allow',
      Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
      Resource: platformRoles,
      Condition: {
        ArnLike: {
          'iam:PolicyARN': [
            iamArn(scope, `policy/${scope.prefix}-*`),
            'arn:aws:iam::aws:policy/service-role/*',
          ],
        },
      },
    },
    ...(scope.projectRoleArns.length > 0
      ? [
          {
            // The SMUS project roles belong to SageMaker Unified Studio: the blueprint stacks only
            // attach (and on destroy detach) their own managed policies to them.
            Sid: 'IamAttachToProjectRoles',
            Effect: 'Allow' as const,
            Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
            Resource: [...scope.projectRoleArns],
            Condition: { ArnLike: { 'iam:PolicyARN': iamArn(scope, `policy/${scope.prefix}-*`) } },
          },
        ]
      : []),
    {
      Sid: 'IamPolicies',
      Effect: 'Allow',
      Action: [
        'iam:CreatePolicy',
        'iam:CreatePolicyVersion',
        'iam:DeletePolicy',
        'iam:DeletePolicyVersion',
        'iam:TagPolicy',
        'iam:UntagPolicy',
      ],
      Resource: iamArn(scope, `policy/${scope.prefix}-*`),
    },
    {
      Sid: 'IamPassRoleToPlatformServices',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: platformRoles,
      Condition: { StringEquals: { 'iam:PassedToService': [...PASS_ROLE_SERVICES] } },
    },
    {
      // API Gateway's account-wide CloudWatch logging role (foundation), to API Gateway alone.
      Sid: 'IamPassRoleToApiGateway',
      Effect: 'Allow',
      Action: 'iam:PassRole',
      Resource: iamArn(scope, `role/${scope.prefix}-apigateway-logs`),
      Condition: { StringEquals: { 'iam:PassedToService': 'apigateway.amazonaws.com' } },
    },
    {
      Sid: 'IamServiceLinkedRoles',
      Effect: 'Allow',
      Action: 'iam:CreateServiceLinkedRole',
      Resource: iamArn(scope, 'role/aws-service-role/*'),
      Condition: { StringEquals: { 'iam:AWSServiceName': [...SERVICE_LINKED_ROLE_SERVICES] } },
    },
  ];
}
