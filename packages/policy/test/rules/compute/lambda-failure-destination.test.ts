import { lambdaFailureDestination as rule } from '../../../src/rules/compute/lambda-failure-destination';
import { stackOf, violations } from '../../helpers';

const FUNCTION = 'aws_lambda_function.Promotion_Forwarder_5D6E7F80';
const DLQ = '${aws_sqs_queue.Promotion_DeadLetterQueue_A1B2C3D4.arn}';

const lambda = (config: Record<string, unknown>) => ({
  aws_lambda_function: {
    Promotion_Forwarder_5D6E7F80: {
      function_name: 'genai-dev-promotion-forwarder',
      role: '${aws_iam_role.Promotion_ForwarderRole_1B2C3D4E.arn}',
      runtime: 'python3.12',
      handler: 'index.handler',
      filename: 'assets/forwarder.zip',
      source_code_hash: 'q1w2e3r4t5y6',
      kms_key_arn: '${aws_kms_key.PlatformKey_9FD66B6F.arn}',
      tracing_config: { mode: 'Active' },
      ...config,
    },
  },
});
const invokeConfig = (config: Record<string, unknown>) => ({
  aws_lambda_function_event_invoke_config: {
    Promotion_ForwarderInvokeConfig_2C3D4E5F: {
      function_name: '${aws_lambda_function.Promotion_Forwarder_5D6E7F80.function_name}',
      maximum_retry_attempts: 2,
      ...config,
    },
  },
});
const planned = (address: string, type: string, values: Record<string, unknown>) => ({
  address,
  mode: 'managed',
  type,
  name: address.split('.')[1],
  values,
});

describe('lambda-failure-destination', () => {
  it('passes a function with a dead-letter queue', async () => {
    const stack = stackOf(lambda({ dead_letter_config: { target_arn: DLQ } }));
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes a function whose event invoke config has an on_failure destination', async () => {
    const stack = stackOf({
      ...lambda({}),
      ...invokeConfig({ destination_config: { on_failure: { destination: DLQ } } }),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes an event invoke config that names the function by its ARN and an alias', async () => {
    const stack = stackOf({
      ...lambda({}),
      ...invokeConfig({
        function_name:
          'arn:aws:lambda:eu-west-1:111111111111:function:genai-dev-promotion-forwarder:live',
        destination_config: { on_failure: { destination: DLQ } },
      }),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes when the plan does not know the dead-letter queue ARN yet', async () => {
    // The plan writes blocks whose only values are unknown as empty: [{}].
    const stack = stackOf(lambda({ dead_letter_config: { target_arn: DLQ } }), {
      plan: {
        planned_values: {
          root_module: {
            resources: [
              planned(FUNCTION, 'aws_lambda_function', {
                function_name: 'genai-dev-promotion-forwarder',
                dead_letter_config: [{}],
                tracing_config: [{ mode: 'Active' }],
                vpc_config: [],
              }),
            ],
          },
        },
      },
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes when the plan leaves out the on_failure destination', async () => {
    const stack = stackOf(
      {
        ...lambda({}),
        ...invokeConfig({ destination_config: { on_failure: { destination: DLQ } } }),
      },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                planned(FUNCTION, 'aws_lambda_function', {
                  function_name: 'genai-dev-promotion-forwarder',
                  dead_letter_config: [],
                }),
                planned(
                  'aws_lambda_function_event_invoke_config.Promotion_ForwarderInvokeConfig_2C3D4E5F',
                  'aws_lambda_function_event_invoke_config',
                  {
                    destination_config: [{ on_failure: [{}], on_success: [] }],
                    function_name: 'genai-dev-promotion-forwarder',
                    maximum_retry_attempts: 2,
                    qualifier: null,
                  },
                ),
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('fails when the function has neither a dead-letter queue nor an on_failure destination', async () => {
    expect(await violations(rule, stackOf(lambda({})), FUNCTION)).toEqual([
      'no dead_letter_config target_arn and no aws_lambda_function_event_invoke_config with an on_failure destination: failed asynchronous events are dropped',
    ]);
  });

  it('fails when the event invoke config only has an on_success destination', async () => {
    const stack = stackOf({
      ...lambda({}),
      ...invokeConfig({ destination_config: { on_success: { destination: DLQ } } }),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([
      'no dead_letter_config target_arn, and aws_lambda_function_event_invoke_config.Promotion_ForwarderInvokeConfig_2C3D4E5F has no destination_config on_failure destination: failed asynchronous events are dropped',
    ]);
  });

  it('fails when the on_failure destination belongs to another function', async () => {
    const stack = stackOf({
      ...lambda({}),
      ...invokeConfig({
        function_name: 'genai-dev-promotion-forwarder-v2',
        destination_config: { on_failure: { destination: DLQ } },
      }),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([
      expect.stringContaining('no aws_lambda_function_event_invoke_config with an on_failure'),
    ]);
  });
});
