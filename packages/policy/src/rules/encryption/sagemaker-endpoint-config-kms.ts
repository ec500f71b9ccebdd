import { attribute } from '../../model/stack-model';
import { COMPLIANT, type Finding, nonCompliant, type Rule } from '../../types';
import { blocks, childBlocks, isAwsManagedKeyAlias, isSet, shown } from '../values';

function keyProblem(name: string, key: unknown): string | undefined {
  if (!isSet(key)) return `${name} is not set`;
  if (isAwsManagedKeyAlias(key)) return `${name} is ${key}, an AWS managed key`;
  return undefined;
}

export const sagemakerEndpointConfigKms: Rule = {
  id: 'sagemaker-endpoint-config-kms',
  title: 'SageMaker endpoint configurations encrypt volumes and async results with a customer key',
  explanation:
    'kms_key_arn encrypts the storage volumes of the instances that host the model, which hold the model artifacts; the output_config kms_key_id of asynchronous inference encrypts the results SageMaker writes to S3, which hold the inferences themselves. Without them the platform key policy does not govern either. SageMaker refuses kms_key_arn for instance types with local NVMe storage (encrypted by the instance hardware): suppress the rule on such a configuration with that reason.',
  fix: 'Set kmsKeyArn, and asyncInferenceConfig.outputConfig.kmsKeyId when the endpoint is asynchronous, to the keyArn of the PlatformKey (@genai-sandbox/security) that encrypts the MlBucket the results go to; the endpoint execution role needs kms:Decrypt and kms:GenerateDataKey on it.',
  severity: 'error',
  resourceTypes: ['aws_sagemaker_endpoint_configuration'],
  check({ resource }) {
    const findings: Finding[] = [];
    const volumes = keyProblem('kms_key_arn', attribute(resource, 'kms_key_arn'));
    if (volumes)
      findings.push(
        nonCompliant(
          `${volumes}: the ML storage volumes of the endpoint instances are not encrypted with a customer managed key`,
        ),
      );
    const outputs = childBlocks(
      blocks(attribute(resource, 'async_inference_config')),
      'output_config',
    );
    for (const output of outputs) {
      const results = keyProblem(
        'async_inference_config output_config kms_key_id',
        output.kms_key_id,
      );
      if (results)
        findings.push(
          nonCompliant(
            `${results}: asynchronous inference results written to ${shown(output.s3_output_path)} are not encrypted with a customer managed key`,
          ),
        );
    }
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
