import { IamRole } from '@cdktf/provider-aws/lib/iam-role';
import { IamRolePolicy } from '@cdktf/provider-aws/lib/iam-role-policy';
import {
  type EnvironmentDefinition,
  kmsKeyArnPattern,
  ML_BUCKET_LAYOUT,
  mlBucketArn,
  modelPackageGroupArn,
  modelPackagesArn,
  type PlatformConfiguration,
  platformRoleArn,
  platformRoleName,
} from '@genai-sandbox/config';
import { type PolicyStatement, renderPolicy } from '@genai-sandbox/core';
import type { IKey, IPermissionsBoundary } from '@genai-sandbox/security';
import { Construct } from 'constructs';

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
 * The role `platform promote` works as (ARCHITECTURE.md section 8, step 6): it reads an approved
 * package and its artifact in the previous environment, and copies and registers it here. Only
 * this environment's deploy role, in GitHub Actions, may assume it (role chaining).
 */
export class PromotionRole extends Construct {
  readonly roleArn: string;
  readonly roleName: string;
  readonly resource: IamRole;
  readonly statements: readonly PolicyStatement[];
  readonly trustStatements: readonly PolicyStatement[];

  constructor(scope: Construct, id: string, props: PromotionRoleProps) {
    super(scope, id);
    const { config, environment, source } = props;
    const groups = config.platform.modelPackageGroups.map((group) => group.name);
    const sourceBuckets = source.projects.map((project) =>
      mlBucketArn(config, source, project.name),
    );
    const ownBuckets = environment.projects.map((project) =>
      mlBucketArn(config, environment, project.name),
    );

    this.trustStatements = [
      {
        Sid: 'DeployRoleOfThisEnvironment',
        Effect: 'Allow',
        Principal: { AWS: platformRoleArn(config, environment, 'github-deploy') },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ];
    this.statements = [
      {
        Sid: 'ReadSourceRegistry',
        Effect: 'Allow',
        Action: ['sagemaker:DescribeModelPackageGroup', 'sagemaker:DescribeModelPackage'],
        Resource: groups.flatMap((group) => [
          modelPackageGroupArn(source, group),
          modelPackagesArn(source, group),
        ]),
      },
      // ListModelPackages supports no resource-level permissions: "*" is the only resource it takes.
      {
        Sid: 'ListModelPackages',
        Effect: 'Allow',
        Action: 'sagemaker:ListModelPackages',
        Resource: '*',
      },
      ...(sourceBuckets.length === 0
        ? []
        : [
            {
              Sid: 'ReadSourceArtifacts',
              Effect: 'Allow',
              Action: ['s3:GetObject', 's3:GetObjectVersion'],
              Resource: sourceBuckets.map((bucket) => `${bucket}/${ARTIFACTS}*`),
            } satisfies PolicyStatement,
            {
              Sid: 'ListSourceArtifacts',
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: sourceBuckets,
              Condition: { StringLike: { 's3:prefix': `${ARTIFACTS}*` } },
            } satisfies PolicyStatement,
          ]),
      {
        // The source key's ARN is random; any key of the source account, only to read through S3.
        Sid: 'DecryptSourceArtifactsThroughS3',
        Effect: 'Allow',
        Action: 'kms:Decrypt',
        Resource: kmsKeyArnPattern(source),
        Condition: { StringEquals: { 'kms:ViaService': `s3.${source.region}.amazonaws.com` } },
      },
      ...(ownBuckets.length === 0
        ? []
        : [
            {
              Sid: 'WriteArtifactsHere',
              Effect: 'Allow',
              Action: ['s3:PutObject', 's3:GetObject'],
              Resource: ownBuckets.map((bucket) => `${bucket}/${ARTIFACTS}*`),
            } satisfies PolicyStatement,
            // platform promote checks with HeadObject whether an earlier run copied the artifact;
            // without s3:ListBucket S3 answers 403 instead of 404 for an object that is not there.
            // No s3:prefix condition: a HeadObject carries no prefix, so the condition would never
            // match and S3 would still answer 403. Key names of this account's ML buckets only.
            {
              Sid: 'ListArtifactsHere',
              Effect: 'Allow',
              Action: 's3:ListBucket',
              Resource: ownBuckets,
            } satisfies PolicyStatement,
          ]),
      {
        Sid: 'EncryptArtifactsHere',
        Effect: 'Allow',
        Action: ['kms:GenerateDataKey', 'kms:Decrypt'],
        Resource: props.encryptionKey.keyArn,
      },
      {
        Sid: 'RegisterPackagesHere',
        Effect: 'Allow',
        Action: [
          'sagemaker:CreateModelPackage',
          'sagemaker:DescribeModelPackage',
          'sagemaker:DescribeModelPackageGroup',
          'sagemaker:AddTags',
        ],
        Resource: groups.flatMap((group) => [
          modelPackageGroupArn(environment, group),
          modelPackagesArn(environment, group),
        ]),
      },
    ];
    this.roleName = platformRoleName(config, environment, 'promotion');
    this.resource = new IamRole(this, 'Resource', {
      name: this.roleName,
      description: `Promotes approved models from ${source.name} into ${environment.name}`,
      assumeRolePolicy: renderPolicy(this.trustStatements),
      permissionsBoundary: props.permissionsBoundary.policyArn,
      maxSessionDuration: 3600,
    });
    new IamRolePolicy(this, 'Policy', {
      name: 'promote',
      role: this.resource.name,
      policy: renderPolicy(this.statements),
    });
    this.roleArn = this.resource.arn;
  }
}
