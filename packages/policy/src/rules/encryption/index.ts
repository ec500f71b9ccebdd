import type { Rule } from '../../types';
import { aossEncryptionCustomerKey } from './aoss-encryption-customer-key';
import { logsGroupKms } from './logs-group-kms';
import { logsGroupRetention } from './logs-group-retention';
import { sagemakerEndpointConfigKms } from './sagemaker-endpoint-config-kms';
import { snsTopicKms } from './sns-topic-kms';
import { sqsQueueKms } from './sqs-queue-kms';

export const encryptionRules: readonly Rule[] = [
  logsGroupKms,
  logsGroupRetention,
  snsTopicKms,
  sqsQueueKms,
  sagemakerEndpointConfigKms,
  aossEncryptionCustomerKey,
];
