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
import { Lazy, Testing } from 'cdktf';
import { DATA_CAPTURE_PREFIX, InferenceRealtimeStack, platformApp } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/7';
const ENDPOINT = 'genai-dev-fraud-detection-realtime';
const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';

/** The fixture with a dev release of inference-realtime unless told otherwise. */
function configuration(options: { release?: boolean; settings?: Record<string, unknown> } = {}) {
  return testConfiguration((fixture) => {
    if (options.settings)
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        inferenceRealtime: options.settings,
      };
    if (options.release ?? true)
      fixture.releases.dev = {
        releases: [
          {
            project: 'fraud-detection',
            blueprint: 'inference-realtime',
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
  const stack = new InferenceRealtimeStack(Testing.app(), { config, environment, project });
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

describe('InferenceRealtimeStack', () => {
  it('serves the model package the release manifest pins, in the VPC with network isolation', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_sagemaker_model')).toMatchObject({
      name: 'genai-dev-fraud-detection-realtime-v7',
      primary_container: { model_package_name: PACKAGE_ARN },
      enable_network_isolation: true,
      vpc_config: {
        subnets: '${var.private_subnet_ids}',
        security_group_ids: ['${var.workload_security_group_id}'],
      },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('captures requests and responses to inference/realtime/logs/ with the platform key', () => {
    const { json } = synthStack(configuration({ settings: { dataCaptureSamplingPercent: 50 } }));
    const config = onlyResourceOfType(json, 'aws_sagemaker_endpoint_configuration');
    expect(config).toMatchObject({
      name_prefix: `${ENDPOINT}-`,
      kms_key_arn: ALIAS_ARN,
      lifecycle: { create_before_destroy: true },
      data_capture_config: {
        enable_capture: true,
        initial_sampling_percentage: 50,
        destination_s3_uri: `s3://${BUCKET}/${DATA_CAPTURE_PREFIX}`,
        kms_key_id: ALIAS_ARN,
        capture_options: [{ capture_mode: 'Input' }, { capture_mode: 'Output' }],
      },
      production_variants: [
        { variant_name: 'AllTraffic', instance_type: 'ml.m5.large', initial_instance_count: 1 },
      ],
    });
    expect(DATA_CAPTURE_PREFIX).toBe('inference/realtime/logs/');
    // The execution role may write there, and nowhere else in the bucket.
    const writes = statementsOf(json, 'ExecutionRole').filter((statement) =>
      [statement.Action].flat().includes('s3:PutObject'),
    );
    expect(writes).toEqual([
      {
        Sid: 'WriteDataCapture',
        Effect: 'Allow',
        Action: ['s3:PutObject'],
        Resource: `arn:aws:s3:::${BUCKET}/${DATA_CAPTURE_PREFIX}*`,
      },
    ]);
  });

  it('rolls out blue/green by canary and rolls back on the error-rate and p99 latency alarms', () => {
    const { json } = synthStack(configuration());
    const endpoint = onlyResourceOfType(json, 'aws_sagemaker_endpoint');
    expect(endpoint).toMatchObject({
      name: ENDPOINT,
      deployment_config: {
        blue_green_update_policy: {
          traffic_routing_configuration: {
            type: 'CANARY',
            canary_size: { type: 'CAPACITY_PERCENT', value: 10 },
            wait_interval_in_seconds: 600,
          },
          termination_wait_in_seconds: 300,
          maximum_execution_timeout_in_seconds: 3600,
        },
        auto_rollback_configuration: {
          alarms: [
            { alarm_name: `${ENDPOINT}-error-rate` },
            { alarm_name: `${ENDPOINT}-latency-p99` },
          ],
        },
      },
    });
    const alarms = resourcesOfType(json, 'aws_cloudwatch_metric_alarm');
    const byName = Object.fromEntries(
      Object.entries(alarms).map(([id, alarm]) => [alarm.alarm_name, { id, alarm }]),
    );
    // The rollback alarms are in this stack, so in the endpoint's account, and exist first.
    expect(byName[`${ENDPOINT}-error-rate`].alarm).toMatchObject({
      threshold: 5,
      comparison_operator: 'GreaterThanThreshold',
    });
    expect(byName[`${ENDPOINT}-latency-p99`].alarm).toMatchObject({
      threshold: 2_000_000,
      extended_statistic: 'p99',
    });
    expect(endpoint.depends_on).toEqual([
      `aws_cloudwatch_metric_alarm.${byName[`${ENDPOINT}-error-rate`].id}`,
      `aws_cloudwatch_metric_alarm.${byName[`${ENDPOINT}-latency-p99`].id}`,
    ]);
  });

  it('shifts traffic linearly when configured', () => {
    const { json } = synthStack(
      configuration({ settings: { rollout: { strategy: 'linear', stepPercent: 25 } } }),
    );
    expect(onlyResourceOfType(json, 'aws_sagemaker_endpoint')).toMatchObject({
      deployment_config: {
        blue_green_update_policy: {
          traffic_routing_configuration: {
            type: 'LINEAR',
            linear_step_size: { type: 'CAPACITY_PERCENT', value: 25 },
          },
        },
      },
    });
  });

  it('scales the variant on invocations per instance within the configured bounds', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          initialInstanceCount: 2,
          autoScaling: { minCapacity: 2, maxCapacity: 6, scaleInCooldownSeconds: 900 },
        },
      }),
    );
    expect(onlyResourceOfType(json, 'aws_appautoscaling_target')).toMatchObject({
      service_namespace: 'sagemaker',
      resource_id: `endpoint/${ENDPOINT}/variant/AllTraffic`,
      scalable_dimension: 'sagemaker:variant:DesiredInstanceCount',
      min_capacity: 2,
      max_capacity: 6,
    });
    expect(onlyResourceOfType(json, 'aws_appautoscaling_policy')).toMatchObject({
      policy_type: 'TargetTrackingScaling',
      target_tracking_scaling_policy_configuration: {
        target_value: 100,
        scale_in_cooldown: 900,
        scale_out_cooldown: 60,
        predefined_metric_specification: {
          predefined_metric_type: 'SageMakerVariantInvocationsPerInstance',
        },
      },
    });
    expect(resourcesOfType(json, 'aws_appautoscaling_scheduled_action')).toEqual({});
  });

  it('scales down on a schedule when configured, and back up to the bounds', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          autoScaling: { minCapacity: 2, maxCapacity: 4 },
          initialInstanceCount: 2,
          scheduledScaling: {
            scaleDown: 'cron(0 20 ? * MON-FRI *)',
            scaleUp: 'cron(0 7 ? * MON-FRI *)',
            timezone: 'Europe/Berlin',
          },
        },
      }),
    );
    const actions = Object.values(resourcesOfType(json, 'aws_appautoscaling_scheduled_action'));
    expect(actions).toEqual([
      expect.objectContaining({
        schedule: 'cron(0 20 ? * MON-FRI *)',
        timezone: 'Europe/Berlin',
        scalable_target_action: { min_capacity: '1', max_capacity: '1' },
      }),
      expect.objectContaining({
        schedule: 'cron(0 7 ? * MON-FRI *)',
        scalable_target_action: { min_capacity: '2', max_capacity: '4' },
      }),
    ]);
  });

  it('alarms when the endpoint is idle', () => {
    const alarms = Object.values(
      resourcesOfType(synthStack(configuration()).json, 'aws_cloudwatch_metric_alarm'),
    );
    expect(alarms).toContainEqual(
      expect.objectContaining({
        alarm_name: `${ENDPOINT}-idle`,
        metric_name: 'Invocations',
        treat_missing_data: 'breaching',
      }),
    );
  });

  it('routes /realtime through a router that may invoke only this endpoint', () => {
    const { json } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_api_gateway_resource')).toMatchObject({
      path_part: 'realtime',
    });
    const invoke = statementsOf(json, 'Router_').filter((statement) =>
      JSON.stringify(statement.Action).includes('sagemaker:'),
    );
    expect(invoke).toEqual([
      expect.objectContaining({
        Action: ['sagemaker:InvokeEndpoint'],
        Resource: [`arn:aws:sagemaker:eu-west-1:111111111111:endpoint/${ENDPOINT}`],
      }),
    ]);
  });

  it('leaves out the model, endpoint, scaling and idle alarm without a release, and says so once', () => {
    const { json, stack } = synthStack(configuration({ release: false }));
    for (const type of [
      'aws_sagemaker_model',
      'aws_sagemaker_endpoint_configuration',
      'aws_sagemaker_endpoint',
      'aws_appautoscaling_target',
      'aws_appautoscaling_policy',
    ])
      expect({ type, resources: resourcesOfType(json, type) }).toEqual({ type, resources: {} });
    expect(onlyResourceOfType(json, 'aws_api_gateway_rest_api')).toBeDefined();
    // The rollback alarms stay (they watch the endpoint the first release creates); a missing
    // endpoint is not idle.
    expect(
      Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))
        .map((alarm) => alarm.alarm_name)
        .sort(),
    ).toEqual([
      `${ENDPOINT}-error-rate`,
      `${ENDPOINT}-latency-p99`,
      `${ENDPOINT}-router-errors`,
      `${ENDPOINT}-router-throttles`,
    ]);
    expect(
      stack.node.metadata.filter((entry) =>
        String(entry.data).includes('waits for a first release'),
      ),
    ).toHaveLength(1);
  });

  it('is planned for every project whose profile includes it, the inference-only project too', () => {
    expect(
      planStacks([platformApp], loadPlatformConfiguration(EXAMPLE)).map((planned) => planned.name),
    ).toEqual(
      expect.arrayContaining([
        'inference-realtime-fraud-detection-dev',
        'inference-realtime-support-assistant-dev',
      ]),
    );
  });

  const example = loadPlatformConfiguration(EXAMPLE);
  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });
});

