import { attribute } from '../../model/stack-model';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';
import { blocks, isAwsManagedKeyAlias, isSet } from '../values';

export const lambdaEnvironmentKms: Rule = {
  id: 'lambda-environment-kms',
  title: 'Lambda environment variables are encrypted with a customer managed KMS key',
  explanation:
    'Without kms_key_arn Lambda encrypts environment variables with the AWS managed key aws/lambda, whose key policy lets anyone in the account with lambda:GetFunctionConfiguration read them: endpoint names, routing settings and anything else a handler is configured with. A customer key puts every read behind kms:Decrypt on a key the platform governs.',
  fix: 'Set kmsKeyArn to the keyArn of the PlatformKey (@genai-sandbox/security); PlatformFunction (@genai-sandbox/compute) does, and gives its role kms:Decrypt on the key.',
  severity: 'error',
  resourceTypes: ['aws_lambda_function'],
  check({ resource }) {
    const variables = blocks(attribute(resource, 'environment')).flatMap((block) =>
      blocks(block.variables).flatMap((map) => Object.keys(map)),
    );
    if (variables.length === 0) return NOT_APPLICABLE;
    const key = attribute(resource, 'kms_key_arn');
    if (!isSet(key))
      return nonCompliant(
        `kms_key_arn is not set: the environment (${variables.join(', ')}) is encrypted with the AWS managed key aws/lambda`,
      );
    if (isAwsManagedKeyAlias(key))
      return nonCompliant(`kms_key_arn is ${key}, a key AWS manages; use a customer managed key`);
    return COMPLIANT;
  },
};
