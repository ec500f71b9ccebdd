import { SagemakerMlflowTrackingServer } from '@cdktf/provider-aws/lib/sagemaker-mlflow-tracking-server';
import { SagemakerPipeline } from '@cdktf/provider-aws/lib/sagemaker-pipeline';
import {
  containerImageUri,
  containerRepositoryName,
  ML_BUCKET_LAYOUT,
  modelTrainingGroup,
  type ModelTrainingSettings,
} from '@genai-sandbox/config';
import {
  addOutput,
  FoundationInputs,
  PlatformStack,
  type StackContext,
  assertProjectContext,
} from '@genai-sandbox/core';
import { ContainerRepository, ModelPackageGroup } from '@genai-sandbox/registry';
import {
  type ExternalRole,
  grantProjectMembers,
  type IGrantable,
  PlatformKey,
  SageMakerJobRoles,
  ServiceRole,
} from '@genai-sandbox/security';
import { MlBucketReference } from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { buildPipelineDefinition, PIPELINE_PARAMETERS } from './pipeline-definition';
import { PipelineSchedule } from './pipeline-schedule';
import { type PipelineDefinition, serializePipelineDefinition } from './sagemaker-pipeline';

export const MODEL_TRAINING_APP = 'model-training';

/** Bucket folders of the blueprint, all from the ML bucket layout. */
export const TRAINING_PREFIXES = {
  processedData: ML_BUCKET_LAYOUT.data.processed,
  code: ML_BUCKET_LAYOUT.configs.training,
  trainingOutputs: ML_BUCKET_LAYOUT.artifacts.trainingOutputs,
  checkpoints: ML_BUCKET_LAYOUT.artifacts.checkpoints,
  models: ML_BUCKET_LAYOUT.artifacts.sagemakerFinetuned,
  mlflow: `${ML_BUCKET_LAYOUT.artifacts.trainingOutputs}mlflow/`,
} as const;

/**
 * What the project's members get in the bucket through this blueprint: the training code to
 * write, and the data, outputs (evaluation, MLflow artifacts) and models of the pipeline to read.
 */
export const MEMBER_PREFIXES = {
  readWrite: [TRAINING_PREFIXES.code],
  read: [
    TRAINING_PREFIXES.processedData,
    TRAINING_PREFIXES.trainingOutputs,
    TRAINING_PREFIXES.models,
  ],
} as const;

/**
 * Blueprint 2, model training and fine-tuning, for one project: a SageMaker pipeline
 * (prepare -> train -> evaluate -> metric condition -> register as PendingManualApproval) whose
 * definition is built from typed TypeScript, the job and pipeline roles that may only run jobs
 * inside the VPC with the platform key, and a managed MLflow tracking server whose artifacts live
 * in the project's ML bucket.
 *
 * Subnet and security-group IDs are random and live in the foundation stack; plans read no AWS
 * data (no data sources, no remote state), so the stack takes foundation's `private_subnet_ids`
 * and `workload_security_group_id` outputs as stack inputs (Terraform variables the deploy step
 * fills) and makes them the defaults of the pipeline's execution parameters (`PrivateSubnet<n>`,
 * `WorkloadSecurityGroupId`). IAM still refuses any job without them. With `schedule` set, an
 * EventBridge Scheduler schedule starts the pipeline with the same values.
 */
