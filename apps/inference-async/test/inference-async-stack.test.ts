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
import { InferenceAsyncStack, platformApp } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/7';
const PREFIX = 'genai-dev-fraud-detection';
const ENDPOINT = `${PREFIX}-async`;
const BUCKET = `${PREFIX}-ml-111111111111`;
const ACCOUNT = '111111111111';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';
const WEBHOOK = 'https://hooks.example.com/inference';
const TOPIC = (kind: string) => `arn:aws:sns:eu-west-1:${ACCOUNT}:${ENDPOINT}-${kind}`;

/** The fixture with a dev release of inference-async and a webhook unless told otherwise. */
function configuration(
  options: { release?: boolean; settings?: Record<string, unknown>; webhook?: boolean } = {},
) {
  return testConfiguration((fixture) => {
    const profiles = fixture.platform.profiles as Record<string, { blueprints: string[] }>;
    profiles['genai-full'].blueprints.push('inference-async');
    (fixture.environments.dev as Record<string, unknown>).blueprints = {
      inferenceAsync: {
        ...(options.webhook === false ? {} : { callback: { webhookUrl: WEBHOOK } }),
        ...options.settings,
      },
    };
    if (options.release ?? true)
      fixture.releases.dev = {
        releases: [
          {
            project: 'fraud-detection',
            blueprint: 'inference-async',
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
  const stack = new InferenceAsyncStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

/** One stack per configuration and environment for the tests that read it. */
const synthStack = synthesizedOnce(synthNewStack);

type Statement = Record<string, unknown>;
type Json = ReturnType<typeof synthesize>;
function statementsOf(json: Json, prefix: string): Statement[] {
  const [, policy] =
    Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).find(([id]) =>
      id.startsWith(prefix),
    ) ?? [];
  if (!policy) throw new Error(`no policy ${prefix}`);
  return JSON.parse(String(policy.policy)).Statement as Statement[];
}
const variablesOf = (fn: Record<string, unknown> | undefined) =>
  (fn?.environment as { variables?: Record<string, string> } | undefined)?.variables ?? {};
const actionsOf = (statements: Statement[], service: string) =>
  statements.filter((statement) => JSON.stringify(statement.Action).includes(`"${service}:`));

describe('InferenceAsyncStack', () => {
  it('configures the endpoint for asynchronous inference: output and failure paths, the key, concurrency, both topics', () => {
    const { json } = synthStack(
      configuration({ settings: { maxConcurrentInvocationsPerInstance: 8 } }),
    );
    const config = onlyResourceOfType(json, 'aws_sagemaker_endpoint_configuration');
    expect(config).toMatchObject({
      name_prefix: `${ENDPOINT}-`,
      kms_key_arn: ALIAS_ARN,
      lifecycle: { create_before_destroy: true },
      production_variants: [
        { variant_name: 'AllTraffic', instance_type: 'ml.m5.large', initial_instance_count: 1 },
      ],
      async_inference_config: {
        client_config: { max_concurrent_invocations_per_instance: 8 },
        output_config: {
          s3_output_path: `s3://${BUCKET}/inference/async/output/`,
          s3_failure_path: `s3://${BUCKET}/inference/async/failures/`,
          kms_key_id: ALIAS_ARN,
          notification_config: {
            success_topic: expect.stringMatching(/^\$\{aws_sns_topic\.Topics_Success_.*\.arn\}$/),
            error_topic: expect.stringMatching(/^\$\{aws_sns_topic\.Topics_Error_.*\.arn\}$/),
          },
        },
      },
    });
    expect(onlyResourceOfType(json, 'aws_sagemaker_model')).toMatchObject({
      name: `${ENDPOINT}-v7`,
      primary_container: { model_package_name: PACKAGE_ARN },
      enable_network_isolation: true,
    });
  });

  it('encrypts both topics with the platform key and lets only the endpoint role publish', () => {
    const { json, stack } = synthStack(configuration());
    const topics = Object.values(resourcesOfType(json, 'aws_sns_topic'));
    expect(topics.map((topic) => topic.name).sort()).toEqual([
      `${ENDPOINT}-error`,
      `${ENDPOINT}-success`,
    ]);
    for (const topic of topics) expect(topic.kms_master_key_id).toBe('${var.platform_key_arn}');
    expect(stack.executionRole).toBeDefined();
    const roleArn = expect.stringMatching(/^\$\{aws_iam_role\.ExecutionRole_\w+\.arn\}$/);
    const policies = Object.values(resourcesOfType(json, 'aws_sns_topic_policy')).map(
      (policy) => JSON.parse(String(policy.policy)).Statement,
    );
    expect(policies).toHaveLength(2);
    for (const kind of ['success', 'error']) {
      const statements = policies.find((candidate) => candidate[0].Resource === TOPIC(kind));
      expect(statements).toEqual([
        {
          Sid: 'EndpointRolePublishes',
          Effect: 'Allow',
          Principal: { AWS: roleArn },
          Action: 'sns:Publish',
          Resource: TOPIC(kind),
        },
        {
          Sid: 'NoOtherPrincipalPublishes',
          Effect: 'Deny',
          Principal: '*',
          Action: 'sns:Publish',
          Resource: TOPIC(kind),
          Condition: { ArnNotEquals: { 'aws:PrincipalArn': roleArn } },
        },
      ]);
    }
  });

  it('gives the async role the base execution role, its two topics and its prefixes only', () => {
    const statements = statementsOf(synthStack(configuration()).json, 'ExecutionRole');
    expect(actionsOf(statements, 'sns')).toEqual([
      {
        Sid: 'PublishNotifications',
        Effect: 'Allow',
        Action: ['sns:Publish'],
        Resource: [TOPIC('success'), TOPIC('error')],
      },
    ]);
    const objectStatements = actionsOf(statements, 's3').filter((statement) =>
      String(statement.Resource).includes(`${BUCKET}/`),
    );
    expect(objectStatements.map((statement) => [statement.Action, statement.Resource])).toEqual([
      [
        expect.arrayContaining(['s3:GetObject']),
        `arn:aws:s3:::${BUCKET}/artifacts/models/sagemaker-finetuned/*`,
      ],
      [
        expect.arrayContaining(['s3:GetObject']),
        `arn:aws:s3:::${BUCKET}/artifacts/models/sagemaker-custom/*`,
      ],
      [
        ['s3:PutObject', 's3:AbortMultipartUpload'],
        [
          `arn:aws:s3:::${BUCKET}/inference/async/output/*`,
          `arn:aws:s3:::${BUCKET}/inference/async/failures/*`,
        ],
      ],
      [
        expect.not.arrayContaining(['s3:PutObject']),
        `arn:aws:s3:::${BUCKET}/inference/async/input/*`,
      ],
    ]);
    // The key for SNS and S3 through IAM: the base execution statement.
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'BasePlatformKey',
        Action: expect.arrayContaining(['kms:GenerateDataKey', 'kms:Decrypt']),
      }),
    );
  });

  it('scales on the backlog per instance down to zero, and out from zero on HasBacklogWithoutCapacity', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_appautoscaling_target')).toMatchObject({
      resource_id: `endpoint/${ENDPOINT}/variant/AllTraffic`,
      scalable_dimension: 'sagemaker:variant:DesiredInstanceCount',
      min_capacity: 0,
      max_capacity: 2,
    });
    const policies = Object.entries(resourcesOfType(json, 'aws_appautoscaling_policy'));
    const byType = Object.fromEntries(
      policies.map(([id, policy]) => [policy.policy_type, { id, policy }]),
    );
    expect(byType.TargetTrackingScaling.policy).toMatchObject({
      target_tracking_scaling_policy_configuration: {
        target_value: 5,
        customized_metric_specification: {
          metric_name: 'ApproximateBacklogSizePerInstance',
          namespace: 'AWS/SageMaker',
          dimensions: [{ name: 'EndpointName', value: ENDPOINT }],
          statistic: 'Average',
        },
      },
    });
    expect(byType.StepScaling.policy).toMatchObject({
      step_scaling_policy_configuration: {
        adjustment_type: 'ChangeInCapacity',
        metric_aggregation_type: 'Average',
        cooldown: 300,
        step_adjustment: [{ metric_interval_lower_bound: '0', scaling_adjustment: 1 }],
      },
    });
    const trigger = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm')).find(
      (alarm) => alarm.metric_name === 'HasBacklogWithoutCapacity',
    );
    expect(trigger).toMatchObject({
      namespace: 'AWS/SageMaker',
      dimensions: { EndpointName: ENDPOINT },
      statistic: 'Average',
      period: 60,
      evaluation_periods: 2,
      threshold: 1,
      comparison_operator: 'GreaterThanOrEqualToThreshold',
      alarm_actions: [`\${aws_appautoscaling_policy.${byType.StepScaling.id}.arn}`],
    });
  });

  it('keeps instances warm on a schedule when configured', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          autoScaling: { maxCapacity: 4 },
          warmCapacity: {
            start: 'cron(0 7 ? * MON-FRI *)',
            stop: 'cron(0 19 ? * MON-FRI *)',
            instances: 2,
            timezone: 'Europe/Berlin',
          },
        },
      }),
    );
    expect(Object.values(resourcesOfType(json, 'aws_appautoscaling_scheduled_action'))).toEqual([
      expect.objectContaining({
        schedule: 'cron(0 7 ? * MON-FRI *)',
        timezone: 'Europe/Berlin',
        scalable_target_action: { min_capacity: '2', max_capacity: '4' },
      }),
      expect.objectContaining({
        schedule: 'cron(0 19 ? * MON-FRI *)',
        scalable_target_action: { min_capacity: '0', max_capacity: '4' },
      }),
    ]);
  });

  it('rolls out blue/green with the real-time rollout settings and rolls back on model errors', () => {
    const { json } = synthStack(
      configuration({ settings: { rollout: { strategy: 'linear', stepPercent: 25 } } }),
    );
    const endpoint = onlyResourceOfType(json, 'aws_sagemaker_endpoint');
    expect(endpoint).toMatchObject({
      name: ENDPOINT,
      deployment_config: {
        blue_green_update_policy: {
          traffic_routing_configuration: {
            type: 'LINEAR',
            linear_step_size: { type: 'CAPACITY_PERCENT', value: 25 },
          },
        },
        auto_rollback_configuration: { alarms: [{ alarm_name: `${ENDPOINT}-model-errors` }] },
      },
    });
    expect(endpoint.depends_on).toEqual([
      expect.stringMatching(/^aws_cloudwatch_metric_alarm\.FailureAlarm_/),
    ]);
  });

  it('alarms when the queue is too deep', () => {
    const alarms = Object.values(
      resourcesOfType(synthStack(configuration()).json, 'aws_cloudwatch_metric_alarm'),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        alarm_name: `${ENDPOINT}-backlog`,
        metric_name: 'ApproximateBacklogSizePerInstance',
        threshold: 100,
        treat_missing_data: 'notBreaching',
      }),
    );
  });

  it('routes /async to a submitter that may only store under inference/async/input/ and queue on this endpoint', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_api_gateway_resource')).toMatchObject({
      path_part: 'async',
    });
    const statements = statementsOf(json, 'Submitter_');
    expect([...actionsOf(statements, 's3'), ...actionsOf(statements, 'sagemaker')]).toEqual([
      {
        Sid: 'StoreRequestsUnderAsyncInput',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: `arn:aws:s3:::${BUCKET}/inference/async/input/*`,
      },
      {
        Sid: 'QueueOnTheAsyncEndpoint',
        Effect: 'Allow',
        Action: ['sagemaker:InvokeEndpointAsync'],
        Resource: `arn:aws:sagemaker:eu-west-1:${ACCOUNT}:endpoint/${ENDPOINT}`,
      },
    ]);
    const fn = Object.values(resourcesOfType(json, 'aws_lambda_function')).find(
      (candidate) => candidate.function_name === `${PREFIX}-async-submitter`,
    );
    expect(JSON.parse(String(variablesOf(fn).ASYNC_SUBMITTER_SETTING))).toEqual({
      endpointName: ENDPOINT,
      bucket: BUCKET,
      inputPrefix: 'inference/async/input/',
      bucketOwner: ACCOUNT,
      kmsKeyId: ALIAS_ARN,
    });
  });

  it('delivers results through a callback subscribed to both topics, with retries, a dead-letter queue and a secret without a value', () => {
    const { json } = synthStack(
      configuration({ settings: { callback: { webhookUrl: WEBHOOK, maximumRetryAttempts: 1 } } }),
    );
    const subscriptions = Object.values(resourcesOfType(json, 'aws_sns_topic_subscription'));
    expect(subscriptions.map((subscription) => subscription.protocol)).toEqual([
      'lambda',
      'lambda',
    ]);
    expect(subscriptions.map((subscription) => subscription.topic_arn).sort()).toEqual([
      expect.stringContaining('aws_sns_topic.Topics_Error'),
      expect.stringContaining('aws_sns_topic.Topics_Success'),
    ]);
    const permissions = Object.values(resourcesOfType(json, 'aws_lambda_permission')).filter(
      (permission) => permission.principal === 'sns.amazonaws.com',
    );
    expect(permissions.map((permission) => permission.source_arn).sort()).toEqual([
      TOPIC('error'),
      TOPIC('success'),
    ]);
    expect(onlyResourceOfType(json, 'aws_lambda_function_event_invoke_config')).toMatchObject({
      maximum_retry_attempts: 1,
      maximum_event_age_in_seconds: 3600,
    });
    const callback = Object.values(resourcesOfType(json, 'aws_lambda_function')).find(
      (candidate) => candidate.function_name === `${PREFIX}-async-callback`,
    );
    expect(callback?.dead_letter_config).toEqual({
      target_arn: expect.stringContaining('aws_sqs_queue.Callback_Function_DeadLetterQueue'),
    });
    expect(Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))).toContainEqual(
      expect.objectContaining({ alarm_name: `${PREFIX}-async-callback-dlq-not-empty` }),
    );
    // The secret exists without a value: nothing of it reaches the state.
    expect(onlyResourceOfType(json, 'aws_secretsmanager_secret')).toMatchObject({
      name: `${ENDPOINT}/webhook-signing`,
      kms_key_id: '${var.platform_key_arn}',
    });
    expect(resourcesOfType(json, 'aws_secretsmanager_secret_version')).toEqual({});
    const statements = statementsOf(json, 'Callback_');
    expect(actionsOf(statements, 's3')).toEqual([
      {
        Sid: 'ReadResultsAndFailures',
        Effect: 'Allow',
        Action: ['s3:GetObject'],
        Resource: [
          `arn:aws:s3:::${BUCKET}/inference/async/output/*`,
          `arn:aws:s3:::${BUCKET}/inference/async/failures/*`,
        ],
      },
    ]);
    expect(JSON.parse(String(variablesOf(callback).ASYNC_CALLBACK_SETTING))).toMatchObject({
      webhookUrl: WEBHOOK,
      resultPrefixes: ['inference/async/output/', 'inference/async/failures/'],
    });
  });

  it('deploys no callback without a webhook', () => {
    const { json } = synthStack(configuration({ webhook: false }));
    expect(resourcesOfType(json, 'aws_sns_topic_subscription')).toEqual({});
    expect(resourcesOfType(json, 'aws_secretsmanager_secret')).toEqual({});
    expect(Object.keys(resourcesOfType(json, 'aws_sns_topic'))).toHaveLength(2);
  });

  it('leaves out the model, endpoint, topics, scaling and callback without a release, and says so once', () => {
    const { json, stack } = synthStack(configuration({ release: false }));
    for (const type of [
      'aws_sagemaker_model',
      'aws_sagemaker_endpoint_configuration',
      'aws_sagemaker_endpoint',
      'aws_sns_topic',
      'aws_appautoscaling_target',
      'aws_lambda_function_event_invoke_config',
    ])
      expect({ type, resources: resourcesOfType(json, type) }).toEqual({ type, resources: {} });
    expect(onlyResourceOfType(json, 'aws_api_gateway_rest_api')).toBeDefined();
    expect(
      Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))
        .map((alarm) => alarm.alarm_name)
        .sort(),
    ).toEqual([
      `${ENDPOINT}-backlog`,
      `${ENDPOINT}-model-errors`,
      `${PREFIX}-async-submitter-errors`,
      `${PREFIX}-async-submitter-throttles`,
    ]);
    expect(
      stack.node.metadata.filter((entry) =>
        String(entry.data).includes('waits for a first release'),
      ),
    ).toHaveLength(1);
  });

  it('is planned for every project whose profile includes it, and only those', () => {
    const names = planStacks([platformApp], loadPlatformConfiguration(EXAMPLE)).map(
      (planned) => planned.name,
    );
    expect(names).toEqual(expect.arrayContaining(['inference-async-fraud-detection-dev']));
    expect(names.filter((name) => name.includes('support-assistant'))).toEqual([]);
  });

  const example = loadPlatformConfiguration(EXAMPLE);
  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });
});
