import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { ACCESS_LOG_FORMAT, INFERENCE_API_STAGE, InferenceApi, InferenceRouter } from '../src';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/0123abcd-12ab-34cd-56ef-1234567890ab';
const ENDPOINT = 'genai-dev-fraud-detection-serverless';

function build(options: { dailyQuota?: number; apiKeyRequired?: boolean } = {}) {
  const stack = testStack({ project: 'fraud-detection', app: 'inference-serverless' });
  const key = PlatformKey.fromKeyArn(KEY_ARN, 'alias/genai-dev-platform');
  const router = new InferenceRouter(stack, 'Router', {
    route: 'serverless',
    endpointName: ENDPOINT,
    encryptionKey: key,
  });
  const api = new InferenceApi(stack, 'Api', {
    route: 'serverless',
    handler: router.function,
    encryptionKey: key,
    throttling: { rateLimit: 20, burstLimit: 40, dailyQuota: options.dailyQuota },
    apiKeyRequired: options.apiKeyRequired,
  });
  return { stack, router, api, json: synthesize(stack) };
}

describe('InferenceApi', () => {
  it('is a regional REST API whose POST route is IAM-authorized and validated', () => {
    const { json } = build();
    expect(onlyResourceOfType(json, 'aws_api_gateway_rest_api')).toMatchObject({
      name: 'genai-dev-fraud-detection-inference-serverless',
      endpoint_configuration: { types: ['REGIONAL'] },
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_resource')).toMatchObject({
      path_part: 'serverless',
    });
    const method = onlyResourceOfType(json, 'aws_api_gateway_method');
    expect(method).toMatchObject({
      http_method: 'POST',
      authorization: 'AWS_IAM',
      api_key_required: false,
      request_models: { 'application/json': expect.stringContaining('aws_api_gateway_model') },
    });
    expect(method.request_validator_id).toMatch(/aws_api_gateway_request_validator\..*\.id/);
    expect(onlyResourceOfType(json, 'aws_api_gateway_request_validator')).toMatchObject({
      validate_request_body: true,
      validate_request_parameters: true,
    });
  });

  it('requires an API key of the usage plan on top of IAM when configured', () => {
    expect(
      onlyResourceOfType(build({ apiKeyRequired: true }).json, 'aws_api_gateway_method'),
    ).toMatchObject({
      authorization: 'AWS_IAM',
      api_key_required: true,
    });
  });

  it('proxies to the router function, which only this route of this API may invoke', () => {
    const { json } = build();
    expect(onlyResourceOfType(json, 'aws_api_gateway_integration')).toMatchObject({
      type: 'AWS_PROXY',
      integration_http_method: 'POST',
      uri: expect.stringMatching(/aws_lambda_function\..*\.invoke_arn/),
    });
    const permission = onlyResourceOfType(json, 'aws_lambda_permission');
    expect(permission).toMatchObject({
      action: 'lambda:InvokeFunction',
      principal: 'apigateway.amazonaws.com',
    });
    expect(permission.source_arn).toMatch(
      new RegExp(
        `^\\$\\{aws_api_gateway_rest_api\\.[\\w]+\\.execution_arn\\}/${INFERENCE_API_STAGE}/POST/serverless$`,
      ),
    );
  });

  it('logs every request to an encrypted platform log group and traces with X-Ray', () => {
    const { json } = build();
    const stage = onlyResourceOfType(json, 'aws_api_gateway_stage');
    expect(stage).toMatchObject({
      stage_name: INFERENCE_API_STAGE,
      xray_tracing_enabled: true,
      access_log_settings: {
        destination_arn: expect.stringMatching(/aws_cloudwatch_log_group\.Api_AccessLogs.*\.arn/),
        format: ACCESS_LOG_FORMAT,
      },
    });
    const groups = Object.values(resourcesOfType(json, 'aws_cloudwatch_log_group'));
    expect(groups).toContainEqual(
      expect.objectContaining({
        name: '/genai/dev/fraud-detection/apigateway/inference/serverless',
        kms_key_id: KEY_ARN,
      }),
    );
    // Never the payloads: no body or data-trace field in the access log, no execution logs.
    expect(ACCESS_LOG_FORMAT).not.toMatch(/body|requestOverride/i);
    expect(onlyResourceOfType(json, 'aws_api_gateway_method_settings')).toMatchObject({
      method_path: '*/*',
      settings: { data_trace_enabled: false, logging_level: 'OFF', metrics_enabled: true },
    });
  });

  it('throttles the stage and the usage plan with the configured limits', () => {
    const { json } = build({ dailyQuota: 5000 });
    expect(onlyResourceOfType(json, 'aws_api_gateway_method_settings')).toMatchObject({
      settings: { throttling_rate_limit: 20, throttling_burst_limit: 40 },
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_usage_plan')).toMatchObject({
      throttle_settings: { rate_limit: 20, burst_limit: 40 },
      quota_settings: { limit: 5000, period: 'DAY' },
      api_stages: [{ stage: expect.stringContaining('aws_api_gateway_stage') }],
    });
    expect(
      onlyResourceOfType(build().json, 'aws_api_gateway_usage_plan').quota_settings,
    ).toBeUndefined();
  });

  it('redeploys when the route changes, creating the new deployment first', () => {
    const deployment = onlyResourceOfType(build().json, 'aws_api_gateway_deployment');
    expect(deployment).toMatchObject({ lifecycle: { create_before_destroy: true } });
    expect(JSON.stringify(deployment.triggers)).toMatch(/aws_api_gateway_integration\..*\.uri/);
    expect(deployment.depends_on).toEqual(
      expect.arrayContaining([
        expect.stringContaining('aws_api_gateway_method.'),
        expect.stringContaining('aws_api_gateway_integration.'),
      ]),
    );
  });

  it('fails when the route is not one lower-case path segment', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const key = PlatformKey.fromKeyArn(KEY_ARN, 'alias/genai-dev-platform');
    const router = new InferenceRouter(stack, 'Router', {
      route: 'realtime',
      endpointName: ENDPOINT,
      encryptionKey: key,
    });
    expect(
      () =>
        new InferenceApi(stack, 'Api', {
          route: 'Real/time',
          handler: router.function,
          encryptionKey: key,
          throttling: { rateLimit: 1, burstLimit: 1 },
        }),
    ).toThrow(/route "Real\/time" is not one lower-case path segment.*such as "realtime"/);
  });
});

