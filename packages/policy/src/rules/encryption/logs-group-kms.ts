import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { isSet } from '../values';

export const logsGroupKms: Rule = {
  id: 'logs-group-kms',
  title: 'CloudWatch log groups are encrypted with a customer managed KMS key',
  explanation:
    'Without kms_key_id CloudWatch Logs encrypts with a key that no key policy of the platform governs, so anyone allowed logs:GetLogEvents reads the prompts, payloads and network records the group holds. A customer key also puts every read behind kms:Decrypt, which the platform controls and CloudTrail records.',
  fix: 'Set kmsKeyId to the keyArn of a PlatformKey (@genai-sandbox/security), as FlowLogs in @genai-sandbox/networking does; the PlatformKey key policy lets CloudWatch Logs of this account and region use the key (allowCloudWatchLogs, on by default).',
  severity: 'error',
  resourceTypes: ['aws_cloudwatch_log_group'],
  check({ resource }) {
    const key = attribute(resource, 'kms_key_id');
    if (!isSet(key))
      return nonCompliant(
        'kms_key_id is not set: the log group is encrypted with a key that no key policy of the platform controls',
      );
    return COMPLIANT;
  },
};
