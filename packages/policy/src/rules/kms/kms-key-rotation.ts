import { attribute } from '../../model/stack-model';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';

export const kmsKeyRotation: Rule = {
  id: 'kms-key-rotation',
  title: 'Symmetric KMS keys rotate their key material',
  explanation:
    'Rotation limits how much data one version of the key material protects and how long a leaked backup of it stays useful; KMS keeps old versions for decryption, so rotating costs nothing in availability.',
  fix: 'Create keys with PlatformKey from @genai-sandbox/security, which sets enable_key_rotation with a yearly rotation_period_in_days.',
  severity: 'error',
  resourceTypes: ['aws_kms_key'],
  check({ resource }) {
    const spec = attribute(resource, 'customer_master_key_spec') ?? 'SYMMETRIC_DEFAULT';
    // KMS rotates neither asymmetric nor HMAC keys, nor keys in a custom (CloudHSM or external) key store.
    if (spec !== 'SYMMETRIC_DEFAULT') return NOT_APPLICABLE;
    if (attribute(resource, 'custom_key_store_id') || attribute(resource, 'xks_key_id'))
      return NOT_APPLICABLE;
    const rotation = attribute(resource, 'enable_key_rotation');
    if (rotation === true || rotation === 'true') return COMPLIANT;
    return nonCompliant(
      `enable_key_rotation is ${rotation === undefined || rotation === null ? 'not set' : JSON.stringify(rotation)} on a SYMMETRIC_DEFAULT key; expected true`,
    );
  },
};
