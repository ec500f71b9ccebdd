import type { InferenceApiSettings } from '@genai-sandbox/config';
import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testConfiguration,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { ACCESS_LOG_FORMAT, INFERENCE_API_STAGE, InferenceApi, InferenceRouter } from '../src';

const KEY_ARN = 'arn:aws:kms:eu-west-1:111111111111:key/0123abcd-12ab-34cd-56ef-1234567890ab';
const ENDPOINT = 'genai-dev-fraud-detection-serverless';

const POOL = 'arn:aws:cognito-idp:eu-west-1:111111111111:userpool/eu-west-1_AbCdEf123';
const ACL =
  'arn:aws:wafv2:eu-west-1:111111111111:regional/webacl/inference/0f4d9b3e-1c2a-4b5d-8e7f-0123456789ab';

function build(
  options: {
    dailyQuota?: number;
    apiKeyRequired?: boolean;
    api?: Partial<InferenceApiSettings>;
    domain?: boolean;
  } = {},
) {
  const config = options.domain
    ? testConfiguration((fixture) => {
        (fixture.environments.dev as Record<string, unknown>).blueprints = {
          inferenceDomain: { zoneName: 'ml.example.com', hostedZoneId: 'Z0123456789ABCDEFGHIJ' },
        };
      })
    : undefined;
  const stack = testStack({ project: 'fraud-detection', app: 'inference-serverless', config });
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
    throttling: { rateLimit: 20, burstLimit: 40, dailyQuota: options.dailyQuota, ...options.api },
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

  it('authorizes by Cognito user pool tokens instead of IAM when configured, with the scopes', () => {
    const { json } = build({
      api: { cognito: { userPoolArns: [POOL], scopes: ['inference/invoke'] } },
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_authorizer')).toMatchObject({
      type: 'COGNITO_USER_POOLS',
      provider_arns: [POOL],
      identity_source: 'method.request.header.Authorization',
    });
    expect(onlyResourceOfType(json, 'aws_api_gateway_method')).toMatchObject({
      authorization: 'COGNITO_USER_POOLS',
      authorizer_id: expect.stringContaining('aws_api_gateway_authorizer'),
      authorization_scopes: ['inference/invoke'],
    });
    expect(resourcesOfType(build().json, 'aws_api_gateway_authorizer')).toEqual({});
  });

  it('associates the configured web ACL with the stage, and none otherwise', () => {
    expect(
      onlyResourceOfType(build({ api: { webAclArn: ACL } }).json, 'aws_wafv2_web_acl_association'),
    ).toEqual({
      resource_arn: expect.stringMatching(/^\$\{aws_api_gateway_stage\..*\.arn\}$/),
      web_acl_arn: ACL,
    });
    expect(resourcesOfType(build().json, 'aws_wafv2_web_acl_association')).toEqual({});
  });

  it("maps the API under its route on the project's host, where POST / answers too", () => {
    const { json, api } = build({ domain: true });
    expect(onlyResourceOfType(json, 'aws_api_gateway_base_path_mapping')).toMatchObject({
      domain_name: 'inference.fraud-detection.ml.example.com',
      base_path: 'serverless',
      stage_name: expect.stringContaining('aws_api_gateway_stage'),
    });
    expect(api.domainRouteUrl).toBe('https://inference.fraud-detection.ml.example.com/serverless');
    const methods = Object.values(resourcesOfType(json, 'aws_api_gateway_method'));
    expect(methods.map((method) => method.resource_id)).toEqual([
      expect.stringContaining('aws_api_gateway_resource'),
      expect.stringContaining('root_resource_id'),
    ]);
    const sources = Object.values(resourcesOfType(json, 'aws_lambda_permission')).map(
      (permission) => String(permission.source_arn),
    );
    expect(sources).toEqual([
      expect.stringMatching(/\/v1\/POST\/serverless$/),
      expect.stringMatching(/\/v1\/POST\/$/),
    ]);
    expect(resourcesOfType(build().json, 'aws_api_gateway_base_path_mapping')).toEqual({});
  });

  it('grants callers execute-api:Invoke on its route, and the host root with an inference domain', () => {
    const grantee = { roleArn: 'r', roleName: 'r', addToPolicy: () => true };
    const plain = build().api.grantInvoke(grantee);
    expect(plain).toEqual([
      expect.objectContaining({
        Action: ['execute-api:Invoke'],
        Resource: [expect.stringMatching(/\/v1\/POST\/serverless$/)],
      }),
    ]);
    const [withDomain] = build({ domain: true }).api.grantInvoke(grantee);
    expect(withDomain.Resource).toEqual([
      expect.stringMatching(/\/v1\/POST\/serverless$/),
      expect.stringMatching(/\/v1\/POST\/$/),
    ]);
  });

  it('grants nothing with a Cognito authorizer, which IAM does not decide', () => {
    const grantee = { roleArn: 'r', roleName: 'r', addToPolicy: jest.fn(() => true) };
    const { api } = build({
      api: { cognito: { userPoolArns: [POOL], scopes: ['inference/invoke'] } },
    });
    expect(api.grantInvoke(grantee)).toEqual([]);
    expect(grantee.addToPolicy).not.toHaveBeenCalled();
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
