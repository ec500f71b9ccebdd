import type { MetricComparison } from '@genai-sandbox/config';
import {
  type ConditionStep,
  type Get,
  parameter,
  PIPELINE_DEFINITION_VERSION,
  type PipelineDefinition,
  type PipelineParameter,
  type ProcessingStep,
  type RegisterModelStep,
  type TrainingStep,
  type Value,
  type VpcConfig,
} from './sagemaker-pipeline';

/**
 * The model-training blueprint's pipeline, built on the typed definition of sagemaker-pipeline.ts:
 * its steps, their names and parameters, and the checks on the settings it is built from.
 */

/** Step names, referenced by `Get` expressions and shown in SageMaker Studio. */
export const STEP_NAMES = {
  prepare: 'PrepareData',
  train: 'TrainModel',
  evaluate: 'EvaluateModel',
  check: 'CheckMetric',
  register: 'RegisterModel',
  reject: 'MetricBelowThreshold',
} as const;

export const EVALUATION_PROPERTY_FILE = 'EvaluationReport';

/** Names of the pipeline parameters the caller of StartPipelineExecution supplies. */
export const PIPELINE_PARAMETERS = {
  securityGroup: 'WorkloadSecurityGroupId',
  processingImage: 'ProcessingImageUri',
  trainingImage: 'TrainingImageUri',
  /** `PrivateSubnet1`, `PrivateSubnet2`, ...: one per availability zone. */
  subnet: (index: number) => `PrivateSubnet${index + 1}`,
} as const;

export interface PipelineDefinitionProps {
  /** Role every job of the pipeline runs as (the training role). */
  readonly jobRoleArn: string;
  /** KMS key (alias ARN) for job volumes and outputs. */
  readonly kmsKeyId: string;
  /** How many private subnets (one per availability zone) the jobs may use. */
  readonly subnetCount: number;
  /**
   * Default values of the subnet parameters, one per subnet (the stack passes foundation's
   * private subnets through its stack inputs). @default - none: every execution must pass them
   */
  readonly defaultSubnetIds?: readonly string[];
  /** Default value of the security-group parameter. @default - none */
  readonly defaultSecurityGroupId?: string;
  readonly processingInstanceType: string;
  readonly trainingInstanceType: string;
  readonly evaluationInstanceType: string;
  readonly trainingInstanceCount: number;
  readonly maxRuntimeSeconds: number;
  readonly maxWaitSeconds: number;
  readonly useSpotInstances: boolean;
  readonly metricName: string;
  readonly metricThreshold: number;
  readonly metricComparison: MetricComparison;
  /** Model package group to register into. */
  readonly modelPackageGroupName: string;
  /** Default image URIs (the platform's ECR repository); overridable per execution. */
  readonly processingImageUri: string;
  readonly trainingImageUri: string;
  /** S3 URIs, each ending with "/". */
  readonly locations: {
    readonly processedData: string;
    readonly code: string;
    readonly trainingOutputs: string;
    readonly checkpoints: string;
    readonly models: string;
  };
}

const VOLUME_SIZE_GB = 30;
const withDefault = (value: string | undefined) =>
  value === undefined ? {} : { DefaultValue: value };

