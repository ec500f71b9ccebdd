import type { PolicyStatement } from '@genai-sandbox/core';
import { iamArn, regionalArn, type PermissionScope } from '../permission-scope';
import { requestTagged, resourceTagged } from './scope-conditions';
import { cloudFormationStacksStatement } from './cloudformation-stacks';

/**
 * What the shared-services stack needs beyond the keys, roles, functions, state machine, rules,
 * queues, topic, alarms and dashboard it shares with the environments (keys-identity and
 * integration): the observability sink, the secret of the orchestration's GitHub token, the share
 * of the domain with the project environments, and the two CloudFormation stacks of SageMaker
 * Unified Studio with what CloudFormation calls for their DataZone types in the caller's name.
 *
 * No CloudFormation service role: it would need these same DataZone and IAM Identity Center
 * actions, and the deploy role, which may create and update the stacks, could put any DataZone
 * template under it, so it would narrow nothing the deploy role can reach; it would add a role
 * whose boundary admits DataZone and passing the unbounded domain roles. With the caller's
 * credentials the deploy role's policy stays the one place those actions are granted, and the
 * coverage test evaluates them against each type's handler permissions (CloudFormation registry
 * schemas). A domain is created within the one-hour session (the stack's timeout is 30 minutes).
 */
export function deploySharedServicesStatements(scope: PermissionScope): PolicyStatement[] {
  const p = scope.prefix;
  const domains = regionalArn(scope, 'datazone', 'domain/*');
  const shares = regionalArn(scope, 'ram', 'resource-share/*');
  const sinks = regionalArn(scope, 'oam', 'sink/*');
  return [
    // The SMUS domain's and profiles' stacks (`<prefix>-smus-domain`, `-smus-project-profiles`).
    cloudFormationStacksStatement(scope, 'SmusCloudFormationStacks', `${p}-smus-*`),
    {
      // AWS::DataZone::Domain. CreateDomain has no resource type in the IAM catalogue.
      Sid: 'SmusDomainCreate',
      Effect: 'Allow',
      Action: 'datazone:CreateDomain',
      Resource: '*',
    },
    {
      // Domain IDs are generated: the domains of this account and region.
      Sid: 'SmusDomains',
      Effect: 'Allow',
      Action: [
        'datazone:DeleteDomain',
        'datazone:GetDomain',
        'datazone:TagResource',
        'datazone:UntagResource',
        'datazone:UpdateDomain',
      ],
      Resource: domains,
    },
    {
      // AWS::DataZone::ProjectProfile and AWS::DataZone::PolicyGrant: no resource type in the
      // catalogue. The profiles' handlers also read a parameter their schema does not name.
      Sid: 'SmusProfilesAndGrants',
      Effect: 'Allow',
      Action: [
        'datazone:AddPolicyGrant',
        'datazone:CreateProjectProfile',
        'datazone:DeleteProjectProfile',
        'datazone:GetProjectProfile',
        'datazone:ListPolicyGrants',
        'datazone:RemovePolicyGrant',
        'datazone:UpdateProjectProfile',
      ],
      Resource: '*',
    },
    {
      Sid: 'SmusProfileParameters',
      Effect: 'Allow',
      Action: 'ssm:GetParameter',
      Resource: [
        regionalArn(scope, 'ssm', 'parameter/*'),
        `arn:aws:ssm:${scope.region}::parameter/aws/*`,
      ],
    },
    // The domain's execution and service roles, created by bootstrap outside the boundary, each
    // to its service only.
    ...administeredRoleServices(scope).map(
      ([service, roleNames]): PolicyStatement => ({
        Sid: `PassAdministeredRoles${administeredRoleServices(scope).length > 1 ? service.split('.')[0] : ''}`,
        Effect: 'Allow',
        Action: 'iam:PassRole',
        Resource: roleNames.map((name) => iamArn(scope, `role/${name}`)),
        Condition: { StringEquals: { 'iam:PassedToService': service } },
      }),
    ),
    ...(scope.smusSingleSignOn ? singleSignOnStatements(scope.smusSingleSignOn) : []),
    {
      // The domain's share with the project environments: created tagged, never with principals
      // outside the organization.
      Sid: 'DomainShareCreate',
      Effect: 'Allow',
      Action: 'ram:CreateResourceShare',
      Resource: '*',
      Condition: {
        ...requestTagged(scope),
        Bool: { 'ram:RequestedAllowsExternalPrincipals': 'false' },
      },
    },
    {
      Sid: 'DomainShareTagOnCreate',
      Effect: 'Allow',
      Action: 'ram:TagResource',
      Resource: shares,
      Condition: requestTagged(scope),
    },
    {
      Sid: 'DomainShares',
      Effect: 'Allow',
      Action: [
        'ram:AssociateResourceShare',
        'ram:DeleteResourceShare',
        'ram:DisassociateResourceShare',
        'ram:TagResource',
        'ram:UntagResource',
        'ram:UpdateResourceShare',
      ],
      Resource: shares,
      Condition: resourceTagged(scope),
    },
    {
      // The sink gets a generated ID: created tagged ("*" only), then changed by the tag.
      Sid: 'ObservabilitySinkCreate',
      Effect: 'Allow',
      Action: 'oam:CreateSink',
      Resource: '*',
      Condition: requestTagged(scope),
    },
    {
      Sid: 'ObservabilitySinkTagOnCreate',
      Effect: 'Allow',
      Action: 'oam:TagResource',
      Resource: sinks,
      Condition: requestTagged(scope),
    },
    {
      Sid: 'ObservabilitySinks',
      Effect: 'Allow',
      Action: ['oam:DeleteSink', 'oam:PutSinkPolicy', 'oam:TagResource', 'oam:UntagResource'],
      Resource: sinks,
      Condition: resourceTagged(scope),
    },
    {
      // The orchestration's GitHub token secret, created without a value (set out of band): no
      // GetSecretValue or PutSecretValue.
      Sid: 'SecretsWithoutValues',
      Effect: 'Allow',
      Action: [
        'secretsmanager:CreateSecret',
        'secretsmanager:DeleteResourcePolicy',
        'secretsmanager:DeleteSecret',
        'secretsmanager:PutResourcePolicy',
        'secretsmanager:TagResource',
        'secretsmanager:UntagResource',
        'secretsmanager:UpdateSecret',
      ],
      Resource: regionalArn(scope, 'secretsmanager', `secret:${p}-*`),
    },
  ];
}

