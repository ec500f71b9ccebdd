import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { isAwsManagedKeyAlias, isSet } from '../values';

export const sqsQueueKms: Rule = {
  id: 'sqs-queue-kms',
  title: 'SQS queues are encrypted with a customer managed KMS key',
  explanation:
    'SSE-SQS (sqs_managed_sse_enabled, the default for new queues) and the AWS managed alias/aws/sqs key both encrypt, but with keys whose policy the platform cannot write: every principal allowed sqs:ReceiveMessage reads the messages, which for dead-letter queues are failed events with their full payload. A customer key adds kms:Decrypt, which the platform controls and CloudTrail records.',
  fix: 'Set kmsMasterKeyId to the keyArn of a PlatformKey (@genai-sandbox/security), leave sqsManagedSseEnabled unset, and let the services that send to the queue (EventBridge, SNS, Lambda destinations) use the key in its key policy: kms:GenerateDataKey* and kms:Decrypt for their service principal.',
  severity: 'error',
  resourceTypes: ['aws_sqs_queue'],
  check({ resource }) {
    const key = attribute(resource, 'kms_master_key_id');
    if (!isSet(key)) {
      const managedSse = attribute(resource, 'sqs_managed_sse_enabled');
      return nonCompliant(
        managedSse === true || managedSse === 'true'
          ? 'kms_master_key_id is not set and sqs_managed_sse_enabled is true: SSE-SQS encrypts with a key SQS owns, not a customer managed key'
          : 'kms_master_key_id is not set: the queue is not encrypted with a customer managed key (at most with SSE-SQS, a key SQS owns)',
      );
    }
    if (isAwsManagedKeyAlias(key))
      return nonCompliant(
        `kms_master_key_id is ${key}, the AWS managed key: its key policy cannot be restricted; use a customer managed key`,
      );
    return COMPLIANT;
  },
};