/** The pipeline of blueprint 2, model training: process -> train -> evaluate -> condition -> register. */
export function buildPipelineDefinition(props: PipelineDefinitionProps): PipelineDefinition {
  const problems: string[] = [];
  if (props.subnetCount < 1) problems.push(`subnetCount is ${props.subnetCount}; at least 1`);
  if (props.defaultSubnetIds && props.defaultSubnetIds.length !== props.subnetCount)
    problems.push(
      `defaultSubnetIds has ${props.defaultSubnetIds.length} subnets for ${props.subnetCount} subnet parameters; give one per parameter`,
    );
  for (const [name, uri] of Object.entries(props.locations)) {
    if (!/^s3:\/\/[^/]+\/.*\/$/.test(uri))
      problems.push(`locations.${name} "${uri}" must be an s3:// URI ending with "/"`);
  }
  if (props.useSpotInstances && props.maxWaitSeconds < props.maxRuntimeSeconds)
    problems.push(
      `maxWaitSeconds (${props.maxWaitSeconds}) is below maxRuntimeSeconds (${props.maxRuntimeSeconds}); spot training needs wait >= runtime`,
    );
  if (problems.length > 0) throw new Error(`buildPipelineDefinition:\n  ${problems.join('\n  ')}`);

  const subnets = Array.from({ length: props.subnetCount }, (_, index) =>
    parameter(PIPELINE_PARAMETERS.subnet(index)),
  );
  const vpcConfig: VpcConfig = {
    Subnets: subnets,
    SecurityGroupIds: [parameter(PIPELINE_PARAMETERS.securityGroup)],
  };
  const { locations } = props;
  const processingOutput = (name: string) => ({
    OutputName: name,
    AppManaged: false as const,
    S3Output: {
      S3Uri: `${locations.trainingOutputs}${name}/`,
      LocalPath: `/opt/ml/processing/${name}`,
      S3UploadMode: 'EndOfJob' as const,
    },
  });
  const processingInput = (name: string, uri: Value) => ({
    InputName: name,
    AppManaged: false as const,
    S3Input: {
      S3Uri: uri,
      LocalPath: `/opt/ml/processing/input/${name}`,
      S3DataType: 'S3Prefix' as const,
      S3InputMode: 'File' as const,
      S3DataDistributionType: 'FullyReplicated' as const,
    },
  });
  const processing = (
    instanceType: string,
    script: string,
    inputs: ProcessingStep['Arguments']['ProcessingInputs'],
    outputs: string[],
  ): ProcessingStep['Arguments'] => ({
    ProcessingResources: {
      ClusterConfig: {
        InstanceType: instanceType,
        InstanceCount: 1,
        VolumeSizeInGB: VOLUME_SIZE_GB,
        VolumeKmsKeyId: props.kmsKeyId,
      },
    },
    AppSpecification: {
      ImageUri: parameter(PIPELINE_PARAMETERS.processingImage),
      ContainerEntrypoint: ['python3', `/opt/ml/processing/input/code/${script}`],
    },
    RoleArn: props.jobRoleArn,
    ProcessingInputs: [processingInput('code', locations.code), ...inputs],
    ProcessingOutputConfig: {
      Outputs: outputs.map(processingOutput),
      KmsKeyId: props.kmsKeyId,
    },
    NetworkConfig: {
      EnableInterContainerTrafficEncryption: true,
      EnableNetworkIsolation: false,
      VpcConfig: vpcConfig,
    },
    StoppingCondition: { MaxRuntimeInSeconds: props.maxRuntimeSeconds },
  });
  const outputUri = (step: string, output: string): Get => ({
    Get: `Steps.${step}.ProcessingOutputConfig.Outputs['${output}'].S3Output.S3Uri`,
  });
  const modelArtifacts: Get = { Get: `Steps.${STEP_NAMES.train}.ModelArtifacts.S3ModelArtifacts` };

  const prepare: ProcessingStep = {
    Name: STEP_NAMES.prepare,
    Type: 'Processing',
    Arguments: processing(
      props.processingInstanceType,
      'preprocess.py',
      [processingInput('processed', locations.processedData)],
      ['train', 'validation', 'test'],
    ),
  };
  const channel = (name: string) => ({
    ChannelName: name,
    DataSource: {
      S3DataSource: {
        S3DataType: 'S3Prefix' as const,
        S3Uri: outputUri(STEP_NAMES.prepare, name),
        S3DataDistributionType: 'FullyReplicated' as const,
      },
    },
  });
  const train: TrainingStep = {
    Name: STEP_NAMES.train,
    Type: 'Training',
    Arguments: {
      AlgorithmSpecification: {
        TrainingImage: parameter(PIPELINE_PARAMETERS.trainingImage),
        TrainingInputMode: 'File',
      },
      RoleArn: props.jobRoleArn,
      InputDataConfig: [channel('train'), channel('validation')],
      OutputDataConfig: { S3OutputPath: locations.models, KmsKeyId: props.kmsKeyId },
      ResourceConfig: {
        InstanceType: props.trainingInstanceType,
        InstanceCount: props.trainingInstanceCount,
        VolumeSizeInGB: VOLUME_SIZE_GB,
        VolumeKmsKeyId: props.kmsKeyId,
      },
      StoppingCondition: {
        MaxRuntimeInSeconds: props.maxRuntimeSeconds,
        ...(props.useSpotInstances ? { MaxWaitTimeInSeconds: props.maxWaitSeconds } : {}),
      },
      EnableManagedSpotTraining: props.useSpotInstances,
      // Spot capacity can be reclaimed; the job resumes from the last checkpoint it wrote.
      ...(props.useSpotInstances
        ? { CheckpointConfig: { S3Uri: locations.checkpoints, LocalPath: '/opt/ml/checkpoints' } }
        : {}),
      EnableInterContainerTrafficEncryption: true,
      EnableNetworkIsolation: false,
      VpcConfig: vpcConfig,
    },
  };
  const evaluate: ProcessingStep = {
    Name: STEP_NAMES.evaluate,
    Type: 'Processing',
    Arguments: processing(
      props.evaluationInstanceType,
      'evaluate.py',
      [
        processingInput('model', modelArtifacts),
        processingInput('test', outputUri(STEP_NAMES.prepare, 'test')),
      ],
      ['evaluation'],
    ),
    PropertyFiles: [
      {
        PropertyFileName: EVALUATION_PROPERTY_FILE,
        OutputName: 'evaluation',
        FilePath: 'evaluation.json',
      },
    ],
  };
  const register: RegisterModelStep = {
    Name: STEP_NAMES.register,
    Type: 'RegisterModel',
    Arguments: {
      ModelPackageGroupName: props.modelPackageGroupName,
      ModelPackageDescription: `Trained by the pipeline; ${props.metricName} passed ${props.metricComparison} ${props.metricThreshold}`,
      // Promotion starts with a reviewer's approval (docs/architecture.md#event-flow).
      ModelApprovalStatus: 'PendingManualApproval',
      InferenceSpecification: {
        Containers: [
          { Image: parameter(PIPELINE_PARAMETERS.trainingImage), ModelDataUrl: modelArtifacts },
        ],
        SupportedContentTypes: ['text/csv', 'application/json'],
        SupportedResponseMIMETypes: ['text/csv', 'application/json'],
        SupportedRealtimeInferenceInstanceTypes: ['ml.m5.large', 'ml.m5.xlarge'],
        SupportedTransformInstanceTypes: ['ml.m5.large', 'ml.m5.xlarge'],
      },
    },
  };
  const check: ConditionStep = {
    Name: STEP_NAMES.check,
    Type: 'Condition',
    Arguments: {
      Conditions: [
        {
          Type: props.metricComparison,
          LeftValue: {
            'Std:JsonGet': {
              PropertyFile: {
                Get: `Steps.${STEP_NAMES.evaluate}.PropertyFiles.${EVALUATION_PROPERTY_FILE}`,
              },
              Path: `metrics.${props.metricName}.value`,
            },
          },
          RightValue: props.metricThreshold,
        },
      ],
      IfSteps: [register],
      ElseSteps: [
        {
          Name: STEP_NAMES.reject,
          Type: 'Fail',
          Arguments: {
            ErrorMessage: `${props.metricName} did not pass ${props.metricComparison} ${props.metricThreshold}; the model was not registered`,
          },
        },
      ],
    },
  };

  return {
    Version: PIPELINE_DEFINITION_VERSION,
    Metadata: {},
    Parameters: [
      ...subnets.map(
        (_, index): PipelineParameter => ({
          Name: PIPELINE_PARAMETERS.subnet(index),
          Type: 'String',
          ...withDefault(props.defaultSubnetIds?.[index]),
        }),
      ),
      {
        Name: PIPELINE_PARAMETERS.securityGroup,
        Type: 'String',
        ...withDefault(props.defaultSecurityGroupId),
      },
      {
        Name: PIPELINE_PARAMETERS.processingImage,
        Type: 'String',
        DefaultValue: props.processingImageUri,
      },
      {
        Name: PIPELINE_PARAMETERS.trainingImage,
        Type: 'String',
        DefaultValue: props.trainingImageUri,
      },
    ],
    Steps: [prepare, train, evaluate, check],
  };
}
