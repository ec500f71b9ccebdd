import type { PolicyStatement } from '@genai-sandbox/core';
import type { IGrantable } from '@genai-sandbox/security';
import { Token } from 'cdktf';
import { ECR_PULL_ACTIONS } from './perms';

/** Registering a version into a group: create it, read it back, tag it. */
export const MODEL_PACKAGE_REGISTER_ACTIONS = [
  'sagemaker:CreateModelPackage',
  'sagemaker:DescribeModelPackage',
  'sagemaker:AddTags',
] as const;
export const MODEL_PACKAGE_GROUP_REGISTER_ACTIONS = [
  'sagemaker:DescribeModelPackageGroup',
  'sagemaker:AddTags',
] as const;
/** The one registry action without a resource type: the login token for `docker pull`. */
export const ECR_AUTHORIZATION_ACTIONS = ['ecr:GetAuthorizationToken'] as const;

const GROUP_ARN =
  /^arn:aws[\w-]*:sagemaker:([\w-]+):(\d{12}):model-package-group\/([A-Za-z0-9-]+)$/;

/**
 * Lets `grantee` register model packages into the group `groupArn` (a group of the foundation
 * stack, named by ARN because it lives in another stack), only as PendingManualApproval so that
 * approval stays a reviewer's decision (`sagemaker:ModelApprovalStatus`). Returns the statements added.
 */
export function grantRegisterModel(grantee: IGrantable, groupArn: string): PolicyStatement[] {
  const match = GROUP_ARN.exec(groupArn);
  if (!match && !Token.isUnresolved(groupArn)) {
    throw new Error(
      `grantRegisterModel: "${groupArn}" is not a model package group ARN; use arn:aws:sagemaker:<region>:<account>:model-package-group/<name> (modelPackageGroupArn of @genai-sandbox/config)`,
    );
  }
  const packagesArn = groupArn.replace(
    /:model-package-group\/([A-Za-z0-9-]+)$/,
    ':model-package/$1/*',
  );
  const statements: PolicyStatement[] = [
    {
      Sid: 'RegisterPendingModelPackages',
      Effect: 'Allow',
      Action: ['sagemaker:CreateModelPackage'],
      Resource: packagesArn,
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
    },
    {
      Sid: 'ReadAndTagModelPackages',
      Effect: 'Allow',
      Action: MODEL_PACKAGE_REGISTER_ACTIONS.filter((a) => a !== 'sagemaker:CreateModelPackage'),
      Resource: packagesArn,
    },
    {
      Sid: 'ReadAndTagModelPackageGroup',
      Effect: 'Allow',
      Action: [...MODEL_PACKAGE_GROUP_REGISTER_ACTIONS],
      Resource: groupArn,
    },
  ];
  return statements.filter((statement) => grantee.addToPolicy(statement));
}

/** Lets `grantee` pull images from the repositories `repositoryArns`. Returns the statements added. */
export function grantContainerPull(
  grantee: IGrantable,
  repositoryArns: readonly string[],
): PolicyStatement[] {
  const statements: PolicyStatement[] = [
    {
      Sid: 'PullPlatformImages',
      Effect: 'Allow',
      Action: [...ECR_PULL_ACTIONS],
      Resource: [...repositoryArns],
    },
    {
      Sid: 'EcrAuthorizationToken',
      Effect: 'Allow',
      Action: [...ECR_AUTHORIZATION_ACTIONS],
      Resource: '*',
    },
  ];
  return statements.filter((statement) => grantee.addToPolicy(statement));
}
