import { lambdaLogGroup as rule } from '../../../src/rules/compute/lambda-log-group';
import { stackOf, violations } from '../../helpers';

const FUNCTION = 'aws_lambda_function.Router_16807C72';
const lambda = (config: Record<string, unknown>) => ({
  aws_lambda_function: {
    Router_16807C72: {
      function_name: 'genai-dev-inference-router',
      role: '${aws_iam_role.Router_Role_1B2C3D4E.arn}',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      ...config,
    },
  },
});
const logGroup = (name: string) => ({
  aws_cloudwatch_log_group: {
    Router_LogGroup_2502AF6F: {
      name,
      retention_in_days: 365,
      kms_key_id: '${aws_kms_key.Key.arn}',
    },
  },
});

describe('lambda-log-group', () => {
  it('passes a function whose logging_config names a log group of the stack', async () => {
    const stack = stackOf({
      ...lambda({
        logging_config: {
          log_format: 'JSON',
          log_group: '${aws_cloudwatch_log_group.Router_LogGroup_2502AF6F.name}',
        },
      }),
      ...logGroup('/genai/dev/lambda/inference-router'),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('passes a function whose default group /aws/lambda/<name> the stack manages', async () => {
    const stack = stackOf({ ...lambda({}), ...logGroup('/aws/lambda/genai-dev-inference-router') });
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('fails when no log group of the stack receives the logs', async () => {
    expect(await violations(rule, stackOf(lambda({})), FUNCTION)).toEqual([
      'the function logs into /aws/lambda/genai-dev-inference-router, which no aws_cloudwatch_log_group of this stack manages: Lambda creates it without retention or KMS',
    ]);
  });

  it('fails when logging_config names a group the stack does not manage', async () => {
    const stack = stackOf({
      ...lambda({ logging_config: { log_format: 'JSON', log_group: '/shared/lambda' } }),
      ...logGroup('/aws/lambda/genai-dev-inference-router'),
    });
    expect(await violations(rule, stack, FUNCTION)).toEqual([
      'the function logs into /shared/lambda, which no aws_cloudwatch_log_group of this stack manages: Lambda creates it without retention or KMS',
    ]);
  });
});