describe('InferenceRealtimeStack Model Monitor', () => {
  const MONITOR = { features: ['amount', 'merchant_category'] };
  const monitored = () => synthStack(configuration({ settings: { modelMonitor: MONITOR } })).json;

  it('defines a data-quality job against the baseline under the project bucket, in the VPC with the platform key', () => {
    const definition = onlyResourceOfType(monitored(), 'aws_sagemaker_data_quality_job_definition');
    expect(definition).toMatchObject({
      name: expect.stringMatching(/^genai-dev-fraud-detection-realtime-dq-[0-9a-f]{8}$/),
      data_quality_app_specification: {
        image_uri: '468650794304.dkr.ecr.eu-west-1.amazonaws.com/sagemaker-model-monitor-analyzer',
        environment: { publish_cloudwatch_metrics: 'Enabled' },
      },
      data_quality_baseline_config: {
        constraints_resource: {
          s3_uri: `s3://${BUCKET}/inference/realtime/monitoring/baseline/constraints.json`,
        },
        statistics_resource: {
          s3_uri: `s3://${BUCKET}/inference/realtime/monitoring/baseline/statistics.json`,
        },
      },
      data_quality_job_input: { endpoint_input: { endpoint_name: ENDPOINT } },
      data_quality_job_output_config: {
        kms_key_id: ALIAS_ARN,
        monitoring_outputs: {
          s3_output: { s3_uri: `s3://${BUCKET}/inference/realtime/monitoring/reports/` },
        },
      },
      job_resources: {
        cluster_config: {
          instance_type: 'ml.m5.xlarge',
          instance_count: 1,
          volume_kms_key_id: ALIAS_ARN,
        },
      },
      network_config: {
        enable_network_isolation: true,
        enable_inter_container_traffic_encryption: true,
        vpc_config: {
          subnets: '${var.private_subnet_ids}',
          security_group_ids: ['${var.workload_security_group_id}'],
        },
      },
      stopping_condition: { max_runtime_in_seconds: 1800 },
      lifecycle: { create_before_destroy: true },
    });
  });

  it('schedules it hourly and alarms on the drift of the configured features', () => {
    const json = monitored();
    const schedule = onlyResourceOfType(json, 'aws_sagemaker_monitoring_schedule');
    expect(schedule).toMatchObject({
      name: `${ENDPOINT}-monitor`,
      monitoring_schedule_config: {
        monitoring_type: 'DataQuality',
        schedule_config: { schedule_expression: 'cron(0 * ? * * *)' },
      },
    });
    expect(JSON.stringify(schedule.monitoring_schedule_config)).toMatch(
      /aws_sagemaker_data_quality_job_definition\.[^"]*\.name/,
    );
    const drift = Object.values(resourcesOfType(json, 'aws_cloudwatch_metric_alarm')).find(
      (alarm) => alarm.alarm_name === `${ENDPOINT}-drift`,
    );
    expect(drift?.metric_query).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          metric: expect.objectContaining({
            namespace: 'aws/sagemaker/Endpoints/data-metrics',
            metric_name: 'feature_baseline_drift_amount',
            dimensions: { Endpoint: ENDPOINT, MonitoringSchedule: `${ENDPOINT}-monitor` },
          }),
        }),
        expect.objectContaining({
          metric: expect.objectContaining({
            metric_name: 'feature_baseline_drift_merchant_category',
          }),
        }),
      ]),
    );
  });

  it('runs the jobs as a role that reads the captured data and baseline, adds reports and publishes only Model Monitor metrics', () => {
    const statements = statementsOf(monitored(), 'Monitor_Role');
    const sids = statements.map((statement) => statement.Sid);
    expect(sids).toEqual(
      expect.arrayContaining(['WriteMonitoringReports', 'PublishModelMonitorMetrics']),
    );
    expect(statements.find((statement) => statement.Sid === 'WriteMonitoringReports')).toEqual({
      Sid: 'WriteMonitoringReports',
      Effect: 'Allow',
      Action: ['s3:PutObject'],
      Resource: `arn:aws:s3:::${BUCKET}/inference/realtime/monitoring/reports/*`,
    });
    expect(statements.find((statement) => statement.Sid === 'PublishModelMonitorMetrics')).toEqual({
      Sid: 'PublishModelMonitorMetrics',
      Effect: 'Allow',
      Action: ['cloudwatch:PutMetricData'],
      Resource: '*',
      Condition: {
        StringEquals: { 'cloudwatch:namespace': 'aws/sagemaker/Endpoints/data-metrics' },
      },
    });
    const objectResources = statements
      .filter((statement) =>
        [statement.Action].flat().some((action) => String(action).startsWith('s3:')),
      )
      .flatMap((statement) => [statement.Resource].flat())
      .filter((resource) => String(resource).includes('/'));
    expect(objectResources.sort()).toEqual([
      `arn:aws:s3:::${BUCKET}/inference/realtime/logs/*`,
      `arn:aws:s3:::${BUCKET}/inference/realtime/monitoring/baseline/*`,
      `arn:aws:s3:::${BUCKET}/inference/realtime/monitoring/reports/*`,
    ]);
  });

  it('names the job definition from its settings, not from how many tokens were made before it', () => {
    const nameOf = () =>
      onlyResourceOfType(
        synthNewStack(configuration({ settings: { modelMonitor: MONITOR } })).json,
        'aws_sagemaker_data_quality_job_definition',
      ).name;
    const first = nameOf();
    // Tokens created elsewhere shift cdktf's token numbers; the name must not move with them.
    for (let index = 0; index < 25; index += 1) Lazy.stringValue({ produce: () => 'unrelated' });
    expect(nameOf()).toBe(first);
  });

  it('builds no monitor without modelMonitor, nor without a release', () => {
    const types = [
      'aws_sagemaker_data_quality_job_definition',
      'aws_sagemaker_monitoring_schedule',
    ];
    for (const type of types) {
      expect(resourcesOfType(synthStack(configuration()).json, type)).toEqual({});
      const json = synthStack(
        configuration({ release: false, settings: { modelMonitor: MONITOR } }),
      ).json;
      expect(resourcesOfType(json, type)).toEqual({});
    }
  });
});

