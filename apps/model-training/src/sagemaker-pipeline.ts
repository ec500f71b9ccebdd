/**
 * A typed subset of the SageMaker Model Building Pipeline definition schema (version
 * 2020-12-01): the step types this blueprint uses, with the arguments of the SageMaker API
 * request each step makes (CreateProcessingJob, CreateTrainingJob, CreateModelPackage). Values
 * known only at execution are expressions: `{"Get": "Parameters.X"}`, `{"Get": "Steps.Y...."}`
 * and `{"Std:JsonGet": ...}` on a property file.
 */
export const PIPELINE_DEFINITION_VERSION = '2020-12-01';

export interface Get {
  readonly Get: string;
}
export interface JsonGet {
  readonly 'Std:JsonGet': { readonly PropertyFile: Get; readonly Path: string };
}
export type Value<T = string> = T | Get;

/** The comparisons of a Condition step (the schema also has In, Not and Or, unused here). */
export type ComparisonType =
  | 'Equals'
  | 'GreaterThan'
  | 'GreaterThanOrEqualTo'
  | 'LessThan'
  | 'LessThanOrEqualTo';

export interface PipelineParameter {
  readonly Name: string;
  readonly Type: 'String' | 'Integer' | 'Float' | 'Boolean';
  readonly DefaultValue?: string | number | boolean;
}

export interface VpcConfig {
  readonly Subnets: readonly Value[];
  readonly SecurityGroupIds: readonly Value[];
}

export interface ProcessingStep {
  readonly Name: string;
  readonly Type: 'Processing';
  readonly DependsOn?: readonly string[];
  readonly Arguments: {
    readonly ProcessingResources: {
      readonly ClusterConfig: {
        readonly InstanceType: string;
        readonly InstanceCount: number;
        readonly VolumeSizeInGB: number;
        readonly VolumeKmsKeyId: string;
      };
    };
    readonly AppSpecification: {
      readonly ImageUri: Value;
      readonly ContainerEntrypoint: readonly string[];
    };
    readonly RoleArn: string;
    readonly ProcessingInputs: readonly {
      readonly InputName: string;
      readonly AppManaged: false;
      readonly S3Input: {
        readonly S3Uri: Value;
        readonly LocalPath: string;
        readonly S3DataType: 'S3Prefix';
        readonly S3InputMode: 'File';
        readonly S3DataDistributionType: 'FullyReplicated';
      };
    }[];
    readonly ProcessingOutputConfig: {
      readonly Outputs: readonly {
        readonly OutputName: string;
        readonly AppManaged: false;
        readonly S3Output: {
          readonly S3Uri: string;
          readonly LocalPath: string;
          readonly S3UploadMode: 'EndOfJob';
        };
      }[];
      readonly KmsKeyId: string;
    };
    readonly NetworkConfig: {
      readonly EnableInterContainerTrafficEncryption: true;
      readonly EnableNetworkIsolation: boolean;
      readonly VpcConfig: VpcConfig;
    };
    readonly StoppingCondition: { readonly MaxRuntimeInSeconds: number };
  };
  readonly PropertyFiles?: readonly {
    readonly PropertyFileName: string;
    readonly OutputName: string;
    readonly FilePath: string;
  }[];
}

export interface TrainingStep {
  readonly Name: string;
  readonly Type: 'Training';
  readonly DependsOn?: readonly string[];
  readonly Arguments: {
    readonly AlgorithmSpecification: {
      readonly TrainingImage: Value;
      readonly TrainingInputMode: 'File';
    };
    readonly RoleArn: string;
    readonly InputDataConfig: readonly {
      readonly ChannelName: string;
      readonly DataSource: {
        readonly S3DataSource: {
          readonly S3DataType: 'S3Prefix';
          readonly S3Uri: Value;
          readonly S3DataDistributionType: 'FullyReplicated';
        };
      };
    }[];
    readonly OutputDataConfig: { readonly S3OutputPath: string; readonly KmsKeyId: string };
    readonly ResourceConfig: {
      readonly InstanceType: string;
      readonly InstanceCount: number;
      readonly VolumeSizeInGB: number;
      readonly VolumeKmsKeyId: string;
    };
    readonly StoppingCondition: {
      readonly MaxRuntimeInSeconds: number;
      readonly MaxWaitTimeInSeconds?: number;
    };
    readonly EnableManagedSpotTraining: boolean;
    readonly CheckpointConfig?: { readonly S3Uri: string; readonly LocalPath: string };
    readonly EnableInterContainerTrafficEncryption: true;
    readonly EnableNetworkIsolation: boolean;
    readonly VpcConfig: VpcConfig;
  };
}

export interface RegisterModelStep {
  readonly Name: string;
  readonly Type: 'RegisterModel';
  readonly DependsOn?: readonly string[];
  readonly Arguments: {
    readonly ModelPackageGroupName: string;
    readonly ModelPackageDescription: string;
    readonly ModelApprovalStatus: 'PendingManualApproval';
    readonly InferenceSpecification: {
      readonly Containers: readonly { readonly Image: Value; readonly ModelDataUrl: Value }[];
      readonly SupportedContentTypes: readonly string[];
      readonly SupportedResponseMIMETypes: readonly string[];
      readonly SupportedRealtimeInferenceInstanceTypes: readonly string[];
      readonly SupportedTransformInstanceTypes: readonly string[];
    };
  };
}

export interface FailStep {
  readonly Name: string;
  readonly Type: 'Fail';
  readonly Arguments: { readonly ErrorMessage: string };
}

export interface ConditionStep {
  readonly Name: string;
  readonly Type: 'Condition';
  readonly DependsOn?: readonly string[];
  readonly Arguments: {
    readonly Conditions: readonly {
      readonly Type: ComparisonType;
      readonly LeftValue: JsonGet;
      readonly RightValue: number;
    }[];
    readonly IfSteps: readonly PipelineStep[];
    readonly ElseSteps: readonly PipelineStep[];
  };
}

export type PipelineStep =
  | ProcessingStep
  | TrainingStep
  | ConditionStep
  | RegisterModelStep
  | FailStep;

export interface PipelineDefinition {
  readonly Version: typeof PIPELINE_DEFINITION_VERSION;
  readonly Metadata: Record<string, never>;
  readonly Parameters: readonly PipelineParameter[];
  readonly Steps: readonly PipelineStep[];
}

/** `{"Get": "Parameters.<name>"}`: the value the caller of StartPipelineExecution gave. */
export function parameter(name: string): Get {
  return { Get: `Parameters.${name}` };
}

/** The definition as the `pipeline_definition` argument of aws_sagemaker_pipeline takes it. */
export function serializePipelineDefinition(definition: PipelineDefinition): string {
  return JSON.stringify(definition);
}
