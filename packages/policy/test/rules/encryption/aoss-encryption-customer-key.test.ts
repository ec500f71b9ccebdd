import { aossEncryptionCustomerKey as rule } from '../../../src/rules/encryption/aoss-encryption-customer-key';
import { check, stackOf, violations } from '../../helpers';

const POLICY = 'aws_opensearchserverless_security_policy.KnowledgeBase_Encryption_3C5E7A9B';
const COLLECTION = 'aws_opensearchserverless_collection.KnowledgeBase_Collection_8D0F2B4C';
const KEY = '${aws_kms_key.PlatformKey_9FD66B6F.arn}';

const securityPolicy = (
  type: string,
  policy: unknown,
  name = 'KnowledgeBase_Encryption_3C5E7A9B',
) => ({
  [name]: {
    name: `genai-dev-kb-${type === 'encryption' ? 'enc' : 'net'}`,
    type,
    policy: typeof policy === 'string' ? policy : JSON.stringify(policy),
  },
});
const encryptionDocument = (patterns: string[], key: Record<string, unknown>) => ({
  Rules: [{ ResourceType: 'collection', Resource: patterns }],
  ...key,
});
const CUSTOMER_KEY = { AWSOwnedKey: false, KmsARN: KEY };
const collection = {
  aws_opensearchserverless_collection: {
    KnowledgeBase_Collection_8D0F2B4C: {
      name: 'genai-dev-kb-support',
      type: 'VECTORSEARCH',
      depends_on: [POLICY],
    },
  },
};

describe('aoss-encryption-customer-key', () => {
  describe('on encryption policies', () => {
    it('passes a policy with a customer managed key', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(['collection/genai-dev-kb*'], CUSTOMER_KEY),
        ),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([]);
    });

    it('passes when the plan does not know the policy yet (the key ARN is unknown)', async () => {
      const stack = stackOf(
        {
          aws_opensearchserverless_security_policy: securityPolicy(
            'encryption',
            encryptionDocument(['collection/genai-dev-kb*'], CUSTOMER_KEY),
          ),
        },
        {
          plan: {
            planned_values: {
              root_module: {
                resources: [
                  {
                    address: POLICY,
                    mode: 'managed',
                    type: 'aws_opensearchserverless_security_policy',
                    name: 'KnowledgeBase_Encryption_3C5E7A9B',
                    values: { description: null, name: 'genai-dev-kb-enc', type: 'encryption' },
                  },
                ],
              },
            },
          },
        },
      );
      expect(await violations(rule, stack, POLICY)).toEqual([]);
    });

    it('does not apply to network policies', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy('network', [
          {
            Rules: [{ ResourceType: 'collection', Resource: ['collection/genai-dev-kb*'] }],
            AllowFromPublic: false,
            SourceVPCEs: ['vpce-0123456789abcdef0'],
          },
        ]),
      });
      expect(await check(rule, stack, POLICY)).toEqual([{ status: 'not-applicable' }]);
    });

    it('fails when the policy uses an AWS owned key', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(['collection/genai-dev-kb*'], { AWSOwnedKey: true }),
        ),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([
        'AWSOwnedKey is true; expected false, with a customer managed key in KmsARN',
        'KmsARN is not set; expected the ARN of a customer managed key',
      ]);
    });

    it('fails when AWSOwnedKey is false but KmsARN is missing', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(['collection/genai-dev-kb*'], { AWSOwnedKey: false }),
        ),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([
        'KmsARN is not set; expected the ARN of a customer managed key',
      ]);
    });

    it('fails when AWSOwnedKey is left out', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(['collection/genai-dev-kb*'], { KmsARN: KEY }),
        ),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([
        'AWSOwnedKey is not set; expected false, with a customer managed key in KmsARN',
      ]);
    });

    it('fails when the policy is a Terraform expression instead of JSON', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          '${jsonencode({"AWSOwnedKey" = false})}',
        ),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([
        'policy is not JSON (${jsonencode({"AWSOwnedKey" = false})}): render it with JSON.stringify',
      ]);
    });

    it('fails when the policy is a list, as network policies are', async () => {
      const stack = stackOf({
        aws_opensearchserverless_security_policy: securityPolicy('encryption', [
          encryptionDocument(['collection/genai-dev-kb*'], CUSTOMER_KEY),
        ]),
      });
      expect(await violations(rule, stack, POLICY)).toEqual([
        'policy is not one JSON object with Rules, AWSOwnedKey and KmsARN',
      ]);
    });
  });

  describe('on collections', () => {
    it('passes a collection that a prefix pattern of an encryption policy covers', async () => {
      const stack = stackOf({
        ...collection,
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(['collection/genai-dev-kb*'], CUSTOMER_KEY),
        ),
      });
      expect(await violations(rule, stack, COLLECTION)).toEqual([]);
    });

    it('passes a collection named exactly by an encryption policy', async () => {
      const stack = stackOf({
        ...collection,
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(
            ['collection/genai-dev-other', 'collection/genai-dev-kb-support'],
            CUSTOMER_KEY,
          ),
        ),
      });
      expect(await violations(rule, stack, COLLECTION)).toEqual([]);
    });

    it('fails when no encryption policy is in the stack', async () => {
      expect(await violations(rule, stackOf(collection), COLLECTION)).toEqual([
        'no aws_opensearchserverless_security_policy of type encryption in this stack has a rule for collection/genai-dev-kb-support: the collection would take whichever policy of the account matches, or fail to create',
      ]);
    });

    it('fails when only a network policy names the collection', async () => {
      const stack = stackOf({
        ...collection,
        aws_opensearchserverless_security_policy: securityPolicy(
          'network',
          [
            {
              Rules: [{ ResourceType: 'collection', Resource: ['collection/genai-dev-kb*'] }],
              AllowFromPublic: false,
            },
          ],
          'KnowledgeBase_Network_5A7C9E1F',
        ),
      });
      expect(await violations(rule, stack, COLLECTION)).toEqual([
        expect.stringContaining('has a rule for collection/genai-dev-kb-support'),
      ]);
    });

    it('fails when the encryption policy names other collections', async () => {
      const stack = stackOf({
        ...collection,
        aws_opensearchserverless_security_policy: securityPolicy(
          'encryption',
          encryptionDocument(
            ['collection/genai-dev-kb', 'collection/genai-dev-kb-support-*'],
            CUSTOMER_KEY,
          ),
        ),
      });
      expect(await violations(rule, stack, COLLECTION)).toEqual([
        expect.stringContaining('has a rule for collection/genai-dev-kb-support'),
      ]);
    });
  });
});
