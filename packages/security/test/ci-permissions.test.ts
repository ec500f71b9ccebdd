import {
  boundaryProtections,
  deployInlineStatements,
  deployManagedStatements,
  IAM_POLICY_SIZE_LIMITS,
  type PermissionScope,
  PLATFORM_SERVICES,
  planRoleDenies,
  policySize,
  READ_SCOPES,
  readOnlyStatements,
  SHARED_SERVICES_ACCOUNT_SERVICES,
} from '../src';

/**
 * The CI roles' permission sets on their own, for a scope like the bootstrap stack's: each fits
 * in one managed policy, stays within the boundary's services, and is scoped to the
 * environment's names. How they compose into roles is tested with the bootstrap stack
 * (apps/bootstrap), and what they let the roles do against every synthesized resource type in
 * tools/platform/test/ci-role-coverage.test.ts.
 */
const scope: PermissionScope = {
  platform: 'genai',
  environment: 'dev',
  accountId: '111111111111',
  region: 'eu-west-1',
  prefix: 'genai-dev',
  stateBucketName: 'genai-tfstate-111111111111',
  stateAccessLogBucketName: 'genai-dev-tfstate-access-logs-111111111111',
  stateKeyArn: 'arn:aws:kms:eu-west-1:111111111111:key/0b7e1b9c-state',
  permissionsBoundaryArn: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
  modelPackageGroups: ['genai-llm-finetuned'],
  observabilitySinkArn: 'arn:aws:oam:eu-west-1:444444444444:sink/0f1e2d3c',
  hostsSmusProjects: true,
  projectRoleArns: ['arn:aws:iam::111111111111:role/datazone_usr_role_prj1_env1'],
  sharedServices: false,
  administeredRoles: [{ name: 'genai-dev-smus-provisioning', service: 'datazone.amazonaws.com' }],
};

const actionsOf = (statements: readonly { Action?: string | readonly string[] }[]) =>
  statements.flatMap((statement) =>
    statement.Action === undefined
      ? []
      : typeof statement.Action === 'string'
        ? [statement.Action]
        : [...statement.Action],
  );

describe('the CI permission sets', () => {
  it('fit each deploy and read-only set in one managed policy', () => {
    const sets = { ...deployManagedStatements(scope), ...readOnlyStatements(scope) };
    expect(Object.keys(sets).sort()).toEqual([
      'genai',
      'guardrail-create',
      'inference-edge',
      'integration',
      'keys-identity',
      'ml',
      'network-storage',
      'read-only',
      'read-only-services',
      'smus-blueprints',
    ]);
    for (const [name, statements] of Object.entries(sets)) {
      expect({
        name,
        fits: policySize(statements) <= IAM_POLICY_SIZE_LIMITS.managedPolicy,
      }).toEqual({ name, fits: true });
    }
  });

  it("grants only the boundary's services", () => {
    const granted = actionsOf([
      ...Object.values(deployManagedStatements(scope)).flat(),
      ...deployInlineStatements(scope),
      ...READ_SCOPES.filter((read) => !read.sharedServicesOnly).map((read) => ({
        Action: read.actions,
      })),
    ]);
    const outside = granted.filter(
      (action) =>
        !(PLATFORM_SERVICES as readonly string[]).includes(action.slice(0, action.indexOf(':'))),
    );
    expect(outside).toEqual([]);
  });

  it('keeps every Sid unique within a policy and READ_SCOPES to one list', () => {
    for (const statements of Object.values(deployManagedStatements(scope))) {
      const sids = statements.map((statement) => statement.Sid);
      expect(new Set(sids).size).toBe(sids.length);
    }
    expect(new Set(READ_SCOPES.map((read) => read.sid)).size).toBe(READ_SCOPES.length);
  });

  it('protects the CI roles and their policies by name, not every role named github-*', () => {
    const [identities] = boundaryProtections(scope, 'alias/genai-dev-state');
    expect(identities.Resource).toEqual([
      'arn:aws:iam::111111111111:role/genai-dev-github-plan',
      'arn:aws:iam::111111111111:role/genai-dev-github-deploy',
      'arn:aws:iam::111111111111:policy/genai-dev-github-read-only*',
      'arn:aws:iam::111111111111:policy/genai-dev-github-deploy-*',
      scope.permissionsBoundaryArn,
      'arn:aws:iam::111111111111:oidc-provider/*',
    ]);
  });

  it('fails when the plan role could read data: its denies cover every data read', () => {
    const [dataReads] = planRoleDenies(scope);
    expect(dataReads.Effect).toBe('Deny');
    expect(actionsOf([dataReads])).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'logs:GetLogEvents']),
    );
  });

  it("links only to the configured sink and names budgets without a region, as IAM's ARNs do", () => {
    const integration = deployManagedStatements(scope).integration;
    expect(integration.find((statement) => statement.Sid === 'ObservabilityLinkCreate')).toEqual(
      expect.objectContaining({ Resource: scope.observabilitySinkArn }),
    );
    expect(integration.find((statement) => statement.Sid === 'Budgets')?.Resource).toBe(
      'arn:aws:budgets::111111111111:budget/genai-dev-*',
    );
  });
});

describe('the SMUS project roles', () => {
  const attach = (projectRoleArns: readonly string[]) =>
    Object.values(deployManagedStatements({ ...scope, projectRoleArns }))
      .flat()
      .filter((statement) => statement.Sid === 'IamAttachToProjectRoles');

  it("lets the deploy role attach and detach only the platform's policies, on those roles only", () => {
    expect(attach(scope.projectRoleArns)).toEqual([
      {
        Sid: 'IamAttachToProjectRoles',
        Effect: 'Allow',
        Action: ['iam:AttachRolePolicy', 'iam:DetachRolePolicy'],
        Resource: [...scope.projectRoleArns],
        Condition: {
          ArnLike: { 'iam:PolicyARN': 'arn:aws:iam::111111111111:policy/genai-dev-*' },
        },
      },
    ]);
  });

  it('grants nothing on roles outside the platform when no project names one', () => {
    expect(attach([])).toEqual([]);
  });
});

