import { apigatewayAccessLogging as rule } from '../../../src/rules/compute/apigateway-access-logging';
import { stackOf, violations } from '../../helpers';

const REST_STAGE = 'aws_api_gateway_stage.InferenceApi_Stage_1A2B3C4D';
const HTTP_STAGE = 'aws_apigatewayv2_stage.ChatApi_Stage_5E6F7A8B';
const LOG_GROUP = '${aws_cloudwatch_log_group.InferenceApi_AccessLogs_9C0D1E2F.arn}';
const FORMAT = JSON.stringify({
  requestId: '$context.requestId',
  sourceIp: '$context.identity.sourceIp',
  caller: '$context.identity.caller',
  status: '$context.status',
});

const restStage = (config: Record<string, unknown>) => ({
  aws_api_gateway_stage: {
    InferenceApi_Stage_1A2B3C4D: {
      rest_api_id: '${aws_api_gateway_rest_api.InferenceApi_6D7E8F90.id}',
      deployment_id: '${aws_api_gateway_deployment.InferenceApi_Deployment_0A1B2C3D.id}',
      stage_name: 'dev',
      xray_tracing_enabled: true,
      ...config,
    },
  },
});
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

describe('apigateway-access-logging', () => {
  it('passes a REST API stage that logs to a log group', async () => {
    const stack = stackOf(
      restStage({ access_log_settings: { destination_arn: LOG_GROUP, format: FORMAT } }),
    );
    expect(await violations(rule, stack, REST_STAGE)).toEqual([]);
  });

  it('passes an HTTP API stage that logs to a log group', async () => {
    const stack = stackOf(
      httpStage({ access_log_settings: { destination_arn: LOG_GROUP, format: FORMAT } }),
    );
    expect(await violations(rule, stack, HTTP_STAGE)).toEqual([]);
  });

  it('passes when the plan does not know the log group ARN yet', async () => {
    // The plan leaves destination_arn out of the block; the configuration holds the reference.
    const stack = stackOf(
      restStage({ access_log_settings: { destination_arn: LOG_GROUP, format: FORMAT } }),
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
                  values: {
                    access_log_settings: [{ format: FORMAT }],
                    cache_cluster_enabled: null,
                    canary_settings: [],
                    stage_name: 'dev',
                    xray_tracing_enabled: true,
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

  it('fails when a REST API stage has no access_log_settings', async () => {
    expect(await violations(rule, stackOf(restStage({})), REST_STAGE)).toEqual([
      'access_log_settings is not set: requests to the stage leave no access log',
    ]);
  });

  it('fails when an HTTP API stage has no access_log_settings', async () => {
    expect(await violations(rule, stackOf(httpStage({})), HTTP_STAGE)).toEqual([
      'access_log_settings is not set: requests to the stage leave no access log',
    ]);
  });

  it('fails when access_log_settings has an empty destination_arn', async () => {
    const stack = stackOf(
      httpStage({ access_log_settings: { destination_arn: '', format: FORMAT } }),
    );
    expect(await violations(rule, stack, HTTP_STAGE)).toEqual([
      'access_log_settings has no destination_arn: no log group receives the access logs',
    ]);
  });
});
