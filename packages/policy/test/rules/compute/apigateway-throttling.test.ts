import { apigatewayThrottling as rule } from '../../../src/rules/compute/apigateway-throttling';
import { stackOf, violations } from '../../helpers';

const REST_STAGE = 'aws_api_gateway_stage.InferenceApi_Stage_1A2B3C4D';
const HTTP_STAGE = 'aws_apigatewayv2_stage.ChatApi_Stage_5E6F7A8B';
const REST_API = '${aws_api_gateway_rest_api.InferenceApi_6D7E8F90.id}';

const restStage = {
  aws_api_gateway_stage: {
    InferenceApi_Stage_1A2B3C4D: {
      rest_api_id: REST_API,
      deployment_id: '${aws_api_gateway_deployment.InferenceApi_Deployment_0A1B2C3D.id}',
      stage_name: 'dev',
    },
  },
};
const methodSettings = (config: Record<string, unknown>, settings: Record<string, unknown>) => ({
  aws_api_gateway_method_settings: {
    InferenceApi_MethodSettings_3F4A5B6C: {
      rest_api_id: REST_API,
      stage_name: '${aws_api_gateway_stage.InferenceApi_Stage_1A2B3C4D.stage_name}',
      method_path: '*/*',
      settings: { metrics_enabled: true, logging_level: 'INFO', ...settings },
      ...config,
    },
  },
});
const THROTTLED = { throttling_rate_limit: 50, throttling_burst_limit: 100 };
const httpStage = (config: Record<string, unknown>) => ({
  aws_apigatewayv2_stage: {
    ChatApi_Stage_5E6F7A8B: {
      api_id: '${aws_apigatewayv2_api.ChatApi_4B5C6D7E.id}',
      name: '$default',
      auto_deploy: true,
      ...config,
    },
  },
});

describe('apigateway-throttling', () => {
  describe('on REST API stages', () => {
    it('passes a stage whose method settings throttle', async () => {
      const stack = stackOf({ ...restStage, ...methodSettings({}, THROTTLED) });
      expect(await violations(rule, stack, REST_STAGE)).toEqual([]);
    });

    it('passes method settings that name the same API and stage instead of referring to it', async () => {
      const stack = stackOf({ ...restStage, ...methodSettings({ stage_name: 'dev' }, THROTTLED) });
      expect(await violations(rule, stack, REST_STAGE)).toEqual([]);
    });

    it('passes when the plan resolves the stage name and leaves out the API ID', async () => {
      const stack = stackOf(
        { ...restStage, ...methodSettings({ stage_name: 'dev' }, THROTTLED) },
        {
          plan: {
            planned_values: {
              root_module: {
                resources: [
                  {
                    address: REST_STAGE,
                    mode: 'managed',
                    type: 'aws_api_gateway_stage',
                    name: 'InferenceApi_Stage_1A2B3C4D',
                    values: { stage_name: 'dev', canary_settings: [], access_log_settings: [] },
                  },
                  {
                    address: 'aws_api_gateway_method_settings.InferenceApi_MethodSettings_3F4A5B6C',
                    mode: 'managed',
                    type: 'aws_api_gateway_method_settings',
                    name: 'InferenceApi_MethodSettings_3F4A5B6C',
                    values: {
                      method_path: '*/*',
                      settings: [
                        {
                          logging_level: 'INFO',
                          metrics_enabled: true,
                          throttling_burst_limit: 100,
                          throttling_rate_limit: 50,
                        },
                      ],
                      stage_name: 'dev',
                    },
                  },
                ],
              },
            },
          },
        },
      );
      expect(await violations(rule, stack, REST_STAGE)).toEqual([]);
    });

    it('fails when no method settings refer to the stage', async () => {
      expect(await violations(rule, stackOf(restStage), REST_STAGE)).toEqual([
        'no aws_api_gateway_method_settings refers to this stage: its methods are limited only by the account-wide quota',
      ]);
    });

    it('fails when the method settings of another stage throttle', async () => {
      const stack = stackOf({
        ...restStage,
        ...methodSettings({ stage_name: 'test' }, THROTTLED),
      });
      expect(await violations(rule, stack, REST_STAGE)).toEqual([
        expect.stringContaining('no aws_api_gateway_method_settings refers to this stage'),
      ]);
    });

    it('fails when the method settings do not throttle', async () => {
      const stack = stackOf({ ...restStage, ...methodSettings({}, {}) });
      expect(await violations(rule, stack, REST_STAGE)).toEqual([
        'no method settings of this stage set throttling_rate_limit and throttling_burst_limit above 0: aws_api_gateway_method_settings.InferenceApi_MethodSettings_3F4A5B6C (*/*): throttling_rate_limit not set, throttling_burst_limit not set',
      ]);
    });

    it('fails when the burst limit is 0', async () => {
      const stack = stackOf({
        ...restStage,
        ...methodSettings({}, { throttling_rate_limit: 50, throttling_burst_limit: 0 }),
      });
      expect(await violations(rule, stack, REST_STAGE)).toEqual([
        expect.stringContaining('throttling_rate_limit 50, throttling_burst_limit 0'),
      ]);
    });
  });

  describe('on HTTP and WebSocket API stages', () => {
    it('passes a stage whose default route settings throttle', async () => {
      const stack = stackOf(
        httpStage({ default_route_settings: { ...THROTTLED, detailed_metrics_enabled: true } }),
      );
      expect(await violations(rule, stack, HTTP_STAGE)).toEqual([]);
    });

    it('fails when default_route_settings is not set', async () => {
      expect(await violations(rule, stackOf(httpStage({})), HTTP_STAGE)).toEqual([
        'default_route_settings is not set: routes are limited only by the account-wide quota',
      ]);
    });

    it('fails when the plan shows no rate limit', async () => {
      const stack = stackOf(
        httpStage({ default_route_settings: { throttling_burst_limit: 100 } }),
        {
          plan: {
            planned_values: {
              root_module: {
                resources: [
                  {
                    address: HTTP_STAGE,
                    mode: 'managed',
                    type: 'aws_apigatewayv2_stage',
                    name: 'ChatApi_Stage_5E6F7A8B',
                    values: {
                      name: '$default',
                      default_route_settings: [
                        {
                          data_trace_enabled: false,
                          detailed_metrics_enabled: false,
                          throttling_burst_limit: 100,
                          throttling_rate_limit: 0,
                        },
                      ],
                    },
                  },
                ],
              },
            },
          },
        },
      );
      expect(await violations(rule, stack, HTTP_STAGE)).toEqual([
        'default_route_settings has throttling_rate_limit 0, throttling_burst_limit 100; both must be above 0',
      ]);
    });
  });
});
