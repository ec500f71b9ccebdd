import {
  containerRepositoryArn,
  type EnvironmentDefinition,
  kmsKeyArnPattern,
  ML_BUCKET_LAYOUT,
  mlBucketArnPattern,
  modelPackageGroupArn,
  modelPackagesArn,
  type PlatformConfiguration,
  platformRoleArn,
  PROMOTION_ROLE_SIDS as SIDS,
} from '@genai-sandbox/config';
import { type PolicyStatement, suppressPolicyRule } from '@genai-sandbox/core';
import { ChainedRole, type IKey, type IPermissionsBoundary } from '@genai-sandbox/security';
import type { Construct } from 'constructs';

export interface PromotionRoleProps {
  readonly config: PlatformConfiguration;
  /** The environment this role promotes into (its own). */
  readonly environment: EnvironmentDefinition;
  /** The environment it promotes from: the previous one of the chain. */
  readonly source: EnvironmentDefinition;
  /** This environment's platform key, which encrypts the copied artifacts. */
  readonly encryptionKey: IKey;
  readonly permissionsBoundary: IPermissionsBoundary;
}

const ARTIFACTS = ML_BUCKET_LAYOUT.artifacts.models;

/**
 * The role `platform promote` works as (docs/architecture.md#event-flow, step 6): it reads an approved
 * package and its artifact in the previous environment, and copies and registers it here. Only
 * this environment's deploy role, in GitHub Actions, may assume it (role chaining). The statement
 * Sids are PROMOTION_ROLE_SIDS, which the CLI's hints name.
 */
export class PromotionRole extends ChainedRole {
  constructor(scope: Construct, id: string, props: PromotionRoleProps) {
    const { config, environment, source } = props;
    const groups = config.platform.modelPackageGroups.map((group) => group.name);
    // One pattern per environment rather than one ARN per project: an inline policy listing every
    // project's bucket outgrows IAM's 10,240 characters at a few dozen projects.
    const sourceBuckets = source.projects.length > 0 ? [mlBucketArnPattern(config, source)] : [];
    const ownBuckets =
      environment.projects.length > 0 ? [mlBucketArnPattern(config, environment)] : [];

    const statements: PolicyStatement[] = [
      {
        Sid: SIDS.readSourceRegistry,
        Effect: 'Allow',
        Action: ['sagemaker:DescribeModelPackageGroup', 'sagemaker:DescribeModelPackage'],
        Resource: groups.flatMap((group) => [
          modelPackageGroupArn(source, group),
          modelPackagesArn(source, group),
        ]),
      },
      // ListModelPackages supports no resource-level permissions: "*" is the only resource it takes.
      {
        Sid: SIDS.listModelPackages,
        Effect: 'Allow',
        Action: 'sagemaker:ListModelPackages',
        Resource: '*',
      },
      ...(sourceBuckets.length === 0
        ? []
        : [
            {
              Sid: SIDS.readSourceArtifacts,
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:GetObjectVersion'],
              Resource: sourceBuckets.map((bucket) => `${bucket}/${ARTIFACTS}*`),
            } satisfies PolicyStatement,
            {
              Sid: SIDS.listSourceArtifacts,
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: sourceBuckets,
              Condition: { StringLike: { 's3:prefix': `${ARTIFACTS}*` } },
            } satisfies PolicyStatement,
          ]),
      {
        // The source key's ARN is random; any key of the source account, only to read through S3.
        Sid: SIDS.decryptSourceArtifacts,
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: kmsKeyArnPattern(source),
        Condition: { StringEquals: { 'kms:ViaService': `s3.${source.region}.amazonaws.com` } },
      },
      ...(ownBuckets.length === 0
        ? []
        : [
            {
              // PutObject covers CreateMultipartUpload, UploadPartCopy and CompleteMultipartUpload
              // of an artifact over 5 GiB; a re-run lists the parts of its upload and resumes it.
              Sid: SIDS.writeArtifacts,
              Effect: 'Allow',
              Action: [
                's3:PutObject',
                's3:GetObject',
                's3:ListMultipartUploadParts',
                's3:AbortMultipartUpload',
              ],
              Resource: ownBuckets.map((bucket) => `${bucket}/${ARTIFACTS}*`),
            } satisfies PolicyStatement,
            // platform promote checks with HeadObject whether an earlier run copied the artifact;
            // without s3:ListBucket S3 answers 403 instead of 404 for an object that is not there.
            // No s3:prefix condition: a HeadObject carries no prefix, so the condition would never
            // match and S3 would still answer 403. Key names of this account's ML buckets only.
            {
              Sid: SIDS.listArtifacts,
              Effect: 'Allow',
              Action: ['s3:ListBucket', 's3:ListBucketMultipartUploads'],
              Resource: ownBuckets,
            } satisfies PolicyStatement,
          ]),
      {
        Sid: SIDS.encryptArtifacts,
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: props.encryptionKey.keyArn,
      },
      // The serving images travel with the model: read from the group's repository before this
      // one (its repository policy lets this role pull), written into this account's repository,
      // so the package here names only its own registry.
      {
        Sid: SIDS.readSourceImages,
        Effect: 'Allow',
        Action: ['ecr:BatchGetImage', 'ecr:GetDownloadUrlForLayer'],
        Resource: groups.map((group) => containerRepositoryArn(config, source, group)),
      },
      {
        Sid: SIDS.copyImages,
        Effect: 'Allow',
        Action: [
          'ecr:BatchGetImage',
          'ecr:BatchCheckLayerAvailability',
          'ecr:InitiateLayerUpload',
          'ecr:UploadLayerPart',
          'ecr:CompleteLayerUpload',
          'ecr:PutImage',
        ],
        Resource: groups.map((group) => containerRepositoryArn(config, environment, group)),
      },
      // Registered pending: only `platform approve`, after the target's apply and smoke test,
      // approves it, and that approval is what forwards the package to the next environment.
      {
        Sid: SIDS.registerPackages,
        Effect: 'Allow',
        Action: 'sagemaker:CreateModelPackage',
        Resource: groups.flatMap((group) => [
          modelPackageGroupArn(environment, group),
          modelPackagesArn(environment, group),
        ]),
        Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
      },
      {
        Sid: SIDS.readPackages,
        Effect: 'Allow',
        Action: ['sagemaker:DescribeModelPackage', 'sagemaker:DescribeModelPackageGroup'],
        Resource: groups.flatMap((group) => [
          modelPackageGroupArn(environment, group),
          modelPackagesArn(environment, group),
        ]),
      },
      {
        Sid: SIDS.approvePackages,
        Effect: 'Allow',
        Action: 'sagemaker:UpdateModelPackage',
        Resource: groups.map((group) => modelPackagesArn(environment, group)),
        Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'Approved' } },
      },
    ];
    super(scope, id, {
      purpose: 'promotion',
      description: `Promotes approved models from ${source.name} into ${environment.name}`,
      trustedRoleArns: [platformRoleArn(config, environment, 'github-deploy')],
      trustSid: SIDS.trust,
      permissionsBoundary: props.permissionsBoundary,
      statements,
      policyName: 'promote',
    });
    suppressPolicyRule(
      this.policy,
      'iam-no-wildcard-resource-for-reads',
      'sagemaker:ListModelPackages on "*" only: the IAM catalogue gives it the model-package resource type, but which ARN a listing filtered by group is authorized against is not documented, and a guess that is too narrow breaks every promotion; the call returns package summaries of this account, no data',
    );
  }
}