describe('InferenceRealtimeStack variants', () => {
  it('splits traffic between the release and challengers of the same group by weight', () => {
    const { json } = synthStack(
      configuration({
        settings: {
          abTest: {
            primaryWeightPercent: 80,
            variants: [
              {
                name: 'Challenger',
                modelPackageVersion: 8,
                weightPercent: 20,
                instanceType: 'ml.c5.large',
              },
            ],
          },
        },
      }),
    );
    const models = Object.values(resourcesOfType(json, 'aws_sagemaker_model'));
    expect(models.map((model) => model.primary_container)).toEqual([
      { model_package_name: PACKAGE_ARN },
      { model_package_name: PACKAGE_ARN.replace(/\/7$/, '/8') },
    ]);
    const config = onlyResourceOfType(json, 'aws_sagemaker_endpoint_configuration');
    expect(config.production_variants).toEqual([
      expect.objectContaining({ variant_name: 'AllTraffic', initial_variant_weight: 80 }),
      expect.objectContaining({
        variant_name: 'Challenger',
        instance_type: 'ml.c5.large',
        initial_instance_count: 1,
        initial_variant_weight: 20,
        model_name: expect.stringMatching(
          /^\$\{aws_sagemaker_model\.Variants_ModelV8_\w+\.name\}$/,
        ),
      }),
    ]);
    expect(config.shadow_production_variants).toBeUndefined();
  });

  it('copies a sample of the requests to a shadow variant, reusing the release model for its version', () => {
    const { json } = synthStack(
      configuration({
        settings: { shadow: { name: 'Shadow', modelPackageVersion: 7, samplingPercent: 25 } },
      }),
    );
    expect(Object.keys(resourcesOfType(json, 'aws_sagemaker_model'))).toHaveLength(1);
    const config = onlyResourceOfType(json, 'aws_sagemaker_endpoint_configuration');
    expect(config.production_variants).toEqual([
      expect.objectContaining({ variant_name: 'AllTraffic', initial_variant_weight: 1 }),
    ]);
    expect(config.shadow_production_variants).toEqual([
      expect.objectContaining({
        variant_name: 'Shadow',
        instance_type: 'ml.m5.large',
        initial_variant_weight: 0.25,
      }),
    ]);
  });
});
