import { lambdaEnvironmentKms as rule } from '../../../src/rules/compute/lambda-environment-kms';
import { check, stackOf, violations } from '../../helpers';

const FUNCTION = 'aws_lambda_function.Router_16807C72';
const lambda = (config: Record<string, unknown>) => ({
  aws_lambda_function: {
    Router_16807C72: {
      function_name: 'genai-dev-inference-router',
      role: '${aws_iam_role.Router_Role_1B2C3D4E.arn}',
      runtime: 'nodejs20.x',
      handler: 'index.handler',
      filename: 'assets/functions/inference-router-0123456789abcdef.zip',
      ...config,
    },
  },
});
const ENVIRONMENT = { environment: { variables: { INFERENCE_ROUTING: '{}' } } };

describe('lambda-environment-kms', () => {
  it('passes an environment encrypted with a customer key', async () => {
    const stack = stackOf(
      lambda({ ...ENVIRONMENT, kms_key_arn: '${aws_kms_key.PlatformKey_9FD66B6F.arn}' }),
    );
    expect(await violations(rule, stack, FUNCTION)).toEqual([]);
  });

  it('does not apply to a function without environment variables', async () => {
    const findings = await check(rule, stackOf(lambda({})), FUNCTION);
    expect(findings.map((finding) => finding.status)).toEqual(['not-applicable']);
  });

  it('fails when the environment has no customer key', async () => {
    expect(await violations(rule, stackOf(lambda(ENVIRONMENT)), FUNCTION)).toEqual([
      'kms_key_arn is not set: the environment (INFERENCE_ROUTING) is encrypted with the AWS managed key aws/lambda',
    ]);
  });

  it('fails when the key is the AWS managed one', async () => {
    const stack = stackOf(
      lambda({
        ...ENVIRONMENT,
        kms_key_arn: 'arn:aws:kms:eu-west-1:111111111111:alias/aws/lambda',
      }),
    );
    expect(await violations(rule, stack, FUNCTION)).toEqual([
      'kms_key_arn is arn:aws:kms:eu-west-1:111111111111:alias/aws/lambda, a key AWS manages; use a customer managed key',
    ]);
  });
});
