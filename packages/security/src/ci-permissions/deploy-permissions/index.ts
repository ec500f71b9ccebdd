import type { PolicyStatement } from '@genai-sandbox/core';
import type { PermissionScope } from '../permission-scope';
import { deployApiGatewayStatements } from './api-gateway';
import { deployGenaiStatements, guardrailCreateStatements } from './genai';
import { deployInferenceEdgeStatements } from './inference-edge';
import { deployIntegrationStatements } from './integration';
import { deployKeysIdentityStatements } from './keys-identity';
import { deployMlStatements, smusBlueprintStatements } from './ml';
import { deployNetworkStorageStatements } from './network-storage';
import { deploySharedServicesStatements } from './shared-services';

/**
 * What the GitHub deploy role may do: create, change and delete what the platform's stacks manage
 * in its environment's account, and nothing else. Never an administrator or PowerUser policy.
 *
 * How each service is scoped, in order of preference:
 * 1. by name: every physical name comes from the naming helper and starts with `<platform>-<env>-`
 *    (Glue databases with underscores, log groups as `/<platform>/<env>/...`), so ARNs end in
 *    `<prefix>-*`;
 * 2. by tag, where AWS gives resources random IDs (EC2, KMS keys, Bedrock, auto scaling targets,
 *    API Gateway REST APIs and usage plans):
 *    creating requires `aws:RequestTag/platform` = the platform name (the provider's default_tags
 *    send it), changing requires `aws:ResourceTag/platform`;
 * 3. `"Resource": "*"` only for actions the IAM catalogue says support nothing narrower (KMS
 *    CreateKey, Lake Formation grants, CloudWatch Logs deliveries, ...), with a condition where one
 *    exists.
 *
 * Everything runs inside the permissions boundary, which also caps these grants at the platform's
 * services and region.
 */

export { deployApiGatewayStatements } from './api-gateway';
export { deployGenaiStatements, guardrailCreateStatements } from './genai';
export { deployInferenceEdgeStatements } from './inference-edge';
export { deployInlineStatements } from './inline';
export { deployIntegrationStatements } from './integration';
export { deployKeysIdentityStatements } from './keys-identity';
export { deployMlStatements, smusBlueprintStatements } from './ml';
export { deployNetworkStorageStatements } from './network-storage';
export { deploySharedServicesStatements } from './shared-services';
export {
  EC2_CREATE_ACTIONS,
  PASS_ROLE_SERVICES,
  SERVICE_LINKED_ROLE_SERVICES,
} from './scope-conditions';

/**
 * The statements of the environments' lists that the shared-services stack uses too, by Sid: its
 * keys, log groups, bounded roles, functions, state machine, rules, queues, topic, alarms and
 * dashboard. Not what only environments have (API Gateway's logging role, service-linked roles,
 * event source mappings, schedules, ECR, budgets, observability links, secret values).
 */
const SHARED_SERVICES_SIDS = {
  'keys-identity': [
    'KmsCreateTagged',
    'KmsTagOnCreate',
    'KmsManageTagged',
    'KmsGrantsForServices',
    'KmsAliases',
    'LogGroups',
    'LogDeliveries',
    'IamRolesWithBoundary',
    'IamRoles',
    'IamAttachPolicies',
    'IamPolicies',
    'IamPassRoleToPlatformServices',
  ],
  integration: [
    'Lambda',
    'StepFunctions',
    'EventBridge',
    'Queues',
    'Topics',
    'AlarmsAndDashboards',
  ],
} as const;

/** The statements of `statements` with these Sids, in their order; a Sid that is gone fails. */
function withSids(
  statements: readonly PolicyStatement[],
  sids: readonly string[],
): PolicyStatement[] {
  const missing = sids.filter((sid) => !statements.some((statement) => statement.Sid === sid));
  if (missing.length > 0)
    throw new Error(
      `deployManagedStatements: the shared-services account uses statements ${missing.join(', ')}, which the deploy lists no longer have; update SHARED_SERVICES_SIDS`,
    );
  return statements.filter((statement) => statement.Sid && sids.includes(statement.Sid));
}

/** The deploy role's managed policies, by purpose suffix (`<prefix>-github-deploy-<suffix>`). */
export function deployManagedStatements(
  scope: PermissionScope,
): Readonly<Record<string, readonly PolicyStatement[]>> {
  if (scope.sharedServices)
    return {
      'keys-identity': withSids(
        deployKeysIdentityStatements(scope),
        SHARED_SERVICES_SIDS['keys-identity'],
      ),
      integration: withSids(deployIntegrationStatements(scope), SHARED_SERVICES_SIDS.integration),
      'shared-services': deploySharedServicesStatements(scope),
    };
  return {
    'network-storage': deployNetworkStorageStatements(scope),
    'keys-identity': deployKeysIdentityStatements(scope),
    ml: [...deployMlStatements(scope), ...deployApiGatewayStatements(scope)],
    integration: deployIntegrationStatements(scope),
    genai: deployGenaiStatements(scope),
    'guardrail-create': guardrailCreateStatements(scope),
    'inference-edge': deployInferenceEdgeStatements(scope),
    ...(scope.hostsSmusProjects ? { 'smus-blueprints': smusBlueprintStatements(scope) } : {}),
  };
}