describe("the shared-services account's permission sets", () => {
  const shared: PermissionScope = {
    ...scope,
    environment: 'shared',
    accountId: '444444444444',
    prefix: 'genai-shared',
    hostsSmusProjects: false,
    sharedServices: true,
    smusSingleSignOn: { instanceArn: 'arn:aws:sso:::instance/ssoins-1234567890abcdef' },
    administeredRoles: ['execution', 'service'].map((kind) => ({
      name: `genai-shared-smus-domain-${kind}`,
      service: 'datazone.amazonaws.com',
    })),
  };
  const sets = { ...deployManagedStatements(shared), ...readOnlyStatements(shared) };

  it('fit in managed policies of their own: the shared lists, and what the environments share with it', () => {
    expect(Object.keys(deployManagedStatements(shared)).sort()).toEqual([
      'integration',
      'keys-identity',
      'shared-services',
    ]);
    for (const [name, statements] of Object.entries(sets)) {
      expect({
        name,
        fits: policySize(statements) <= IAM_POLICY_SIZE_LIMITS.managedPolicy,
      }).toEqual({ name, fits: true });
    }
  });

  it("grants only the shared-services account's boundary services, and nothing only environments have", () => {
    const granted = actionsOf(Object.values(sets).flat());
    expect(
      granted.filter(
        (action) =>
          !(SHARED_SERVICES_ACCOUNT_SERVICES as readonly string[]).includes(
            action.slice(0, action.indexOf(':')),
          ),
      ),
    ).toEqual([]);
    const deploy = actionsOf(Object.values(deployManagedStatements(shared)).flat());
    expect(
      deploy.filter((action) =>
        /^(ec2|ecr|sagemaker|bedrock|aoss|apigateway|budgets|scheduler|glue|athena):/.test(action),
      ),
    ).toEqual([]);
    expect(deploy).not.toContain('secretsmanager:GetSecretValue');
    expect(deploy).not.toContain('oam:CreateLink');
  });

  it('names the configured Identity Center instance, and grants no single sign-on without it', () => {
    const sso = (scopeOf: PermissionScope) =>
      deployManagedStatements(scopeOf)['shared-services'].filter((statement) =>
        statement.Sid?.startsWith('SmusSingleSignOn'),
      );
    expect(sso(shared).find((s) => s.Sid === 'SmusSingleSignOnApplication')?.Resource).toEqual([
      'arn:aws:sso::*:application/ssoins-1234567890abcdef/*',
      'arn:aws:sso::aws:applicationProvider/*',
      'arn:aws:sso:::instance/ssoins-1234567890abcdef',
    ]);
    expect(sso({ ...shared, smusSingleSignOn: undefined })).toEqual([]);
  });

  it('denies every role under the boundary changes to the unbounded roles, and passing them elsewhere', () => {
    const protections = boundaryProtections(shared, 'alias/genai-shared-state');
    const roles = [
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-execution',
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-service',
    ];
    expect(protections).toEqual(
      expect.arrayContaining([
        {
          Sid: 'DenyAdministeredRoleChanges',
          Effect: 'Deny',
          NotAction: ['iam:Get*', 'iam:List*', 'iam:PassRole'],
          Resource: roles,
        },
        {
          Sid: 'DenyAdministeredRolesToOtherServices',
          Effect: 'Deny',
          Action: 'iam:PassRole',
          Resource: roles,
          Condition: { StringNotEquals: { 'iam:PassedToService': 'datazone.amazonaws.com' } },
        },
      ]),
    );
    expect(
      boundaryProtections({ ...shared, administeredRoles: [] }, 'alias/genai-shared-state').map(
        (statement) => statement.Sid,
      ),
    ).not.toContain('DenyAdministeredRoleChanges');
  });
});

describe('the inference edge permissions', () => {
  const zone = { hostedZoneId: 'Z00000000000000000001', zoneName: 'dev.ml.example.com' };
  const statements = (withZone: boolean) =>
    deployManagedStatements({ ...scope, inferenceZone: withZone ? zone : undefined })[
      'inference-edge'
    ];

  it('lets the smoke test call only POST /realtime and /serverless of stage v1', () => {
    expect(
      statements(false).find((statement) => statement.Sid === 'SmokeInvokeInferenceRoutes'),
    ).toEqual({
      Sid: 'SmokeInvokeInferenceRoutes',
      Effect: 'Allow',
      Action: 'execute-api:Invoke',
      Resource: [
        'arn:aws:execute-api:eu-west-1:111111111111:*/v1/POST/realtime',
        'arn:aws:execute-api:eu-west-1:111111111111:*/v1/POST/serverless',
      ],
    });
  });

  it('touches ACM and Route 53 only when an inference domain is configured, and only its zone', () => {
    const withoutZone = actionsOf(statements(false));
    expect(withoutZone.filter((action) => /^(acm|route53):/.test(action))).toEqual([]);
    const records = statements(true).find(
      (statement) => statement.Sid === 'Route53InferenceRecords',
    );
    expect(records).toMatchObject({
      Resource: 'arn:aws:route53:::hostedzone/Z00000000000000000001',
      Condition: {
        'ForAllValues:StringLike': {
          'route53:ChangeResourceRecordSetsNormalizedRecordNames': ['*.dev.ml.example.com'],
        },
      },
    });
  });
});
