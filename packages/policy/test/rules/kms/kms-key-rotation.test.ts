import { kmsKeyRotation as rule } from '../../../src/rules/kms/kms-key-rotation';
import { check, stackOf, violations } from '../../helpers';

const key = (settings: Record<string, unknown>) =>
  stackOf({ aws_kms_key: { Platform: { description: 'platform data', ...settings } } });

describe('kms-key-rotation', () => {
  it('passes a symmetric key with rotation enabled', async () => {
    const stack = key({ customer_master_key_spec: 'SYMMETRIC_DEFAULT', enable_key_rotation: true });
    expect(await violations(rule, stack, 'aws_kms_key.Platform')).toEqual([]);
  });

  it('does not apply to asymmetric and HMAC keys, nor to keys in a custom key store', async () => {
    for (const settings of [
      { customer_master_key_spec: 'RSA_2048', key_usage: 'SIGN_VERIFY' },
      { customer_master_key_spec: 'HMAC_256', key_usage: 'GENERATE_VERIFY_MAC' },
      { custom_key_store_id: 'cks-1234567890abcdef0' },
    ]) {
      expect(await check(rule, key(settings), 'aws_kms_key.Platform')).toEqual([
        { status: 'not-applicable' },
      ]);
    }
  });

  it('reads the setting from the plan', async () => {
    const stack = stackOf(
      { aws_kms_key: { Platform: { enable_key_rotation: '${var.rotate}' } } },
      {
        plan: {
          planned_values: {
            root_module: {
              resources: [
                {
                  address: 'aws_kms_key.Platform',
                  mode: 'managed',
                  type: 'aws_kms_key',
                  name: 'Platform',
                  values: {
                    customer_master_key_spec: 'SYMMETRIC_DEFAULT',
                    enable_key_rotation: false,
                  },
                },
              ],
            },
          },
        },
      },
    );
    expect(await violations(rule, stack, 'aws_kms_key.Platform')).toEqual([
      'enable_key_rotation is false on a SYMMETRIC_DEFAULT key; expected true',
    ]);
  });

  it('fails when a key without a spec (symmetric by default) leaves rotation unset', async () => {
    expect(await violations(rule, key({}), 'aws_kms_key.Platform')).toEqual([
      'enable_key_rotation is not set on a SYMMETRIC_DEFAULT key; expected true',
    ]);
  });

  it('fails when rotation is disabled', async () => {
    const stack = key({
      customer_master_key_spec: 'SYMMETRIC_DEFAULT',
      enable_key_rotation: false,
    });
    expect(await violations(rule, stack, 'aws_kms_key.Platform')).toEqual([
      'enable_key_rotation is false on a SYMMETRIC_DEFAULT key; expected true',
    ]);
  });
});
