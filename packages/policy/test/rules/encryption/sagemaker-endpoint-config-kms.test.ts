import { sagemakerEndpointConfigKms as rule } from '../../../src/rules/encryption/sagemaker-endpoint-config-kms';
import { stackOf, violations } from '../../helpers';

const ADDRESS = 'aws_sagemaker_endpoint_configuration.FraudDetection_EndpointConfig_7E3A9C11';
const OUTPUT = 's3://genai-dev-fraud-detection-111111111111/inference/async/output/';
const KEY = '${aws_kms_key.PlatformKey_9FD66B6F.arn}';
const VARIANT = {
  variant_name: 'AllTraffic',
  model_name: '${aws_sagemaker_model.FraudDetection_Model_2D4F6A8B.name}',
  initial_instance_count: 1,
  instance_type: 'ml.m5.xlarge',
};
/** As cdktf writes it: async_inference_config and output_config are single blocks, so objects. */
const asyncConfig = (output: Record<string, unknown>) => ({
  client_config: { max_concurrent_invocations_per_instance: 4 },
  output_config: {
    s3_output_path: OUTPUT,
    s3_failure_path: 's3://genai-dev-fraud-detection-111111111111/inference/async/failures/',
    notification_config: {
      error_topic: '${aws_sns_topic.AsyncInference_Notifications_6B0E1D2C.arn}',
      success_topic: '${aws_sns_topic.AsyncInference_Notifications_6B0E1D2C.arn}',
    },
    ...output,
  },
});
const endpointConfig = (config: Record<string, unknown>) => ({
  aws_sagemaker_endpoint_configuration: {
    FraudDetection_EndpointConfig_7E3A9C11: {
      name: 'genai-dev-fraud-detection-async',
      production_variants: [VARIANT],
      ...config,
    },
  },
});

describe('sagemaker-endpoint-config-kms', () => {
  it('passes an asynchronous endpoint that encrypts volumes and results with the platform key', async () => {
    const stack = stackOf(
      endpointConfig({
        kms_key_arn: KEY,
        async_inference_config: asyncConfig({ kms_key_id: KEY }),
      }),
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('passes a real-time endpoint with kms_key_arn', async () => {
    expect(await violations(rule, stackOf(endpointConfig({ kms_key_arn: KEY })), ADDRESS)).toEqual(
      [],
    );
  });

  it('passes when the plan does not know the key ARNs yet', async () => {
    // The plan leaves out unknown values inside nested blocks too: output_config has no kms_key_id.
    const stack = stackOf(
      endpointConfig({
        kms_key_arn: KEY,
        async_inference_config: asyncConfig({ kms_key_id: KEY }),
      }),
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: ADDRESS,
                  mode: 'managed',
                  type: 'aws_sagemaker_endpoint_configuration',
                  name: 'FraudDetection_EndpointConfig_7E3A9C11',
                  values: {
                    name: 'genai-dev-fraud-detection-async',
                    async_inference_config: [
                      {
                        client_config: [{ max_concurrent_invocations_per_instance: 4 }],
                        output_config: [
                          {
                            notification_config: [{ include_inference_response_in: null }],
                            s3_failure_path:
                              's3://genai-dev-fraud-detection-111111111111/inference/async/failures/',
                            s3_output_path: OUTPUT,
                          },
                        ],
                      },
                    ],
                    data_capture_config: [],
                    shadow_production_variants: [],
                    tags: null,
                  },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([]);
  });

  it('fails when kms_key_arn is not set', async () => {
    expect(await violations(rule, stackOf(endpointConfig({})), ADDRESS)).toEqual([
      'kms_key_arn is not set: the ML storage volumes of the endpoint instances are not encrypted with a customer managed key',
    ]);
  });

  it('fails when the async output has no kms_key_id', async () => {
    const stack = stackOf(
      endpointConfig({ kms_key_arn: KEY, async_inference_config: asyncConfig({}) }),
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      `async_inference_config output_config kms_key_id is not set: asynchronous inference results written to ${OUTPUT} are not encrypted with a customer managed key`,
    ]);
  });

  it('fails when the plan shows no key for the async output', async () => {
    const stack = stackOf(
      endpointConfig({ kms_key_arn: KEY, async_inference_config: asyncConfig({}) }),
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: ADDRESS,
                  mode: 'managed',
                  type: 'aws_sagemaker_endpoint_configuration',
                  name: 'FraudDetection_EndpointConfig_7E3A9C11',
                  values: {
                    async_inference_config: [
                      { output_config: [{ kms_key_id: null, s3_output_path: OUTPUT }] },
                    ],
                  },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      expect.stringContaining('output_config kms_key_id is not set'),
    ]);
  });

  it('fails twice when neither the volumes nor the async results use a customer key', async () => {
    const stack = stackOf(
      endpointConfig({
        kms_key_arn: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/sagemaker',
        async_inference_config: asyncConfig({}),
      }),
    );
    expect(await violations(rule, stack, ADDRESS)).toEqual([
      expect.stringContaining(
        'kms_key_arn is arn:aws:kms:eu-west-1:111111111111:alias/aws/sagemaker, an AWS managed key',
      ),
      expect.stringContaining('output_config kms_key_id is not set'),
    ]);
  });
});
