import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import { Construct } from 'constructs';
import { addStatements } from './grantable';
import {
  KMS_GRANT_FOR_SERVICE_ACTIONS,
  SAGEMAKER_JOB_CREATE_ACTIONS,
  SAGEMAKER_JOB_MANAGE_ACTIONS,
} from './perms';
import type { IPermissionsBoundary } from './permissions-boundary';
import { PlatformKey } from './platform-key';
import type { IPlatformKey } from './platform-key-reference';
import { ServiceRole } from './service-role';
import { grantVpcNetworkInterfaces } from './vpc-network-interfaces';

/**
 * The training branch of the platform's role hierarchy: the role SageMaker jobs run as, and the role
 * a SageMaker pipeline creates those jobs with. Job creation is allowed only inside the VPC with
 * the platform key on volumes and outputs, checked by SageMaker's own condition keys (names
 * verified against the IAM catalogue: the KMS keys are `sagemaker:VolumeKmsKeyArn` and
 * `sagemaker:OutputKmsKeyArn`; all four apply to CreateTrainingJob and CreateProcessingJob).
 */
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

/** Sids of the pipeline role's own statements. */
export const SAGEMAKER_PIPELINE_SIDS = {
  createJobs: 'CreateJobsInVpcWithPlatformKey',
  manageJobs: 'ManagePipelineJobs',
  keyGrants: 'PlatformKeyGrantsForSageMaker',
  passJobRole: 'PassJobRoleToSageMaker',
} as const;

export interface SageMakerJobRolesProps {
  /** Purpose of the job role, the last part of its name. @default "training" */
  readonly jobPurpose?: string;
  /** Purpose of the pipeline role. @default "training-pipeline" */
  readonly pipelinePurpose?: string;
  /** Shown in the IAM console. */
  readonly description: string;
  /**
   * The key jobs must use on volumes and outputs, named by its alias ARN.
   * @default - the environment's platform key (PlatformKey.fromEnvironment: `alias/<platform>-<env>-platform`)
   */
  readonly encryptionKey?: IPlatformKey;
  /**
   * ARN of the VPC the jobs' network interfaces must be in.
   * @default - the platform VPC of a PlatformStack (foundation input `vpc_id`); required in another stack
   */
  readonly vpcArn?: string;
  /** Boundary of both roles. @default - the environment's boundary (PermissionsBoundary.ofEnvironment) */
  readonly permissionsBoundary?: IPermissionsBoundary;
}

/**
 * Two SageMaker-trusted roles: `jobRole`, which processing, training and evaluation jobs run as
 * (base execution and the VPC network interfaces of its jobs; callers add bucket, registry and
 * image grants), and `pipelineRole`, which a
 * SageMaker pipeline uses to create those jobs: only inside the VPC with the platform key, only
 * named like pipeline jobs, passing only the job role and only to SageMaker. Both carry explicit
 * denies of jobs without VPC or with another key.
 *
 * The roles are children of this construct. Terraform addresses leave out the construct ID
 * "Default", so a stack whose roles were created directly in it keeps their addresses by giving
 * this construct that ID; another instance in the same scope needs another ID and other purposes.
 */
export class SageMakerJobRoles extends Construct {
  readonly jobRole: ServiceRole;
  readonly pipelineRole: ServiceRole;
  private readonly encryptionKey: IPlatformKey;

  constructor(scope: Construct, id: string, props: SageMakerJobRolesProps) {
    super(scope, id);
    this.encryptionKey = props.encryptionKey ?? PlatformKey.fromEnvironment(this);
    this.jobRole = new ServiceRole(this, 'TrainingRole', {
      purpose: props.jobPurpose ?? 'training',
      description: `Jobs of ${props.description}`,
      service: 'sagemaker.amazonaws.com',
      permissionsBoundary: props.permissionsBoundary,
    });
    this.pipelineRole = new ServiceRole(this, 'PipelineRole', {
      purpose: props.pipelinePurpose ?? 'training-pipeline',
      description: `Pipeline of ${props.description}: creates its jobs inside the VPC with KMS`,
      service: 'sagemaker.amazonaws.com',
      permissionsBoundary: props.permissionsBoundary,
    });
    this.jobRole.grantBaseExecution({ encryptionKey: this.encryptionKey });
    this.pipelineRole.grantBaseExecution({ encryptionKey: this.encryptionKey });
    // SageMaker creates a job's network interfaces in the VPC with the job's own role; without
    // these the first job of the pipeline fails before it starts. The pipeline role only creates
    // jobs, so it needs none.
    grantVpcNetworkInterfaces(this, this.jobRole, { vpcArn: props.vpcArn });
    for (const guard of this.jobGuards()) {
      this.jobRole.addToPolicy(guard);
      this.pipelineRole.addToPolicy(guard);
    }
    addStatements(this.pipelineRole, this.jobCreationStatements());
    this.pipelineRole.addToPolicy({
      Sid: SAGEMAKER_PIPELINE_SIDS.passJobRole,
      Effect: 'Allow',
      Action: ['iam:PassRole'],
      Resource: [this.jobRole.roleArn],
      Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    });
  }

  /**
   * Explicit denies that hold whatever else the role is granted: no training or processing job
   * without VPC subnets and security groups, and none whose volume or output key is not the
   * platform key. One statement per key, because the keys of one `Null` block are ANDed.
   * StringNotEquals is true when the key is absent, so a request without a key is refused too.
   */
  private jobGuards(): PolicyStatement[] {
    const key = this.encryptionKey;
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

  /**
   * Creating training and processing jobs named like pipeline jobs, only with VPC subnets and
   * security groups and with the platform key on volumes and outputs; following, stopping and
   * tagging them; and the KMS grants SageMaker makes on the key for the job volumes.
   */
  private jobCreationStatements(): PolicyStatement[] {
    const stack = ConstructEnvironment.of(this);
    const key = this.encryptionKey;
    const sagemaker = `arn:aws:sagemaker:${stack.region}:${stack.accountId}`;
    const jobs = [
      `${sagemaker}:training-job/${PIPELINE_JOB_NAME_PREFIX}*`,
      `${sagemaker}:processing-job/${PIPELINE_JOB_NAME_PREFIX}*`,
    ];
    return [
      {
        Sid: SAGEMAKER_PIPELINE_SIDS.createJobs,
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
        Sid: SAGEMAKER_PIPELINE_SIDS.manageJobs,
        Effect: 'Allow',
        Action: [...SAGEMAKER_JOB_MANAGE_ACTIONS],
        Resource: jobs,
      },
      key.statementFor({
        sid: SAGEMAKER_PIPELINE_SIDS.keyGrants,
        actions: KMS_GRANT_FOR_SERVICE_ACTIONS,
        conditions: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
      }),
    ];
  }
}
