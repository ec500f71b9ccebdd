import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { isAwsManagedKeyAlias, isSet } from '../values';

export const snsTopicKms: Rule = {
  id: 'sns-topic-kms',
  title: 'SNS topics are encrypted with a customer managed KMS key',
  explanation:
    'Without kms_master_key_id SNS keeps messages without server-side encryption. The AWS managed alias/aws/sns key encrypts them, but its key policy cannot be changed: any principal of the account allowed to use SNS can read through it, and no other account or service can be let in deliberately.',
  fix: 'Set kmsMasterKeyId to the keyArn of a PlatformKey (@genai-sandbox/security), and let the services that publish to the topic (EventBridge, CloudWatch alarms, SageMaker async inference) use the key in its key policy: kms:GenerateDataKey* and kms:Decrypt for their service principal.',
  severity: 'error',
  resourceTypes: ['aws_sns_topic'],
  check({ resource }) {
    const key = attribute(resource, 'kms_master_key_id');
    if (!isSet(key))
      return nonCompliant(
        'kms_master_key_id is not set: messages are stored without server-side encryption',
      );
    if (isAwsManagedKeyAlias(key))
      return nonCompliant(
        `kms_master_key_id is ${key}, the AWS managed key: its key policy cannot be restricted; use a customer managed key`,
      );
    return COMPLIANT;
  },
};
