import { join } from 'node:path';
import { loadPlatformConfiguration, type PlatformConfiguration } from '@genai-sandbox/config';
import { planStacks } from '@genai-sandbox/core';
import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  synthesizedOnce,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { BATCH_INPUT_PREFIX, BATCH_OUTPUT_PREFIX, InferenceBatchStack, platformApp } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/4';
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const BUCKET_ARN = `arn:aws:s3:::${BUCKET}`;
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';
const PREFIX = 'genai-dev-fraud-detection-batch';
const JOBS = `arn:aws:sagemaker:eu-west-1:111111111111:transform-job/${PREFIX}-*`;
const MODEL = 'genai-dev-fraud-detection-batch-v4';

/** The fixture with inference-batch in the profile and, unless told, a dev release. */
function configuration(options: { release?: boolean; settings?: Record<string, unknown> } = {}) {
  return testConfiguration((fixture) => {
    const blueprints = fixture.platform.profiles['genai-full'].blueprints;
    if (!blueprints.includes('inference-batch')) blueprints.push('inference-batch');
    if (options.settings)
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        inferenceBatch: options.settings,
      };
    if (options.release ?? true)
      fixture.releases.dev = {
        releases: [
          {
            project: 'fraud-detection',
            blueprint: 'inference-batch',
            modelPackageGroup: 'genai-llm-finetuned',
            modelPackageArn: PACKAGE_ARN,
          },
        ],
      };
  });
}

function synthNewStack(config: PlatformConfiguration, environmentName = 'dev') {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error(`no fraud-detection in ${environmentName}`);
  const stack = new InferenceBatchStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

/** One stack per configuration and environment for the tests that read it. */
const synthStack = synthesizedOnce(synthNewStack);

type Statement = Record<string, unknown>;
function statementsOf(json: ReturnType<typeof synthesize>, prefix: string): Statement[] {
  const [, policy] =
    Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).find(([id]) =>
      id.startsWith(prefix),
    ) ?? [];
  if (!policy) throw new Error(`no policy ${prefix}`);
  return JSON.parse(String(policy.policy)).Statement as Statement[];
}
const actionsOf = (statement: Statement) => [statement.Action].flat() as string[];

function submitterSetting(json: ReturnType<typeof synthesize>) {
  const lambda = Object.values(resourcesOfType(json, 'aws_lambda_function')).find((fn) =>
    String(fn.function_name).endsWith('batch-submitter'),
  ) as { environment: { variables: Record<string, string> } };
  return JSON.parse(lambda.environment.variables.BATCH_SUBMITTER);
}

