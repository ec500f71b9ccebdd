import { join } from 'node:path';
import {
  ConfigError,
  loadPlatformConfiguration,
  type PlatformConfiguration,
} from '@genai-sandbox/config';
import { planStacks } from '@genai-sandbox/core';
import {
  atLeast,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import {
  buildPipelineDefinition,
  ModelTrainingStack,
  type PipelineDefinition,
  type PipelineStep,
  platformApp,
} from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';

function synthStack(config: PlatformConfiguration, environmentName = 'dev') {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error(`no fraud-detection in ${environmentName}`);
  const stack = new ModelTrainingStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

const values = (json: ReturnType<typeof synthesize>, type: string) =>
  Object.values(resourcesOfType(json, type));

type Statement = Record<string, unknown>;
function policies(json: ReturnType<typeof synthesize>): Record<string, Statement[]> {
  return Object.fromEntries(
    Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).map(([id, policy]) => [
      id,
      JSON.parse(policy.policy as string).Statement as Statement[],
    ]),
  );
}
const roleStatements = (json: ReturnType<typeof synthesize>, prefix: string) =>
  Object.entries(policies(json)).find(([id]) => id.startsWith(prefix))?.[1] ?? [];

function definitionOf(json: ReturnType<typeof synthesize>): PipelineDefinition {
  return JSON.parse(values(json, 'aws_sagemaker_pipeline')[0].pipeline_definition as string);
}

/** Every step, including those nested in a condition's branches. */
function allSteps(steps: readonly PipelineStep[]): PipelineStep[] {
  return steps.flatMap((step) =>
    step.Type === 'Condition'
      ? [step, ...allSteps(step.Arguments.IfSteps), ...allSteps(step.Arguments.ElseSteps)]
      : [step],
  );
}

/** Every `{"Get": ...}` expression anywhere below `value`. */
function references(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(references);
  if (value && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return [
      ...(typeof record.Get === 'string' ? [record.Get] : []),
      ...Object.values(record).flatMap(references),
    ];
  }
  return [];
}

/** A jobs's arguments, whichever the step type. */
const jobSteps = (definition: PipelineDefinition) =>
  allSteps(definition.Steps).filter(
    (step) => step.Type === 'Processing' || step.Type === 'Training',
  );

describe('ModelTrainingStack', () => {
  const { json } = synthStack(testConfiguration());
  const definition = definitionOf(json);
  const steps = allSteps(definition.Steps);

  it('builds the pipeline prepare -> train -> evaluate -> condition -> register from typed steps', () => {
    expect(definition.Version).toBe('2020-12-01');
    expect(definition.Steps.map((step) => [step.Name, step.Type])).toEqual([
      ['PrepareData', 'Processing'],
      ['TrainModel', 'Training'],
      ['EvaluateModel', 'Processing'],
      ['CheckMetric', 'Condition'],
    ]);
    expect(values(json, 'aws_sagemaker_pipeline')[0]).toMatchObject({
      pipeline_name: 'genai-dev-fraud-detection-training',
      role_arn: expect.stringMatching(/^\$\{aws_iam_role\.PipelineRole_\w+\.arn\}$/),
    });
  });

  it('resolves every Get reference to a parameter or an earlier step, and DependsOn to steps', () => {
    const names = steps.map((step) => step.Name);
    const parameters = definition.Parameters.map((parameter) => parameter.Name);
    const order = definition.Steps.map((step) => step.Name);
    for (const [index, step] of atLeast(4, definition.Steps, 'pipeline steps').entries()) {
      for (const reference of references(step.Arguments)) {
        const [kind, name] = reference.split('.');
        if (kind === 'Parameters') {
          expect(parameters).toContain(name);
        } else {
          expect(kind).toBe('Steps');
          expect(order.slice(0, index)).toContain(name);
        }
      }
      for (const dependency of (step as { DependsOn?: string[] }).DependsOn ?? []) {
        expect(names).toContain(dependency);
      }
    }
    expect(references(definition.Steps)).toEqual(
      expect.arrayContaining([
        "Steps.PrepareData.ProcessingOutputConfig.Outputs['train'].S3Output.S3Uri",
        'Steps.TrainModel.ModelArtifacts.S3ModelArtifacts',
        'Steps.EvaluateModel.PropertyFiles.EvaluationReport',
      ]),
    );
  });

  it('registers only when the metric passes the threshold, into the configured group, pending approval', () => {
    const condition = definition.Steps.find((step) => step.Type === 'Condition');
    expect(condition?.Arguments).toMatchObject({
      Conditions: [
        {
          Type: 'GreaterThanOrEqualTo',
          LeftValue: {
            'Std:JsonGet': {
              PropertyFile: { Get: 'Steps.EvaluateModel.PropertyFiles.EvaluationReport' },
              Path: 'metrics.auc.value',
            },
          },
          RightValue: 0.8,
        },
      ],
      IfSteps: [
        {
          Name: 'RegisterModel',
          Type: 'RegisterModel',
          Arguments: {
            ModelPackageGroupName: 'genai-llm-finetuned',
            ModelApprovalStatus: 'PendingManualApproval',
            InferenceSpecification: {
              Containers: [
                { ModelDataUrl: { Get: 'Steps.TrainModel.ModelArtifacts.S3ModelArtifacts' } },
              ],
            },
          },
        },
      ],
      ElseSteps: [{ Type: 'Fail' }],
    });
    const evaluate = steps.find((step) => step.Name === 'EvaluateModel');
    expect(evaluate).toMatchObject({
      PropertyFiles: [
        {
          PropertyFileName: 'EvaluationReport',
          OutputName: 'evaluation',
          FilePath: 'evaluation.json',
        },
      ],
    });
  });

  it('runs every job in the VPC with the platform key on volumes and outputs', () => {
    const jobs = jobSteps(definition);
    expect(jobs).toHaveLength(3);
    const subnets = [{ Get: 'Parameters.PrivateSubnet1' }, { Get: 'Parameters.PrivateSubnet2' }];
    const securityGroups = [{ Get: 'Parameters.WorkloadSecurityGroupId' }];
    for (const step of jobs) {
      if (step.Type === 'Processing') {
        expect(step.Arguments).toMatchObject({
          ProcessingResources: { ClusterConfig: { VolumeKmsKeyId: ALIAS_ARN } },
          ProcessingOutputConfig: { KmsKeyId: ALIAS_ARN },
          NetworkConfig: {
            EnableInterContainerTrafficEncryption: true,
            VpcConfig: { Subnets: subnets, SecurityGroupIds: securityGroups },
          },
        });
      } else if (step.Type === 'Training') {
        expect(step.Arguments).toMatchObject({
          ResourceConfig: { VolumeKmsKeyId: ALIAS_ARN },
          OutputDataConfig: { KmsKeyId: ALIAS_ARN },
          EnableInterContainerTrafficEncryption: true,
          VpcConfig: { Subnets: subnets, SecurityGroupIds: securityGroups },
        });
      }
    }
  });

  it('trains on spot capacity with checkpoints under artifacts/checkpoints/ and writes the model to sagemaker-finetuned', () => {
    const train = steps.find((step) => step.Type === 'Training');
    expect(train?.Arguments).toMatchObject({
      EnableManagedSpotTraining: true,
      CheckpointConfig: { S3Uri: `s3://${BUCKET}/artifacts/checkpoints/` },
      StoppingCondition: { MaxRuntimeInSeconds: 86400, MaxWaitTimeInSeconds: 172800 },
      OutputDataConfig: { S3OutputPath: `s3://${BUCKET}/artifacts/models/sagemaker-finetuned/` },
      ResourceConfig: { InstanceType: 'ml.m5.xlarge', InstanceCount: 1 },
    });
    const prepare = steps.find((step) => step.Name === 'PrepareData');
    expect(prepare).toMatchObject({
      Arguments: {
        ProcessingInputs: expect.arrayContaining([
          expect.objectContaining({
            S3Input: expect.objectContaining({ S3Uri: `s3://${BUCKET}/data/processed/` }),
          }),
        ]),
      },
    });
    for (const output of (prepare?.Type === 'Processing' &&
      prepare.Arguments.ProcessingOutputConfig.Outputs) ||
      []) {
      expect(output.S3Output.S3Uri.startsWith(`s3://${BUCKET}/artifacts/training-outputs/`)).toBe(
        true,
      );
    }
  });

  it('allows job creation only with VPC config and the platform key, and denies it otherwise on both roles', () => {
    const pipeline = roleStatements(json, 'PipelineRole');
    expect(
      pipeline.find((statement) => statement.Sid === 'CreateJobsInVpcWithPlatformKey'),
    ).toEqual({
      Sid: 'CreateJobsInVpcWithPlatformKey',
      Effect: 'Allow',
      Action: ['sagemaker:CreateTrainingJob', 'sagemaker:CreateProcessingJob'],
      Resource: [
        'arn:aws:sagemaker:eu-west-1:111111111111:training-job/pipelines-*',
        'arn:aws:sagemaker:eu-west-1:111111111111:processing-job/pipelines-*',
      ],
      Condition: {
        Null: {
          'sagemaker:VpcSubnets': 'false',
          'sagemaker:VpcSecurityGroupIds': 'false',
          'sagemaker:VolumeKmsKeyArn': 'false',
          'sagemaker:OutputKmsKeyArn': 'false',
        },
        StringEquals: {
          'sagemaker:VolumeKmsKeyArn': ALIAS_ARN,
          'sagemaker:OutputKmsKeyArn': ALIAS_ARN,
        },
      },
    });
    for (const role of ['PipelineRole', 'TrainingRole']) {
      const denies = roleStatements(json, role).filter((statement) => statement.Effect === 'Deny');
      expect(denies.map((statement) => statement.Condition)).toEqual([
        { Null: { 'sagemaker:VpcSubnets': 'true' } },
        { Null: { 'sagemaker:VpcSecurityGroupIds': 'true' } },
        { StringNotEquals: { 'sagemaker:VolumeKmsKeyArn': ALIAS_ARN } },
        { StringNotEquals: { 'sagemaker:OutputKmsKeyArn': ALIAS_ARN } },
      ]);
    }
    // Only the pipeline role creates jobs.
    const allows = Object.entries(policies(json)).flatMap(([id, statements]) =>
      statements
        .filter((statement) => statement.Effect === 'Allow')
        .filter(
          (statement) =>
            String(statement.Action).includes('sagemaker:Create') &&
            String(statement.Action).includes('Job'),
        )
        .map(() => id),
    );
    expect(allows).toEqual([expect.stringMatching(/^PipelineRole/)]);
  });

  it('passes only the training role, and only to SageMaker', () => {
    const passes = Object.entries(policies(json)).flatMap(([id, statements]) =>
      statements
        .filter((statement) =>
          [statement.Action].flat().some((action) => String(action).startsWith('iam:')),
        )
        .map((statement) => [id, statement]),
    );
    expect(passes).toEqual([
      [
        expect.stringMatching(/^PipelineRole/),
        {
          Sid: 'PassJobRoleToSageMaker',
          Effect: 'Allow',
          Action: ['iam:PassRole'],
          Resource: [expect.stringMatching(/^\$\{aws_iam_role\.TrainingRole_\w+\.arn\}$/)],
          Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
        },
      ],
    ]);
  });

  it('registers into the group as PendingManualApproval only', () => {
    expect(
      roleStatements(json, 'PipelineRole').find(
        (statement) => statement.Sid === 'RegisterPendingModelPackages',
      ),
    ).toEqual({
      Sid: 'RegisterPendingModelPackages',
      Effect: 'Allow',
      Action: ['sagemaker:CreateModelPackage'],
      Resource: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/*',
      Condition: { StringEquals: { 'sagemaker:ModelApprovalStatus': 'PendingManualApproval' } },
    });
  });

  it('limits S3 to the project bucket and KMS to the platform key alias', () => {
    const all = Object.values(policies(json)).flat();
    const s3 = all.filter((s) => String(s.Action).includes('s3:'));
    for (const statement of atLeast(1, s3, 'S3 statements')) {
      for (const resource of [statement.Resource].flat() as string[]) {
        expect(resource.startsWith(`arn:aws:s3:::${BUCKET}`)).toBe(true);
      }
    }
    const keyStatements = all.filter((s) => String(s.Action).includes('kms:'));
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const statement of keyStatements) {
      expect(statement).toMatchObject({
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: expect.objectContaining({
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
        }),
      });
    }
    for (const statement of all.filter(
      (s) => s.Effect === 'Allow' && [s.Resource].flat().includes('*'),
    )) {
      // Only actions without a resource type in the IAM catalogue stay on "*".
      expect(
        [statement.Action]
          .flat()
          .every(
            (action) =>
              action === 'ecr:GetAuthorizationToken' || /^ec2:Describe/.test(String(action)),
          ),
      ).toBe(true);
    }
  });

  it('lets the jobs create their network interfaces in the platform VPC, and only the job role', () => {
    const job = roleStatements(json, 'TrainingRole');
    const pipeline = roleStatements(json, 'PipelineRole');
    const vpc = 'arn:aws:ec2:eu-west-1:111111111111:vpc/${var.vpc_id}';
    expect(job.find((statement) => statement.Sid === 'VpcUsePlatformSubnetsAndGroups')).toEqual(
      expect.objectContaining({
        Action: ['ec2:CreateNetworkInterface'],
        Condition: { ArnEquals: { 'ec2:Vpc': vpc } },
      }),
    );
    expect(JSON.stringify(pipeline)).not.toContain('ec2:');
  });

  it('stores MLflow artifacts in the project bucket with the configured size', () => {
    expect(values(json, 'aws_sagemaker_mlflow_tracking_server')).toEqual([
      expect.objectContaining({
        tracking_server_name: 'genai-dev-fraud-detection-mlflow',
        artifact_store_uri: `s3://${BUCKET}/artifacts/training-outputs/mlflow/`,
        tracking_server_size: 'Small',
        role_arn: expect.stringMatching(/^\$\{aws_iam_role\.MlflowRole_\w+\.arn\}$/),
      }),
    ]);
    const writes = roleStatements(json, 'MlflowRole')
      .filter((statement) => (statement.Action as string[]).includes('s3:PutObject'))
      .map((statement) => statement.Resource);
    expect(writes).toEqual([`arn:aws:s3:::${BUCKET}/artifacts/training-outputs/mlflow/*`]);
  });

  it('reads no AWS data and declares described snake_case outputs', () => {
    expect(json.data).toBeUndefined();
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'mlflow_artifact_store_uri',
      'mlflow_tracking_server_arn',
      'mlflow_tracking_server_url',
      'model_package_group_name',
      'pipeline_arn',
      'pipeline_name',
      'pipeline_role_arn',
      'training_role_arn',
    ]);
  });

  it('takes instance types, thresholds, comparison, spot and group from the environment', () => {
    const config = testConfiguration((fixture) => {
      fixture.platform.modelPackageGroups.push({
        name: 'genai-custom-models',
        description: 'Custom',
      });
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        modelTraining: {
          trainingInstanceType: 'ml.g5.2xlarge',
          trainingInstanceCount: 2,
          useSpotInstances: false,
          metricName: 'rmse',
          metricThreshold: 3.5,
          metricComparison: 'LessThanOrEqualTo',
          modelPackageGroup: 'genai-custom-models',
          trackingServerSize: 'Medium',
        },
      };
    });
    const { json: custom } = synthStack(config);
    const all = allSteps(definitionOf(custom).Steps);
    const train = all.find((step) => step.Type === 'Training');
    expect(train?.Arguments).toMatchObject({
      EnableManagedSpotTraining: false,
      ResourceConfig: { InstanceType: 'ml.g5.2xlarge', InstanceCount: 2 },
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
    });
    expect(train?.Type === 'Training' && train.Arguments.CheckpointConfig).toBeFalsy();
    expect(all.find((step) => step.Type === 'Condition')?.Arguments).toMatchObject({
      Conditions: [
        {
          Type: 'LessThanOrEqualTo',
          RightValue: 3.5,
          LeftValue: { 'Std:JsonGet': { Path: 'metrics.rmse.value' } },
        },
      ],
    });
    expect(all.find((step) => step.Type === 'RegisterModel')?.Arguments).toMatchObject({
      ModelPackageGroupName: 'genai-custom-models',
    });
    expect(values(custom, 'aws_sagemaker_mlflow_tracking_server')[0].tracking_server_size).toBe(
      'Medium',
    );
  });
});

describe('buildPipelineDefinition', () => {
  const props = {
    jobRoleArn: 'arn:aws:iam::111111111111:role/r',
    kmsKeyId: ALIAS_ARN,
    subnetCount: 3,
    processingInstanceType: 'ml.m5.xlarge',
    trainingInstanceType: 'ml.m5.xlarge',
    evaluationInstanceType: 'ml.m5.large',
    trainingInstanceCount: 1,
    maxRuntimeSeconds: 3600,
    maxWaitSeconds: 7200,
    useSpotInstances: true,
    metricName: 'auc',
    metricThreshold: 0.9,
    metricComparison: 'GreaterThan' as const,
    modelPackageGroupName: 'g',
    processingImageUri: 'i:p',
    trainingImageUri: 'i:t',
    locations: {
      processedData: 's3://b/data/processed/',
      code: 's3://b/configs/training/',
      trainingOutputs: 's3://b/artifacts/training-outputs/',
      checkpoints: 's3://b/artifacts/checkpoints/',
      models: 's3://b/artifacts/models/sagemaker-finetuned/',
    },
  };

  it('produces JSON that round-trips, with one subnet parameter per zone', () => {
    const definition = buildPipelineDefinition(props);
    expect(JSON.parse(JSON.stringify(definition))).toEqual(definition);
    expect(definition.Parameters.map((parameter) => parameter.Name)).toEqual([
      'PrivateSubnet1',
      'PrivateSubnet2',
      'PrivateSubnet3',
      'WorkloadSecurityGroupId',
      'ProcessingImageUri',
      'TrainingImageUri',
    ]);
  });

  it('fails when the default subnets are not one per subnet parameter', () => {
    expect(() => buildPipelineDefinition({ ...props, defaultSubnetIds: ['subnet-1'] })).toThrow(
      'defaultSubnetIds has 1 subnets for 3 subnet parameters; give one per parameter',
    );
  });

  it('fails when spot wait is below the runtime or a location is not an s3 folder', () => {
    expect(() =>
      buildPipelineDefinition({
        ...props,
        maxWaitSeconds: 60,
        locations: { ...props.locations, code: 'configs/training' },
      }),
    ).toThrow(/locations.code[\s\S]*maxWaitSeconds \(60\) is below maxRuntimeSeconds/);
  });
});

describe('model-training app', () => {
  const example = loadPlatformConfiguration(EXAMPLE);

  it('gives no stack to a project whose profile does not include the blueprint', () => {
    expect(planStacks([platformApp], example).map((stack) => stack.name)).toEqual([
      'model-training-fraud-detection-dev',
      'model-training-fraud-detection-test',
      'model-training-fraud-detection-prod',
    ]);
  });

  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });

  it('fails when the group is not one of platform.json', () => {
    expect(() =>
      testConfiguration((fixture) => {
        (fixture.environments.dev as Record<string, unknown>).blueprints = {
          modelTraining: { modelPackageGroup: 'no-such-group' },
        };
      }),
    ).toThrow(ConfigError);
  });
});