/**
 * A domain with IAM Identity Center single sign-on: DataZone registers an application in the
 * Identity Center instance with the caller's permissions (AWS::DataZone::Domain handlers). The
 * application's ARN carries the instance owner's account (the management account for an
 * organization instance), so the account is not pinned; the instance is, when configuration
 * names it (sharedServices.domain.singleSignOn.idcInstanceArn).
 */
function singleSignOnStatements(
  singleSignOn: NonNullable<PermissionScope['smusSingleSignOn']>,
): PolicyStatement[] {
  const instanceId = singleSignOn.instanceArn?.split('/').pop() ?? '*';
  const applications = `arn:aws:sso::*:application/${instanceId}/*`;
  return [
    {
      Sid: 'SmusSingleSignOnApplication',
      Effect: 'Allow',
      Action: 'sso:CreateApplication',
      Resource: [
        applications,
        'arn:aws:sso::aws:applicationProvider/*',
        singleSignOn.instanceArn ?? 'arn:aws:sso:::instance/*',
      ],
    },
    {
      Sid: 'SmusSingleSignOnApplications',
      Effect: 'Allow',
      Action: [
        'sso:CreateApplicationAssignment',
        'sso:DeleteApplication',
        'sso:DeleteApplicationAssignment',
        'sso:PutApplicationAccessScope',
        'sso:PutApplicationAssignmentConfiguration',
        'sso:PutApplicationAuthenticationMethod',
        'sso:PutApplicationGrant',
      ],
      Resource: applications,
    },
    {
      // No resource type in the catalogue.
      Sid: 'SmusSingleSignOnInstances',
      Effect: 'Allow',
      Action: [
        'sso:CreateManagedApplicationInstance',
        'sso:DeleteManagedApplicationInstance',
        'sso:ListInstances',
      ],
      Resource: '*',
    },
  ];
}

/** The administered roles by the service they are passed to, services sorted. */
function administeredRoleServices(scope: PermissionScope): [string, string[]][] {
  const byService = new Map<string, string[]>();
  for (const role of scope.administeredRoles)
    byService.set(role.service, [...(byService.get(role.service) ?? []), role.name]);
  return [...byService.entries()].sort(([a], [b]) => a.localeCompare(b));
}