export class ModelTrainingStack extends PlatformStack {
  readonly settings: ModelTrainingSettings;
  readonly bucket: MlBucketReference;
  readonly roles: SageMakerJobRoles;
  readonly mlflowRole: ServiceRole;
  readonly modelPackageGroupName: string;
  readonly definition: PipelineDefinition;
  readonly pipeline: SagemakerPipeline;
  readonly trackingServer: SagemakerMlflowTrackingServer;
  /** Set when `blueprints.modelTraining.schedule` is configured. */
  readonly schedule?: PipelineSchedule;
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, MODEL_TRAINING_APP);
    super(scope, { ...context, app: MODEL_TRAINING_APP });
    const { environment, config } = context;
    this.settings = environment.blueprints.modelTraining;
    const key = PlatformKey.fromEnvironment(this);
    this.bucket = MlBucketReference.ofProject(this);
    this.modelPackageGroupName = modelTrainingGroup(
      this.settings,
      config.platform.modelPackageGroups,
    );
    // "Default" is left out of Terraform addresses: the roles keep the addresses they had when
    // they were created directly in the stack.
    this.roles = new SageMakerJobRoles(this, 'Default', {
      description: `the ${context.project.name} training pipeline`,
    });
    const { jobRole, pipelineRole } = this.roles;
    const bucket = this.bucket;
    bucket.grantRead(jobRole, TRAINING_PREFIXES.processedData);
    bucket.grantRead(jobRole, TRAINING_PREFIXES.code);
    bucket.grantReadWrite(jobRole, TRAINING_PREFIXES.trainingOutputs);
    bucket.grantReadWrite(jobRole, TRAINING_PREFIXES.checkpoints);
    bucket.grantReadWrite(jobRole, TRAINING_PREFIXES.models);
    // The pipeline reads evaluation.json (the property file) with its own role.
    bucket.grantRead(pipelineRole, TRAINING_PREFIXES.trainingOutputs);
    ModelPackageGroup.fromName(this, 'ModelPackageGroup', this.modelPackageGroupName).grantRegister(
      pipelineRole,
    );

    // Images come from the platform's ECR repository of the group (foundation, scan on push).
    const group = this.modelPackageGroupName;
    ContainerRepository.fromName(
      this,
      'ContainerRepository',
      containerRepositoryName(config, environment, group),
    ).grantPull(jobRole);

    const inputs = FoundationInputs.of(this);
    const zones = environment.availabilityZones.length;
    const subnetIds = Array.from({ length: zones }, (_, index) => inputs.privateSubnetId(index));
    this.definition = buildPipelineDefinition({
      jobRoleArn: jobRole.roleArn,
      kmsKeyId: key.aliasArn,
      subnetCount: zones,
      defaultSubnetIds: subnetIds,
      defaultSecurityGroupId: inputs.workloadSecurityGroupId,
      processingInstanceType: this.settings.processingInstanceType,
      trainingInstanceType: this.settings.trainingInstanceType,
      evaluationInstanceType: this.settings.evaluationInstanceType,
      trainingInstanceCount: this.settings.trainingInstanceCount,
      maxRuntimeSeconds: this.settings.maxRuntimeSeconds,
      maxWaitSeconds: this.settings.maxWaitSeconds,
      useSpotInstances: this.settings.useSpotInstances,
      metricName: this.settings.metricName,
      metricThreshold: this.settings.metricThreshold,
      metricComparison: this.settings.metricComparison,
      modelPackageGroupName: this.modelPackageGroupName,
      processingImageUri: containerImageUri(config, environment, group, 'processing'),
      trainingImageUri: containerImageUri(config, environment, group, 'training'),
      locations: {
        processedData: bucket.s3Uri(TRAINING_PREFIXES.processedData),
        code: bucket.s3Uri(TRAINING_PREFIXES.code),
        trainingOutputs: bucket.s3Uri(TRAINING_PREFIXES.trainingOutputs),
        checkpoints: bucket.s3Uri(TRAINING_PREFIXES.checkpoints),
        models: bucket.s3Uri(TRAINING_PREFIXES.models),
      },
    });
    const pipelineName = this.naming.name('sagemaker', 'training');
    this.pipeline = new SagemakerPipeline(this, 'Pipeline', {
      pipelineName,
      pipelineDisplayName: pipelineName,
      pipelineDescription: `Prepare, train, evaluate and register models of ${context.project.name}`,
      roleArn: pipelineRole.roleArn,
      pipelineDefinition: serializePipelineDefinition(this.definition),
      dependsOn: [pipelineRole.policy, jobRole.policy],
    });
    if (this.settings.schedule) {
      // The network parameters are passed explicitly, not left to the defaults: a scheduled run
      // uses exactly the values this deployment read from foundation.
      this.schedule = new PipelineSchedule(this, 'PipelineSchedule', {
        settings: this.settings.schedule,
        pipelineName,
        pipelineArn: this.pipeline.arn,
        parameters: {
          ...Object.fromEntries(
            subnetIds.map((id, index) => [PIPELINE_PARAMETERS.subnet(index), id]),
          ),
          [PIPELINE_PARAMETERS.securityGroup]: inputs.workloadSecurityGroupId,
        },
      });
    }

    this.mlflowRole = new ServiceRole(this, 'MlflowRole', {
      purpose: 'mlflow',
      description: `MLflow tracking server of ${context.project.name}: artifacts under ${TRAINING_PREFIXES.mlflow}`,
      service: 'sagemaker.amazonaws.com',
    });
    this.mlflowRole.grantBaseExecution();
    bucket.grantReadWrite(this.mlflowRole, TRAINING_PREFIXES.mlflow);
    // Encryption at rest is the bucket's SSE-KMS with the platform key (foundation enforces it).
    this.trackingServer = new SagemakerMlflowTrackingServer(this, 'TrackingServer', {
      trackingServerName: this.naming.name('sagemaker', 'mlflow'),
      artifactStoreUri: bucket.s3Uri(TRAINING_PREFIXES.mlflow),
      roleArn: this.mlflowRole.roleArn,
      trackingServerSize: this.settings.trackingServerSize,
      automaticModelRegistration: false,
      dependsOn: [this.mlflowRole.policy],
    });
    this.projectRole = grantProjectMembers(this, [
      ...MEMBER_PREFIXES.readWrite.map(
        (prefix) => (role: IGrantable) => bucket.grantReadWrite(role, prefix),
      ),
      ...MEMBER_PREFIXES.read.map((prefix) => (role: IGrantable) => bucket.grantRead(role, prefix)),
    ]);
    this.declareOutputs();
  }

  private declareOutputs(): void {
    addOutput(this, 'pipeline_name', {
      value: this.pipeline.pipelineName,
      description: 'SageMaker pipeline: prepare, train, evaluate, condition, register',
    });
    addOutput(this, 'pipeline_arn', {
      value: this.pipeline.arn,
      description: 'ARN of the SageMaker training pipeline',
    });
    addOutput(this, 'training_role_arn', {
      value: this.roles.jobRole.roleArn,
      description: 'Role the processing, training and evaluation jobs run as',
    });
    addOutput(this, 'pipeline_role_arn', {
      value: this.roles.pipelineRole.roleArn,
      description: 'Role the pipeline creates its jobs with (VPC and KMS enforced)',
    });
    addOutput(this, 'model_package_group_name', {
      value: this.modelPackageGroupName,
      description: 'Model package group the pipeline registers into (PendingManualApproval)',
    });
    addOutput(this, 'mlflow_tracking_server_arn', {
      value: this.trackingServer.arn,
      description: 'Managed MLflow tracking server of the project',
    });
    addOutput(this, 'mlflow_tracking_server_url', {
      value: this.trackingServer.trackingServerUrl,
      description: 'URL of the managed MLflow tracking server',
    });
    addOutput(this, 'mlflow_artifact_store_uri', {
      value: this.bucket.s3Uri(TRAINING_PREFIXES.mlflow),
      description: 'S3 location of the MLflow artifacts in the project ML bucket',
    });
    if (this.schedule) {
      addOutput(this, 'training_schedule_arn', {
        value: this.schedule.schedule.arn,
        description: 'EventBridge Scheduler schedule that starts the training pipeline',
      });
      addOutput(this, 'training_schedule_dead_letter_queue_url', {
        value: this.schedule.deadLetterQueue.url,
        description: 'SQS queue holding scheduled pipeline starts that failed after retries',
      });
    }
  }
}