describe('InferenceBatchStack', () => {
  it('starts the submitter on objects created under inference/batch/input/ of the project bucket only', () => {
    const { json } = synthStack(configuration());
    const rules = resourcesOfType(json, 'aws_cloudwatch_event_rule');
    const [ruleId, rule] =
      Object.entries(rules).find(([, candidate]) =>
        String(candidate.event_pattern).includes('aws.s3'),
      ) ?? [];
    expect(JSON.parse(String(rule?.event_pattern))).toEqual({
      source: ['aws.s3'],
      'detail-type': ['Object Created'],
      detail: {
        bucket: { name: [BUCKET] },
        object: { key: [{ prefix: BATCH_INPUT_PREFIX }], size: [{ numeric: ['>', 0] }] },
      },
    });
    expect(BATCH_INPUT_PREFIX).toBe('inference/batch/input/');
    const target = Object.values(resourcesOfType(json, 'aws_cloudwatch_event_target')).find(
      (candidate) => candidate.rule === `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
    );
    expect(target).toMatchObject({
      arn: 'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-batch-submitter',
      retry_policy: { maximum_event_age_in_seconds: 3600, maximum_retry_attempts: 10 },
      dead_letter_config: {
        arn: expect.stringContaining('aws_sqs_queue.InputRule_DeadLetterQueue'),
      },
    });
    // The function admits this rule and the API route, nothing else.
    const permissions = Object.entries(resourcesOfType(json, 'aws_lambda_permission'))
      .filter(([id]) => id.startsWith('Submitter_'))
      .map(([, permission]) => permission);
    expect(permissions.map((permission) => [permission.principal, permission.source_arn])).toEqual([
      ['apigateway.amazonaws.com', expect.stringMatching(/\/v1\/POST\/batch$/)],
      ['events.amazonaws.com', `\${aws_cloudwatch_event_rule.${ruleId}.arn}`],
    ]);
  });

  it('configures the jobs from the settings: model, output folder, platform key, strategy and data', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          instanceType: 'ml.c5.2xlarge',
          instanceCount: 3,
          batchStrategy: 'SingleRecord',
          maxConcurrentTransforms: 8,
          data: { contentType: 'text/csv', splitType: 'Line', joinSource: 'Input' },
        },
      }),
    );
    expect(submitterSetting(json)).toEqual({
      bucket: BUCKET,
      inputPrefix: BATCH_INPUT_PREFIX,
      outputPrefix: BATCH_OUTPUT_PREFIX,
      jobNamePrefix: PREFIX,
      modelName: MODEL,
      kmsKeyId: ALIAS_ARN,
      tags: {
        platform: 'genai',
        environment: 'dev',
        project: 'fraud-detection',
        blueprint: 'inference-batch',
      },
      transform: expect.objectContaining({
        instanceType: 'ml.c5.2xlarge',
        instanceCount: 3,
        batchStrategy: 'SingleRecord',
        maxPayloadMb: 6,
        maxConcurrentTransforms: 8,
        contentType: 'text/csv',
        splitType: 'Line',
        joinSource: 'Input',
      }),
    });
    expect(BATCH_OUTPUT_PREFIX).toBe('inference/batch/output/');
  });

  it('lets the submitter create only its jobs, of the released model and instance type, with the platform key', () => {
    const { json } = synthStack(configuration());
    const sagemaker = statementsOf(json, 'Submitter_').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('sagemaker:')),
    );
    expect(sagemaker).toEqual([
      {
        Sid: 'CreateOwnTransformJobsWithPlatformKey',
        Effect: 'Allow',
        Action: ['sagemaker:CreateTransformJob'],
        Resource: JOBS,
        Condition: {
          ArnEquals: {
            'sagemaker:ModelArn': `arn:aws:sagemaker:eu-west-1:111111111111:model/${MODEL}`,
            'sagemaker:VolumeKmsKeyArn': ALIAS_ARN,
            'sagemaker:OutputKmsKeyArn': ALIAS_ARN,
          },
          'ForAllValues:StringEquals': { 'sagemaker:InstanceTypes': ['ml.m5.xlarge'] },
          Null: { 'sagemaker:InstanceTypes': 'false' },
        },
      },
      {
        Sid: 'TagOwnTransformJobsOnCreation',
        Effect: 'Allow',
        Action: ['sagemaker:AddTags'],
        Resource: JOBS,
        Condition: { StringEquals: { 'sagemaker:TaggingAction': 'CreateTransformJob' } },
      },
      {
        Sid: 'DescribeOwnTransformJobs',
        Effect: 'Allow',
        Action: ['sagemaker:DescribeTransformJob'],
        Resource: JOBS,
      },
    ]);
    // No S3 access: SageMaker reads and writes the data as the batch role.
    expect(
      statementsOf(json, 'Submitter_').filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('s3:')),
      ),
    ).toEqual([]);
  });

  it('gives the batch role read on the input folder and write on the output folder, and no other data', () => {
    const { json } = synthStack(configuration());
    const s3 = statementsOf(json, 'BatchRole').filter((statement) =>
      actionsOf(statement).some((action) => action.startsWith('s3:')),
    );
    const objectResources = s3
      .filter((statement) => String(statement.Resource).includes('/'))
      .map((statement) => [statement.Resource, actionsOf(statement)]);
    expect(objectResources).toEqual([
      // The model artifacts of the release (inferenceExecutionRole).
      [`${BUCKET_ARN}/artifacts/models/sagemaker-finetuned/*`, expect.any(Array)],
      [`${BUCKET_ARN}/artifacts/models/sagemaker-custom/*`, expect.any(Array)],
      [
        `${BUCKET_ARN}/inference/batch/input/*`,
        ['s3:GetObject', 's3:GetObjectVersion', 's3:GetObjectTagging'],
      ],
      [`${BUCKET_ARN}/inference/batch/output/*`, ['s3:PutObject', 's3:AbortMultipartUpload']],
    ]);
    expect(onlyResourceOfType(json, 'aws_sagemaker_model')).toMatchObject({
      name: MODEL,
      primary_container: { model_package_name: PACKAGE_ARN },
      enable_network_isolation: true,
      vpc_config: {
        subnets: '${var.private_subnet_ids}',
        security_group_ids: ['${var.workload_security_group_id}'],
      },
      execution_role_arn: expect.stringMatching(/aws_iam_role\.BatchRole.*\.arn/),
    });
  });

  it('notifies the alarm topic when a job of the project fails', () => {
    const { json } = synthStack(configuration());
    const failed = Object.values(resourcesOfType(json, 'aws_cloudwatch_event_rule')).find((rule) =>
      String(rule.event_pattern).includes('Transform Job'),
    );
    expect(JSON.parse(String(failed?.event_pattern))).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Transform Job State Change'],
      detail: { TransformJobStatus: ['Failed'], TransformJobName: [{ prefix: `${PREFIX}-` }] },
    });
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_event_target'))).toContainEqual(
      expect.objectContaining({ arn: 'arn:aws:sns:eu-west-1:111111111111:genai-dev-alarms' }),
    );
  });

  it('records every state change of the project jobs as the dashboard metrics, listing jobs only', () => {
    const { json } = synthStack(configuration());
    const [ruleId, rule] =
      Object.entries(resourcesOfType(json, 'aws_cloudwatch_event_rule')).find(([id]) =>
        id.startsWith('JobEvents_'),
      ) ?? [];
    expect(JSON.parse(String(rule?.event_pattern))).toEqual({
      source: ['aws.sagemaker'],
      'detail-type': ['SageMaker Transform Job State Change'],
      detail: { TransformJobName: [{ prefix: `${PREFIX}-` }] },
    });
    const target = Object.values(resourcesOfType(json, 'aws_cloudwatch_event_target')).find(
      (candidate) => candidate.rule === `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
    );
    expect(target).toMatchObject({
      arn: 'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-batch-job-events',
      dead_letter_config: { arn: expect.any(String) },
    });
    const functions = resourcesOfType(json, 'aws_lambda_function') as Record<
      string,
      { function_name: string; environment: { variables: Record<string, string> } }
    >;
    const events = Object.values(functions).find((fn) =>
      fn.function_name.endsWith('batch-job-events'),
    );
    expect(JSON.parse(String(events?.environment.variables.BATCH_JOB_EVENTS))).toEqual({
      project: 'fraud-detection',
      jobNamePrefix: PREFIX,
      namespace: 'GenAISandbox/BatchInference',
    });
    expect(
      statementsOf(json, 'JobEvents_').filter((statement) =>
        actionsOf(statement).some((action) => action.startsWith('sagemaker:')),
      ),
    ).toEqual([
      {
        Sid: 'CountRunningTransformJobs',
        Effect: 'Allow',
        Action: ['sagemaker:ListTransformJobs'],
        Resource: '*',
      },
    ]);
  });

  it('crawls inference/batch/output/ into its own database with the KMS security configuration', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_glue_crawler')).toMatchObject({
      name: 'genai-dev-fraud-detection-batch-results',
      s3_target: [{ path: `s3://${BUCKET}/inference/batch/output/` }],
      schedule: 'cron(0 * * * ? *)',
      security_configuration: expect.stringContaining('aws_glue_security_configuration.'),
    });
    expect(onlyResourceOfType(json, 'aws_glue_catalog_database')).toMatchObject({
      name: 'genai_dev_fraud_detection_batch_results',
      location_uri: `s3://${BUCKET}/inference/batch/output/`,
    });
    const reads = statementsOf(json, 'Results_').filter((statement) =>
      actionsOf(statement).includes('s3:GetObject'),
    );
    expect(reads.map((statement) => statement.Resource)).toEqual([
      `${BUCKET_ARN}/inference/batch/output/*`,
    ]);
  });

  it('submits on a schedule when configured, with retries, a dead-letter queue and the platform key', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          schedule: { expression: 'rate(1 day)', inputPrefix: 'inference/batch/input/daily/' },
        },
      }),
    );
    const schedule = onlyResourceOfType(json, 'aws_scheduler_schedule') as {
      target: Record<string, unknown>;
    };
    expect(schedule).toMatchObject({
      schedule_expression: 'rate(1 day)',
      kms_key_arn: '${var.platform_key_arn}',
      target: {
        arn: 'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-batch-submitter',
        retry_policy: { maximum_retry_attempts: 3, maximum_event_age_in_seconds: 3600 },
        dead_letter_config: {
          arn: expect.stringContaining('aws_sqs_queue.Schedule_DeadLetterQueue'),
        },
      },
    });
    expect(JSON.parse(String(schedule.target.input))).toEqual({
      trigger: 'schedule',
      inputPrefix: 'inference/batch/input/daily/',
      scheduledTime: '<aws.scheduler.scheduled-time>',
    });
    expect(statementsOf(json, 'Schedule_')).toContainEqual(
      expect.objectContaining({
        Action: ['lambda:InvokeFunction'],
        Resource: [
          'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-batch-submitter',
          'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-fraud-detection-batch-submitter:*',
        ],
      }),
    );
    expect(resourcesOfType(synthStack(configuration()).json, 'aws_scheduler_schedule')).toEqual({});
  });

  it('routes /batch to the submitter', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_api_gateway_resource')).toMatchObject({
      path_part: 'batch',
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_integration')).toMatchObject({
      type: 'AWS_PROXY',
      uri: expect.stringContaining('aws_lambda_function.Submitter_Function'),
    });
  });

  it('leaves out the model, batch role and triggers without a release, and says so once', () => {
    const { json, stack } = synthStack(configuration({ release: false }));
    for (const type of ['aws_sagemaker_model', 'aws_scheduler_schedule'])
      expect({ type, resources: resourcesOfType(json, type) }).toEqual({ type, resources: {} });
    expect(submitterSetting(json).modelName).toBeUndefined();
    expect(
      statementsOf(json, 'Submitter_').filter((statement) =>
        actionsOf(statement).includes('sagemaker:CreateTransformJob'),
      ),
    ).toEqual([]);
    // No input rule invokes a function that can start nothing.
    expect(Object.keys(resourcesOfType(json, 'aws_cloudwatch_event_rule')).sort()).toEqual([
      expect.stringMatching(/^FailedJobs_/),
      expect.stringMatching(/^JobEvents_/),
    ]);
    expect(onlyResourceOfType(json, 'aws_glue_crawler')).toBeDefined();
    expect(
      stack.node.metadata.filter((entry) =>
        String(entry.data).includes('waits for a first release'),
      ),
    ).toHaveLength(1);
  });

  it('is planned for every project whose profile includes it', () => {
    const names = planStacks([platformApp], loadPlatformConfiguration(EXAMPLE)).map(
      (planned) => planned.name,
    );
    expect(names).toEqual([
      'inference-batch-fraud-detection-dev',
      'inference-batch-fraud-detection-test',
      'inference-batch-fraud-detection-prod',
    ]);
  });

  const example = loadPlatformConfiguration(EXAMPLE);
  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });
});
