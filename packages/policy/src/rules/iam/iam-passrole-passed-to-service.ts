import { splitAction } from '../../iam/catalog';
import type { Statement } from '../../iam/policy-document';
import type { Rule, RuleInput } from '../../types';
import {
  checkStatements,
  expand,
  isEveryAction,
  grantingIdentityPolicies,
  POLICY_RESOURCE_TYPES,
} from './statements';

const grantsPassRole = (iam: RuleInput['iam'], patterns: readonly string[]) =>
  patterns.some(
    (pattern) =>
      isEveryAction(pattern) ||
      (splitAction(pattern)[0].toLowerCase() === 'iam' &&
        expand(iam, pattern).some((action) => action.name === 'PassRole')),
  );

function passedToServiceCondition(statement: Statement): boolean {
  return statement.conditions.some(
    (condition) =>
      condition.key.toLowerCase() === 'iam:passedtoservice' &&
      (condition.operator === 'StringEquals' || condition.operator === 'StringLike') &&
      condition.values.length > 0 &&
      !condition.values.includes('*'),
  );
}

export const iamPassrolePassedToService: Rule = {
  id: 'iam-passrole-passed-to-service',
  title: 'iam:PassRole is limited to the services the role is passed to',
  explanation:
    "iam:PassRole lets a principal hand a role to a service (Lambda, SageMaker, EC2) that then acts with the role's permissions; without an iam:PassedToService condition it can pass the role to any service that runs its code, which is the classic privilege escalation path.",
  fix: 'Add Condition StringEquals iam:PassedToService (e.g. sagemaker.amazonaws.com) to the PassRole statement and name the role ARNs as Resource.',
  severity: 'error',
  resourceTypes: POLICY_RESOURCE_TYPES,
  check({ resource, stack, iam }) {
    return checkStatements(resource, grantingIdentityPolicies(stack, resource), (statement) => {
      if (statement.effect !== 'Allow') return [];
      const grants =
        statement.notActions.length > 0
          ? !grantsPassRole(iam, statement.notActions)
          : grantsPassRole(iam, statement.actions);
      if (!grants || passedToServiceCondition(statement)) return [];
      const via =
        statement.notActions.length > 0
          ? 'NotAction'
          : statement.actions.filter((pattern) => grantsPassRole(iam, [pattern])).join(', ');
      return [
        `grants iam:PassRole (through ${via}) without a StringEquals or StringLike condition on iam:PassedToService`,
      ];
    });
  },
};