describe('InferenceRouter', () => {
  it('may invoke only its endpoint, and no Bedrock model', () => {
    const { json, router } = build();
    const policies = Object.entries(resourcesOfType(json, 'aws_iam_role_policy'));
    const [, policy] = policies.find(([id]) => id.startsWith('Router_')) ?? [];
    const statements = JSON.parse(String(policy?.policy)).Statement as Record<string, unknown>[];
    const sagemaker = statements.filter((statement) =>
      [statement.Action].flat().some((action) => String(action).startsWith('sagemaker:')),
    );
    expect(sagemaker).toEqual([
      {
        Sid: 'InvokeRoutedEndpoints',
        Effect: 'Allow',
        Action: ['sagemaker:InvokeEndpoint'],
        Resource: [`arn:aws:sagemaker:eu-west-1:111111111111:endpoint/${ENDPOINT}`],
      },
    ]);
    expect(JSON.stringify(statements)).not.toMatch(/bedrock:/);
    expect(router.setting).toEqual({
      defaultRoute: 'serverless',
      routes: { serverless: { kind: 'sagemaker-endpoint', endpointName: ENDPOINT } },
    });
  });

  it('has error and throttle alarms', () => {
    const alarms = Object.values(resourcesOfType(build().json, 'aws_cloudwatch_metric_alarm'));
    expect(alarms.map((alarm) => alarm.metric_name).sort()).toEqual(['Errors', 'Throttles']);
  });
});
