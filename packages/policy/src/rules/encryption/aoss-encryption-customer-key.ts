import { attribute, type StackModel, type TfResource } from '../../model/stack-model';
import { COMPLIANT, type Finding, nonCompliant, NOT_APPLICABLE, type Rule } from '../../types';
import { isSet, shown } from '../values';

interface EncryptionPolicy {
  Rules?: { ResourceType?: unknown; Resource?: unknown }[];
  AWSOwnedKey?: unknown;
  KmsARN?: unknown;
}

/** The policy document, or why it is not one (a `${jsonencode(...)}` expression, a list, bad JSON). */
function document(policy: TfResource): EncryptionPolicy | string {
  const text = attribute(policy, 'policy');
  if (typeof text !== 'string') return `policy is ${shown(text)}, not a JSON document`;
  try {
    const parsed: unknown = JSON.parse(text);
    if (typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed))
      return parsed as EncryptionPolicy;
    return 'policy is not one JSON object with Rules, AWSOwnedKey and KmsARN';
  } catch {
    return `policy is not JSON (${text.slice(0, 60)}): render it with JSON.stringify`;
  }
}

/** Whether a rule of the policy names `collection/<name>`; a `*` in a pattern matches any characters. */
function coversCollection(policy: EncryptionPolicy, collection: string): boolean {
  return (Array.isArray(policy.Rules) ? policy.Rules : []).some(
    (rule) =>
      String(rule?.ResourceType).toLowerCase() === 'collection' &&
      [rule.Resource ?? []].flat().some((pattern) => {
        const source = String(pattern)
          .split('*')
          .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, '\\$&'));
        return new RegExp(`^${source.join('.*')}$`).test(`collection/${collection}`);
      }),
  );
}

const isEncryptionPolicy = (resource: TfResource) =>
  resource.type === 'aws_opensearchserverless_security_policy' &&
  attribute(resource, 'type') === 'encryption';

function checkPolicy(resource: TfResource): Finding | Finding[] {
  if (!isEncryptionPolicy(resource)) return NOT_APPLICABLE;
  const policy = document(resource);
  if (typeof policy === 'string') return nonCompliant(policy);
  const findings: Finding[] = [];
  if (policy.AWSOwnedKey !== false)
    findings.push(
      nonCompliant(
        `AWSOwnedKey is ${shown(policy.AWSOwnedKey)}; expected false, with a customer managed key in KmsARN`,
      ),
    );
  if (!isSet(policy.KmsARN))
    findings.push(
      nonCompliant(`KmsARN is ${shown(policy.KmsARN)}; expected the ARN of a customer managed key`),
    );
  return findings.length > 0 ? findings : COMPLIANT;
}

function checkCollection(resource: TfResource, stack: StackModel): Finding {
  const name = attribute(resource, 'name');
  if (!isSet(name))
    return nonCompliant(`name is ${shown(name)}: no encryption policy can be matched to it`);
  const covered = stack.resources.filter(isEncryptionPolicy).some((candidate) => {
    const policy = document(candidate);
    return typeof policy !== 'string' && coversCollection(policy, name);
  });
  if (covered) return COMPLIANT;
  return nonCompliant(
    `no aws_opensearchserverless_security_policy of type encryption in this stack has a rule for collection/${name}: the collection would take whichever policy of the account matches, or fail to create`,
  );
}

export const aossEncryptionCustomerKey: Rule = {
  id: 'aoss-encryption-customer-key',
  title: 'OpenSearch Serverless collections are encrypted with a customer managed KMS key',
  explanation:
    'A collection takes its key from the encryption policy whose rules match its name when it is created, and cannot change it afterwards. With AWSOwnedKey the vectors and documents of a knowledge base are encrypted with a key no key policy of the platform governs. The stack must therefore hold the encryption policy for each of its collections, with AWSOwnedKey false and a KmsARN; a collection covered by a policy of another stack must suppress the rule with a reason naming that policy.',
  fix: 'Create an aws_opensearchserverless_security_policy of type "encryption" whose policy (rendered with JSON.stringify) has Rules [{ResourceType: "collection", Resource: ["collection/<name>"]}], AWSOwnedKey false and KmsARN the keyArn of a PlatformKey (@genai-sandbox/security), and make the collection depend on it.',
  severity: 'error',
  resourceTypes: [
    'aws_opensearchserverless_security_policy',
    'aws_opensearchserverless_collection',
  ],
  check({ resource, stack }) {
    return resource.type === 'aws_opensearchserverless_collection'
      ? checkCollection(resource, stack)
      : checkPolicy(resource);
  },
};
