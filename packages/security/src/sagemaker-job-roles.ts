import { PlatformStack, type PolicyStatement } from '@genai-sandbox/core';
import type { Construct } from 'constructs';
import { grantBaseExecution } from './base-execution';
import type { IGrantable } from './grantable';
import { platformKeyOfEnvironment } from './platform-key-reference';
import { ServiceRole } from './service-role';

/**
 * The training branch of seed 000's role hierarchy: the role SageMaker jobs run as, and the role
 * a SageMaker pipeline creates those jobs with. Job creation is allowed only inside the VPC with
 * the platform key on volumes and outputs, checked by SageMaker's own condition keys (names
 * verified against the IAM catalogue: the KMS keys are `sagemaker:VolumeKmsKeyArn` and
 * `sagemaker:OutputKmsKeyArn`; all four apply to CreateTrainingJob and CreateProcessingJob).
 */
export const SAGEMAKER_JOB_CREATE_ACTIONS = [
  'sagemaker:CreateTrainingJob',
  'sagemaker:CreateProcessingJob',
] as const;
/** What a pipeline does with the jobs it created: follow, stop and tag them. */
export const SAGEMAKER_JOB_MANAGE_ACTIONS = [
  'sagemaker:DescribeTrainingJob',
  'sagemaker:DescribeProcessingJob',
  'sagemaker:StopTrainingJob',
  'sagemaker:StopProcessingJob',
  'sagemaker:AddTags',
  'sagemaker:ListTags',
] as const;
/** SageMaker creates a grant on the key to encrypt job volumes with it, in the caller's name. */
export const KMS_GRANT_FOR_SERVICE_ACTIONS = ['kms:CreateGrant'] as const;

export const SAGEMAKER_VPC_KEYS = [
  'sagemaker:VpcSubnets',
  'sagemaker:VpcSecurityGroupIds',
] as const;
export const SAGEMAKER_KMS_KEYS = [
  'sagemaker:VolumeKmsKeyArn',
  'sagemaker:OutputKmsKeyArn',
] as const;

/** Jobs a SageMaker pipeline starts are named `pipelines-<execution>-<step>-<suffix>`. */
export const PIPELINE_JOB_NAME_PREFIX = 'pipelines-';

/**
 * Explicit denies that hold whatever else the role is granted: no training or processing job
 * without VPC subnets and security groups, and none whose volume or output key is not the platform
 * key. One statement per key, because the keys of one `Null` block are ANDed. StringNotEquals is
 * true when the key is absent, so a request without a key is refused too.
 */
export function vpcAndKmsJobGuards(scope: Construct): PolicyStatement[] {
  const key = platformKeyOfEnvironment(scope);
  return [
    ...SAGEMAKER_VPC_KEYS.map(
      (conditionKey): PolicyStatement => ({
        Sid: `DenyJobsWithout${conditionKey.slice('sagemaker:'.length)}`,
        Effect: 'Deny',
        Action: [...SAGEMAKER_JOB_CREATE_ACTIONS],
        Resource: '*',
        Condition: { Null: { [conditionKey]: 'true' } },
      }),
    ),
    ...SAGEMAKER_KMS_KEYS.map(
      (conditionKey): PolicyStatement => ({
        Sid: `DenyJobsWithout${conditionKey.slice('sagemaker:'.length)}`,
        Effect: 'Deny',
        Action: [...SAGEMAKER_JOB_CREATE_ACTIONS],
        Resource: '*',
        Condition: { StringNotEquals: { [conditionKey]: key.aliasArn } },
      }),
    ),
  ];
}

export interface SageMakerJobRolesProps {
  /** Purpose of the job role, the last part of its name. @default "training" */
  readonly jobPurpose?: string;
  /** Purpose of the pipeline role. @default "training-pipeline" */
  readonly pipelinePurpose?: string;
  /** Shown in the IAM console. */
  readonly description: string;
}

