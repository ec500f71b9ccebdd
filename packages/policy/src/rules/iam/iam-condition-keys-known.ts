import type { Rule } from '../../types';
import { checkStatements, POLICY_RESOURCE_TYPES } from './statements';

/** The IAM condition operators (IAM JSON policy reference, "Condition operators"). */
const OPERATORS = new Set([
  ...['Equals', 'NotEquals', 'EqualsIgnoreCase', 'NotEqualsIgnoreCase', 'Like', 'NotLike'].map(
    (suffix) => `String${suffix}`,
  ),
  ...['Numeric', 'Date'].flatMap((type) =>
    ['Equals', 'NotEquals', 'LessThan', 'LessThanEquals', 'GreaterThan', 'GreaterThanEquals'].map(
      (suffix) => `${type}${suffix}`,
    ),
  ),
  ...['ArnEquals', 'ArnNotEquals', 'ArnLike', 'ArnNotLike'],
  ...['Bool', 'BinaryEquals', 'IpAddress', 'NotIpAddress'],
]);

/** `ForAnyValue:StringLikeIfExists` and the like; Null takes no IfExists. */
function operatorKnown(operator: string): boolean {
  if (operator === 'Null') return true;
  const base = operator.replace(/^For(?:AllValues|AnyValue):/, '').replace(/IfExists$/, '');
  return OPERATORS.has(base);
}

export const iamConditionKeysKnown: Rule = {
  id: 'iam-condition-keys-known',
  title: 'IAM policy conditions use known keys and operators',
  explanation:
    'A condition on a key that no request carries is never true for a positive operator and always true for a negated one: a Deny guard stops nothing, an Allow guard silently widens or closes, and IAM accepts either without a word. An unknown operator makes the whole policy invalid.',
  fix: 'Use the global aws:* keys or the service keys of the AWS Service Authorization Reference (for an OIDC provider, the claims AWS evaluates, such as aud and sub), and the operators of the IAM JSON policy reference, e.g. StringEquals, ArnLike, BoolIfExists.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, iam }) {
    return checkStatements(
      resource,
      () => true,
      (statement) => {
        const operators = [...new Set(statement.conditions.map((condition) => condition.operator))];
        return [
          ...operators
            .filter((operator) => !operatorKnown(operator))
            .map((operator) => `${operator} is not an IAM condition operator`),
          ...statement.conditions
            .filter((condition) => !iam.conditionKeyKnown(condition.key))
            .map(
              (condition) =>
                `condition key ${condition.key} (${condition.operator}) is not known to IAM`,
            ),
        ];
      },
    );
  },
};
