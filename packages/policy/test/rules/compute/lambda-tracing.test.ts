import { lambdaTracing as rule } from '../../../src/rules/compute/lambda-tracing';
import { stackOf, violations } from '../../helpers';

const FUNCTION = 'aws_lambda_function.Promotion_Forwarder_5D6E7F80';
const lambda = (config: Record<string, unknown>) => ({
  aws_lambda_function: {
    Promotion_Forwarder_5D6E7F80: {
      function_name: 'genai-dev-promotion-forwarder',
      role: '${aws_iam_role.Promotion_ForwarderRole_1B2C3D4E.arn}',
      runtime: 'python3.12',
      handler: 'index.handler',
      filename: 'assets/forwarder.zip',
      source_code_hash: 'q1w2e3r4t5y6',
      ...config,
    },
  },
});

describe('lambda-tracing', () => {
  it('passes a function with active tracing', async () => {
    const stack = stackOf(lambda({ tracing_config: { mode: 'Active' } }));
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes active tracing as the plan shows it', async () => {
    const stack = stackOf(lambda({ tracing_config: { mode: 'Active' } }), {
      plan: {
        planned_values: {
          root_module: {
            resources: [
              {
                address: FUNCTION,
                mode: 'managed',
                type: 'aws_lambda_function',
                name: 'Promotion_Forwarder_5D6E7F80',
                values: {
                  function_name: 'genai-dev-promotion-forwarder',
                  tracing_config: [{ mode: 'Active' }],
                },
              },
            ],
          },
        },
      },
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('fails when tracing_config is not set', async () => {
    expect(await violations(rule, stackOf(lambda({})), FUNCTION)).toEqual([
      'tracing_config mode is not set (PassThrough by default); expected Active',
    ]);
  });

  it('fails when tracing_config mode is PassThrough', async () => {
    const stack = stackOf(lambda({ tracing_config: { mode: 'PassThrough' } }));
    expect(await violations(rule, stack, FUNCTION)).toEqual([
      'tracing_config mode is PassThrough (PassThrough by default); expected Active',
    ]);
  });
});