/**
 * Two SageMaker-trusted roles: `jobRole`, which processing, training and evaluation jobs run as
 * (base execution; callers add bucket, registry and image grants), and `pipelineRole`, which a
 * SageMaker pipeline uses to create those jobs: only inside the VPC with the platform key, only
 * named like pipeline jobs, passing only the job role and only to SageMaker.
 */
export class SageMakerJobRoles {
  readonly jobRole: ServiceRole;
  readonly pipelineRole: ServiceRole;

  constructor(scope: Construct, props: SageMakerJobRolesProps) {
    this.jobRole = new ServiceRole(scope, 'TrainingRole', {
      purpose: props.jobPurpose ?? 'training',
      description: `Jobs of ${props.description}`,
      service: 'sagemaker.amazonaws.com',
    });
    this.pipelineRole = new ServiceRole(scope, 'PipelineRole', {
      purpose: props.pipelinePurpose ?? 'training-pipeline',
      description: `Pipeline of ${props.description}: creates its jobs inside the VPC with KMS`,
      service: 'sagemaker.amazonaws.com',
    });
    grantBaseExecution(scope, this.jobRole);
    grantBaseExecution(scope, this.pipelineRole);
    for (const guard of vpcAndKmsJobGuards(scope)) {
      this.jobRole.addToPolicy(guard);
      this.pipelineRole.addToPolicy(guard);
    }
    grantVpcJobCreation(scope, this.pipelineRole);
    grantPassRoleToSageMaker(this.pipelineRole, [this.jobRole]);
  }
}

/**
 * Lets `grantee` create training and processing jobs named like pipeline jobs, only with VPC
 * subnets and security groups and with the platform key on volumes and outputs, and follow, stop
 * and tag them. Returns the statements added.
 */
export function grantVpcJobCreation(scope: Construct, grantee: IGrantable): PolicyStatement[] {
  const stack = PlatformStack.of(scope);
  const key = platformKeyOfEnvironment(scope);
  const sagemaker = `arn:aws:sagemaker:${stack.region}:${stack.accountId}`;
  const jobs = [
    `${sagemaker}:training-job/${PIPELINE_JOB_NAME_PREFIX}*`,
    `${sagemaker}:processing-job/${PIPELINE_JOB_NAME_PREFIX}*`,
  ];
  const statements: PolicyStatement[] = [
    {
      Sid: 'CreateJobsInVpcWithPlatformKey',
      Effect: 'Allow',
      Action: [...SAGEMAKER_JOB_CREATE_ACTIONS],
      Resource: jobs,
      Condition: {
        Null: Object.fromEntries(
          [...SAGEMAKER_VPC_KEYS, ...SAGEMAKER_KMS_KEYS].map((name) => [name, 'false']),
        ),
        StringEquals: Object.fromEntries(SAGEMAKER_KMS_KEYS.map((name) => [name, key.aliasArn])),
      },
    },
    {
      Sid: 'ManagePipelineJobs',
      Effect: 'Allow',
      Action: [...SAGEMAKER_JOB_MANAGE_ACTIONS],
      Resource: jobs,
    },
    {
      Sid: 'PlatformKeyGrantsForSageMaker',
      Effect: 'Allow',
      Action: [...KMS_GRANT_FOR_SERVICE_ACTIONS],
      Resource: key.keyArnPattern,
      Condition: {
        ...key.aliasCondition,
        Bool: { 'kms:GrantIsForAWSResource': 'true' },
      },
    },
  ];
  return statements.filter((statement) => grantee.addToPolicy(statement));
}

/** iam:PassRole on exactly `roles`, and only to SageMaker. Returns the statements added. */
export function grantPassRoleToSageMaker(
  grantee: IGrantable,
  roles: readonly IGrantable[],
): PolicyStatement[] {
  if (roles.length === 0) throw new Error('grantPassRoleToSageMaker: name at least one role');
  const statement: PolicyStatement = {
    Sid: 'PassJobRoleToSageMaker',
    Effect: 'Allow',
    Action: ['iam:PassRole'],
    Resource: roles.map((role) => role.roleArn),
    Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
  };
  return grantee.addToPolicy(statement) ? [statement] : [];
}
