import { describeStatement, policiesOf, type Statement } from '../../iam/policy-document';
import { resourcesReferencing } from '../../model/stack-model';
import { COMPLIANT, NOT_APPLICABLE, nonCompliant, type Rule } from '../../types';

const NARROWING_KEYS = [
  'aws:PrincipalAccount',
  'aws:PrincipalOrgID',
  'aws:PrincipalArn',
  'kms:CallerAccount',
  'aws:SourceAccount',
  'aws:SourceArn',
  'kms:ViaService',
];

/**
 * A condition narrows a wildcard principal when it requires one of the keys to match given
 * values: negated, IfExists, ForAllValues and Null operators, or a value of only wildcards, let
 * strangers through.
 */
const narrows = ({ operator, key, values }: Statement['conditions'][number]) =>
  NARROWING_KEYS.some((known) => known.toLowerCase() === key.toLowerCase()) &&
  /^(ForAnyValue:)?(StringEquals|StringEqualsIgnoreCase|StringLike|ArnEquals|ArnLike)$/i.test(
    operator,
  ) &&
  values.length > 0 &&
  values.every((value) => !/^[*?]*$/.test(value));

/** Allow with NotPrincipal admits everyone but the named principals: a wildcard in effect. */
const grantee = (s: Statement) =>
  s.principals?.wildcard
    ? 'Principal "*"'
    : `everyone but NotPrincipal ${[...(s.notPrincipals?.aws ?? []), ...(s.notPrincipals?.service ?? [])].join(', ')}`;

export const kmsKeyPolicyNoWildcardPrincipal: Rule = {
  id: 'kms-key-policy-no-wildcard-principal',
  title: 'Key policies do not allow any principal without narrowing it',
  explanation:
    'A key policy is the only gate KMS evaluates for other accounts: an Allow to Principal "*" without a condition on the caller\'s account, organization or the service it comes through lets any AWS account use the key to decrypt the platform\'s data.',
  fix: 'Create keys with PlatformKey from @genai-sandbox/security, which names every principal; grant other accounts through downstreamAccountIds (kms:ViaService and kms:CallerAccount conditions), never through "*".',
  severity: 'error',
  resourceTypes: ['aws_kms_key', 'aws_kms_key_policy'],
  check({ resource, stack }) {
    const policies = policiesOf(resource);
    if (policies.length === 0) {
      // A separate aws_kms_key_policy holds the policy; that resource is checked on its own.
      if (
        resource.type === 'aws_kms_key' &&
        resourcesReferencing(stack, resource, 'aws_kms_key_policy').length > 0
      )
        return NOT_APPLICABLE;
      return nonCompliant(
        'no policy attribute: KMS applies its default key policy, which this review cannot see; set an explicit policy',
      );
    }
    const findings = policies.flatMap((policy) => {
      if (policy.parseError) return [nonCompliant(`${policy.attribute} is ${policy.parseError}`)];
      return policy.statements
        .filter(
          (s) =>
            s.effect === 'Allow' &&
            (s.principals?.wildcard || s.notPrincipals) &&
            !s.conditions.some(narrows),
        )
        .map((s) =>
          nonCompliant(
            `${describeStatement(policy, s)} allows ${grantee(s)} to ${[...s.actions, ...s.notActions.map((a) => `all but ${a}`)].join(', ')} without a StringEquals/StringLike/ArnEquals/ArnLike condition on ${NARROWING_KEYS.join(', ')}`,
          ),
        );
    });
    return findings.length > 0 ? findings : COMPLIANT;
  },
};
