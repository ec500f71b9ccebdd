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
import { InferenceServerlessStack, platformApp } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');
const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3';
const ENDPOINT = 'genai-dev-fraud-detection-serverless';

/** The fixture with inference-serverless in the profile and, unless told, a dev release. */
function configuration(options: { release?: boolean; settings?: Record<string, unknown> } = {}) {
  return testConfiguration((fixture) => {
    fixture.platform.profiles['genai-full'].blueprints.push('inference-serverless');
    if (options.settings)
      (fixture.environments.dev as Record<string, unknown>).blueprints = {
        inferenceServerless: options.settings,
      };
    if (options.release ?? true)
      fixture.releases.dev = {
        releases: [
          {
            project: 'fraud-detection',
            blueprint: 'inference-serverless',
            modelPackageGroup: 'genai-llm-finetuned',
            modelPackageArn: PACKAGE_ARN,
          },
        ],
      };
  });
}

function synthNewStack(
  config: PlatformConfiguration,
  environmentName = 'dev',
  projectName = 'fraud-detection',
) {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === projectName);
  if (!environment || !project) throw new Error(`no ${projectName} in ${environmentName}`);
  const stack = new InferenceServerlessStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

/** One stack per configuration and environment for the tests that read it. */
const synthStack = synthesizedOnce(synthNewStack);

describe('InferenceServerlessStack', () => {
  it('serves the model package the release manifest pins', () => {
    const { json } = synthStack(configuration());
    const model = onlyResourceOfType(json, 'aws_sagemaker_model');
    expect(model).toMatchObject({
      name: 'genai-dev-fraud-detection-serverless-v3',
      primary_container: { model_package_name: PACKAGE_ARN },
      execution_role_arn: expect.stringMatching(/aws_iam_role\.ExecutionRole.*\.arn/),
    });
    // Serverless endpoints support neither a VPC nor network isolation.
    expect(model.vpc_config).toBeUndefined();
    expect(model.enable_network_isolation).toBe(false);
  });

  it('configures the serverless variant within the limits, with the platform key and no scaling', () => {
    const { json } = synthStack(
      configuration({
        settings: { memorySizeMb: 4096, maxConcurrency: 20, provisionedConcurrency: 2 },
      }),
    );
    const configuration_ = onlyResourceOfType(json, 'aws_sagemaker_endpoint_configuration');
    expect(configuration_).toMatchObject({
      name_prefix: `${ENDPOINT}-`,
      kms_key_arn: 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
      lifecycle: { create_before_destroy: true },
      production_variants: [
        {
          variant_name: 'AllTraffic',
          serverless_config: {
            memory_size_in_mb: 4096,
            max_concurrency: 20,
            provisioned_concurrency: 2,
          },
        },
      ],
    });
    expect(configuration_.production_variants).not.toContainEqual(
      expect.objectContaining({ instance_type: expect.anything() }),
    );
    expect(onlyResourceOfType(json, 'aws_sagemaker_endpoint')).toMatchObject({
      name: ENDPOINT,
      endpoint_config_name: expect.stringContaining('aws_sagemaker_endpoint_configuration'),
    });
    expect(onlyResourceOfType(json, 'aws_sagemaker_endpoint').deployment_config).toBeUndefined();
    expect(resourcesOfType(json, 'aws_appautoscaling_target')).toEqual({});
    expect(resourcesOfType(json, 'aws_appautoscaling_policy')).toEqual({});
  });

  it('routes /serverless through the router, which may invoke only this endpoint', () => {
    const { json, stack } = synthStack(configuration());
    expect(onlyResourceOfType(json, 'aws_api_gateway_resource')).toMatchObject({
      path_part: 'serverless',
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_method')).toMatchObject({
      authorization: 'AWS_IAM',
    });
    expect(stack.router.targetStatements).toEqual([
      expect.objectContaining({
        Action: ['sagemaker:InvokeEndpoint'],
        Resource: [`arn:aws:sagemaker:eu-west-1:111111111111:endpoint/${ENDPOINT}`],
      }),
    ]);
    expect(onlyResourceOfType(json, 'aws_lambda_function')).toMatchObject({
      kms_key_arn: '${var.platform_key_arn}',
      tracing_config: { mode: 'Active' },
    });
  });

  it('alarms on the endpoint error rate and on the router', () => {
    const alarms = Object.values(
      resourcesOfType(synthStack(configuration()).json, 'aws_cloudwatch_metric_alarm'),
    );
    expect(alarms.map((alarm) => alarm.alarm_name).sort()).toEqual([
      `${ENDPOINT}-error-rate`,
      `${ENDPOINT}-router-errors`,
      `${ENDPOINT}-router-throttles`,
    ]);
  });

  it('leaves out the model and endpoint without a release, and says so once', () => {
    const { json, stack } = synthStack(configuration({ release: false }));
    for (const type of [
      'aws_sagemaker_model',
      'aws_sagemaker_endpoint_configuration',
      'aws_sagemaker_endpoint',
    ])
      expect({ type, resources: resourcesOfType(json, type) }).toEqual({ type, resources: {} });
    expect(onlyResourceOfType(json, 'aws_api_gateway_rest_api')).toBeDefined();
    expect(Object.keys(resourcesOfType(json, 'aws_cloudwatch_metric_alarm'))).toHaveLength(3);
    const warnings = stack.node.metadata.filter((entry) =>
      String(entry.data).includes('waits for a first release'),
    );
    expect(warnings).toHaveLength(1);
  });

  it('is planned for every project whose profile includes it, the inference-only project too', () => {
    const example = loadPlatformConfiguration(EXAMPLE);
    expect(planStacks([platformApp], example).map((planned) => planned.name)).toEqual(
      expect.arrayContaining([
        'inference-serverless-fraud-detection-dev',
        'inference-serverless-support-assistant-dev',
      ]),
    );
  });

  const example = loadPlatformConfiguration(EXAMPLE);
  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name, 'support-assistant').json).toMatchSnapshot();
  });
});
