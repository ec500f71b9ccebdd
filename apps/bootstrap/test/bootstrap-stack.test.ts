import { join } from 'node:path';
import {
  loadPlatformConfiguration,
  type PlatformConfiguration,
  sharedServicesEnvironment,
} from '@genai-sandbox/config';
import {
  atLeast,
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  synthesizedOnce,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { DATA_READ_ACTIONS, IAM_POLICY_SIZE_LIMITS, policySize } from '@genai-sandbox/security';
import { BootstrapStack } from '../src';
import { trustAdmits } from './trust-evaluator';

/** One stack per environment and configuration, shared by the tests that read it. */
const synthBootstrap = synthesizedOnce(
  (environmentName: string, config: PlatformConfiguration = testConfiguration()) => {
    const environment = config.environments.find((candidate) => candidate.name === environmentName);
    if (!environment) throw new Error(`no ${environmentName}`);
    const stack = new BootstrapStack(Testing.app(), { config, environment });
    return { stack, json: synthesize(stack) };
  },
);

/** The checked-in configuration, loaded once. */
const example = loadPlatformConfiguration(join(__dirname, '../../../environments'));

type Json = ReturnType<typeof synthesize>;
interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, unknown>>;
}

const values = (json: Json, type: string) => Object.values(resourcesOfType(json, type));
const list = (value: string | string[] | undefined) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];
const statementsOf = (policy: unknown): Statement[] =>
  (JSON.parse(policy as string) as { Statement: Statement[] }).Statement;
const roleNamed = (json: Json, name: string) => {
  const entry = Object.entries(resourcesOfType(json, 'aws_iam_role')).find(
    ([, role]) => role.name === name,
  );
  if (!entry) throw new Error(`no role ${name}`);
  return { address: `aws_iam_role.${entry[0]}`, role: entry[1] };
};
/** Every statement the role carries: its inline policy and the managed policies attached to it. */
function roleStatements(json: Json, name: string): Statement[] {
  const { address } = roleNamed(json, name);
  const inline = values(json, 'aws_iam_role_policy').filter(
    (policy) => policy.role === `\${${address}.name}`,
  );
  const attached = new Set(
    values(json, 'aws_iam_role_policy_attachment')
      .filter((attachment) => attachment.role === `\${${address}.name}`)
      .map((attachment) => attachment.policy_arn),
  );
  const managed = Object.entries(resourcesOfType(json, 'aws_iam_policy'))
    .filter(([logical]) => attached.has(`\${aws_iam_policy.${logical}.arn}`))
    .map(([, policy]) => policy);
  return [...inline, ...managed].flatMap((policy) => statementsOf(policy.policy));
}

const ISSUER = 'token.actions.githubusercontent.com';
const REPO = 'example-org/genai-sandbox';
const WORKFLOW = (file: string, ref = 'refs/heads/main') =>
  `${REPO}/.github/workflows/${file}@${ref}`;

describe('BootstrapStack', () => {
  const { json, stack } = synthBootstrap('dev');
  const provider = `\${aws_iam_openid_connect_provider.${Object.keys(resourcesOfType(json, 'aws_iam_openid_connect_provider'))[0]}.arn}`;
  const deploy = roleNamed(json, 'genai-dev-github-deploy').role;
  const plan = roleNamed(json, 'genai-dev-github-plan').role;
  const token = (claims: Record<string, string | undefined>) => ({ provider, claims });
  const deployClaims = {
    aud: 'sts.amazonaws.com',
    sub: `repo:${REPO}:environment:dev`,
    job_workflow_ref: WORKFLOW('deploy.yml'),
  };

  it('creates the GitHub OIDC provider for the STS audience, without a thumbprint', () => {
    expect(onlyResourceOfType(json, 'aws_iam_openid_connect_provider')).toEqual({
      url: 'https://token.actions.githubusercontent.com',
      client_id_list: ['sts.amazonaws.com'],
    });
  });

  it('gives the deploy role exactly the environment subject, the STS audience and deploy.yml of main: promote.yml never runs in dev', () => {
    expect(deploy).toMatchObject({
      name: 'genai-dev-github-deploy',
      max_session_duration: 3600,
      permissions_boundary: 'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
    });
    expect(statementsOf(deploy.assume_role_policy)).toEqual([
      {
        Sid: 'GithubActionsOfThisRepository',
        Effect: 'Allow',
        Principal: { Federated: provider },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${ISSUER}:aud`]: 'sts.amazonaws.com',
            [`${ISSUER}:sub`]: [`repo:${REPO}:environment:dev`],
            [`${ISSUER}:job_workflow_ref`]: [WORKFLOW('deploy.yml')],
          },
        },
      },
    ]);
  });

  it('lets the deploy workflow of main in the dev environment assume the deploy role', () => {
    expect(trustAdmits(deploy.assume_role_policy as string, token(deployClaims))).toBe(true);
  });

  it('trusts promote.yml only where promotions arrive: test and prod, not dev', () => {
    const promote = (environment: string) => {
      const synthesized = synthBootstrap(environment).json;
      const { role } = roleNamed(synthesized, `genai-${environment}-github-deploy`);
      const oidc = Object.keys(resourcesOfType(synthesized, 'aws_iam_openid_connect_provider'))[0];
      return trustAdmits(role.assume_role_policy as string, {
        provider: `\${aws_iam_openid_connect_provider.${oidc}.arn}`,
        claims: {
          ...deployClaims,
          sub: `repo:${REPO}:environment:${environment}`,
          job_workflow_ref: WORKFLOW('promote.yml'),
        },
      });
    };
    expect(promote('dev')).toBe(false);
    expect(promote('test')).toBe(true);
    expect(promote('prod')).toBe(true);
  });

  it('lets the deploy role chain into the promotion role only where promotions arrive', () => {
    const chained = (environment: string) =>
      roleStatements(synthBootstrap(environment).json, `genai-${environment}-github-deploy`)
        .filter((statement) => list(statement.Action).includes('sts:AssumeRole'))
        .flatMap((statement) => list(statement.Resource));
    expect(chained('dev')).toEqual([]);
    expect(chained('test')).toEqual(['arn:aws:iam::222222222222:role/genai-test-promotion']);
    expect(chained('prod')).toEqual(['arn:aws:iam::333333333333:role/genai-prod-promotion']);
  });

  it.each([
    ['a pull request', { sub: `repo:${REPO}:pull_request` }],
    ['the main branch outside an environment', { sub: `repo:${REPO}:ref:refs/heads/main` }],
    ['another repository', { sub: 'repo:example-org/fork-of-genai-sandbox:environment:dev' }],
    ['another organisation', { sub: 'repo:attacker/genai-sandbox:environment:dev' }],
    ['another environment', { sub: `repo:${REPO}:environment:test` }],
    ['a missing audience', { aud: undefined }],
    ['another audience', { aud: 'https://github.com/example-org' }],
    ['another workflow', { job_workflow_ref: WORKFLOW('ci.yml') }],
    [
      'the promote workflow, which never runs in dev',
      { job_workflow_ref: WORKFLOW('promote.yml') },
    ],
    [
      'the deploy workflow of another branch',
      { job_workflow_ref: WORKFLOW('deploy.yml', 'refs/heads/feature') },
    ],
    [
      'a workflow of another repository',
      { job_workflow_ref: 'attacker/x/.github/workflows/deploy.yml@refs/heads/main' },
    ],
    ['a token without job_workflow_ref', { job_workflow_ref: undefined }],
  ])('refuses %s on the deploy role', (_, change) => {
    expect(
      trustAdmits(deploy.assume_role_policy as string, token({ ...deployClaims, ...change })),
    ).toBe(false);
  });

  it('refuses a token of another identity provider', () => {
    expect(
      trustAdmits(deploy.assume_role_policy as string, {
        provider: 'arn:aws:iam::111111111111:oidc-provider/example.com',
        claims: deployClaims,
      }),
    ).toBe(false);
  });

  it('lets pull requests and main, and nothing else, assume the plan role', () => {
    expect(plan).toMatchObject({ name: 'genai-dev-github-plan', max_session_duration: 3600 });
    expect(statementsOf(plan.assume_role_policy)[0].Condition).toEqual({
      StringEquals: {
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        [`${ISSUER}:sub`]: [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`],
      },
    });
    const admits = (claims: Record<string, string | undefined>) =>
      trustAdmits(
        plan.assume_role_policy as string,
        token({ aud: 'sts.amazonaws.com', ...claims }),
      );
    expect(admits({ sub: `repo:${REPO}:pull_request` })).toBe(true);
    expect(admits({ sub: `repo:${REPO}:ref:refs/heads/main` })).toBe(true);
    expect(admits({ sub: `repo:${REPO}:ref:refs/heads/feature` })).toBe(false);
    expect(admits({ sub: `repo:${REPO}:environment:dev` })).toBe(false);
    expect(admits({ sub: 'repo:example-org/other:pull_request' })).toBe(false);
    expect(admits({ sub: `repo:${REPO}:pull_request`, aud: undefined })).toBe(false);
  });

  it('keeps state in a versioned, KMS-encrypted, TLS-only, private bucket named by configuration', () => {
    const bucket = Object.entries(resourcesOfType(json, 'aws_s3_bucket')).find(
      ([, candidate]) => candidate.bucket === 'genai-tfstate-111111111111',
    );
    if (!bucket) throw new Error('no state bucket');
    const ref = `\${aws_s3_bucket.${bucket[0]}.id}`;
    const part = (type: string) => values(json, type).find((candidate) => candidate.bucket === ref);
    const keyArn = `\${aws_kms_key.${Object.keys(resourcesOfType(json, 'aws_kms_key'))[0]}.arn}`;
    expect(part('aws_s3_bucket_versioning')).toMatchObject({
      versioning_configuration: { status: 'Enabled' },
    });
    expect(part('aws_s3_bucket_server_side_encryption_configuration')?.rule).toEqual([
      {
        apply_server_side_encryption_by_default: {
          sse_algorithm: 'aws:kms',
          kms_master_key_id: keyArn,
        },
        bucket_key_enabled: true,
      },
    ]);
    expect(part('aws_s3_bucket_public_access_block')).toMatchObject({
      block_public_acls: true,
      block_public_policy: true,
      ignore_public_acls: true,
      restrict_public_buckets: true,
    });
    expect(statementsOf(part('aws_s3_bucket_policy')?.policy)).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyInsecureTransport',
        Effect: 'Deny',
        Condition: { Bool: { 'aws:SecureTransport': 'false' } },
      }),
    );
    expect(part('aws_s3_bucket_logging')).toMatchObject({
      target_bucket: expect.stringContaining('aws_s3_bucket.State_AccessLogs'),
      target_prefix: 'genai-tfstate-111111111111/',
    });
  });

  it('protects the state bucket and its key from destruction in every environment, dev included', () => {
    const stateBucket = values(json, 'aws_s3_bucket').find(
      (bucket) => bucket.bucket === 'genai-tfstate-111111111111',
    );
    expect(stateBucket?.lifecycle).toEqual({ prevent_destroy: true });
    expect(onlyResourceOfType(json, 'aws_kms_key')).toMatchObject({
      lifecycle: { prevent_destroy: true },
      enable_key_rotation: true,
    });
  });

  it('lets only S3 log delivery for the state bucket write its access logs', () => {
    const logBucket = Object.entries(resourcesOfType(json, 'aws_s3_bucket')).find(
      ([, bucket]) => bucket.bucket === 'genai-dev-tfstate-access-logs-111111111111',
    );
    if (!logBucket) throw new Error('no access-log bucket');
    const policy = values(json, 'aws_s3_bucket_policy').find(
      (candidate) => candidate.bucket === `\${aws_s3_bucket.${logBucket[0]}.id}`,
    );
    expect(statementsOf(policy?.policy).filter((s) => s.Effect === 'Allow')).toEqual([
      {
        Sid: 'S3ServerAccessLogDelivery',
        Effect: 'Allow',
        Principal: { Service: 'logging.s3.amazonaws.com' },
        Action: 's3:PutObject',
        Resource: 'arn:aws:s3:::genai-dev-tfstate-access-logs-111111111111/*',
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::genai-tfstate-111111111111' },
        },
      },
    ]);
  });

  it('creates the permissions boundary before any role that carries it', () => {
    const boundary = Object.entries(resourcesOfType(json, 'aws_iam_policy')).find(
      ([, policy]) => policy.name === 'genai-dev-permissions-boundary',
    );
    if (!boundary) throw new Error('no boundary');
    for (const role of atLeast(2, values(json, 'aws_iam_role'), 'roles')) {
      expect(role.permissions_boundary).toBe(stack.boundary.policyArn);
      expect(role.depends_on).toContain(`aws_iam_policy.${boundary[0]}`);
    }
  });

  it('attaches no administrator policy and allows no action wildcard', () => {
    const attached = values(json, 'aws_iam_role_policy_attachment').map((a) => a.policy_arn);
    expect(attached.filter((arn) => /arn:aws:iam::aws:policy\//.test(String(arn)))).toEqual([]);
    for (const role of ['genai-dev-github-deploy', 'genai-dev-github-plan']) {
      const allows = roleStatements(json, role).filter((s) => s.Effect === 'Allow');
      for (const statement of atLeast(1, allows, `statements of ${role}`)) {
        expect(statement.NotAction).toBeUndefined();
        expect(
          list(statement.Action).filter(
            (action) => action === '*' || /^[a-z0-9-]+:\*$/.test(action),
          ),
        ).toEqual([]);
      }
    }
  });

  it('lets the deploy role create roles only with the boundary and pass them only to named services', () => {
    const statements = roleStatements(json, 'genai-dev-github-deploy');
    const granting = (action: string) =>
      statements.filter((s) => s.Effect === 'Allow' && list(s.Action).includes(action));
    expect(granting('iam:CreateRole')).toEqual([
      expect.objectContaining({
        Condition: { StringEquals: { 'iam:PermissionsBoundary': stack.boundary.policyArn } },
      }),
    ]);
    expect(granting('iam:PutRolePermissionsBoundary')).toHaveLength(1);
    expect(granting('iam:PutRolePermissionsBoundary')[0].Condition).toEqual(
      granting('iam:CreateRole')[0].Condition,
    );
    const passRole = granting('iam:PassRole');
    expect(passRole).toHaveLength(2);
    expect(passRole[0].Resource).toBe('arn:aws:iam::111111111111:role/genai-dev-*');
    expect(passRole[0].Condition?.StringEquals?.['iam:PassedToService']).toEqual(
      expect.arrayContaining(['sagemaker.amazonaws.com', 'lambda.amazonaws.com']),
    );
    expect(passRole[0].Condition?.StringEquals?.['iam:PassedToService']).not.toContain(
      'apigateway.amazonaws.com',
    );
    // API Gateway's account-wide logging role, to API Gateway alone.
    expect(passRole[1]).toMatchObject({
      Resource: 'arn:aws:iam::111111111111:role/genai-dev-apigateway-logs',
      Condition: { StringEquals: { 'iam:PassedToService': 'apigateway.amazonaws.com' } },
    });
  });

  it('keeps the protections of the CI roles, the boundary, the state and its key in the boundary, not in the deploy role', () => {
    expect(
      roleStatements(json, 'genai-dev-github-deploy').filter((s) => s.Effect === 'Deny'),
    ).toEqual([]);
    const boundaryPolicy = values(json, 'aws_iam_policy').find(
      (policy) => policy.name === 'genai-dev-permissions-boundary',
    );
    const denies = statementsOf(boundaryPolicy?.policy).filter((s) => s.Effect === 'Deny');
    expect(denies).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyBootstrapIdentities',
        Action: 'iam:*',
        Resource: expect.arrayContaining([
          'arn:aws:iam::111111111111:role/genai-dev-github-plan',
          'arn:aws:iam::111111111111:role/genai-dev-github-deploy',
          'arn:aws:iam::111111111111:policy/genai-dev-github-read-only*',
          'arn:aws:iam::111111111111:policy/genai-dev-github-deploy-*',
          stack.boundary.policyArn,
        ]),
      }),
    );
    const keyDeny = denies.find((s) => s.Sid === 'DenyStateKeyAdministration');
    expect(keyDeny?.Resource).toMatch(/^\$\{aws_kms_key\./);
    expect(keyDeny?.NotAction).not.toContain('kms:ScheduleKeyDeletion');
    expect(denies).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyBootstrapStateWrites',
        Resource: 'arn:aws:s3:::genai-tfstate-111111111111/bootstrap-*',
      }),
    );
  });

  it('writes nothing with the plan role but lock files, and refuses it data reads', () => {
    const statements = roleStatements(json, 'genai-dev-github-plan');
    const writes = statements.filter(
      (s) =>
        s.Effect === 'Allow' &&
        list(s.Action).some((action) => /:(Put|Delete|Create|Update|Attach|Tag)/.test(action)),
    );
    expect(writes).toEqual([
      {
        Sid: 'StateLockFiles',
        Effect: 'Allow',
        Action: ['s3:PutObject', 's3:DeleteObject'],
        Resource: 'arn:aws:s3:::genai-tfstate-111111111111/*.tflock',
      },
    ]);
    expect(statements).toContainEqual(
      expect.objectContaining({
        Sid: 'DenyDataReads',
        Effect: 'Deny',
        Action: [...DATA_READ_ACTIONS],
      }),
    );
    expect(DATA_READ_ACTIONS).toEqual(
      expect.arrayContaining(['secretsmanager:GetSecretValue', 'logs:GetLogEvents']),
    );
    // Object reads: the state objects and the folder markers, nothing else.
    expect(
      statements
        .filter((s) => s.Effect === 'Allow' && list(s.Action).includes('s3:GetObject'))
        .flatMap((s) => list(s.Resource)),
    ).toEqual(['arn:aws:s3:::genai-tfstate-111111111111/*', 'arn:aws:s3:::genai-dev-*/*/']);
  });

  it('keeps every policy within IAM size limits and the attachment quota', () => {
    for (const policy of atLeast(2, values(json, 'aws_iam_policy'), 'managed policies'))
      expect(policySize(policy.policy as string)).toBeLessThanOrEqual(
        IAM_POLICY_SIZE_LIMITS.managedPolicy,
      );
    for (const policy of atLeast(2, values(json, 'aws_iam_role_policy'), 'inline policies'))
      expect(policySize(policy.policy as string)).toBeLessThanOrEqual(
        IAM_POLICY_SIZE_LIMITS.roleInlinePolicies,
      );
    const attachments = values(json, 'aws_iam_role_policy_attachment');
    const perRole = new Map<unknown, number>();
    for (const a of attachments) perRole.set(a.role, (perRole.get(a.role) ?? 0) + 1);
    // IAM's default quota is 10 managed policies per role.
    expect(Math.max(...perRole.values())).toBeLessThanOrEqual(10);
    expect(stack.deployPolicies.map((policy) => policy.policyName).sort()).toEqual([
      'genai-dev-github-deploy-genai',
      'genai-dev-github-deploy-guardrail-create',
      'genai-dev-github-deploy-inference-edge',
      'genai-dev-github-deploy-integration',
      'genai-dev-github-deploy-keys-identity',
      'genai-dev-github-deploy-ml',
      'genai-dev-github-deploy-network-storage',
    ]);
  });

  it('keeps its own state in the bucket it creates, under bootstrap-<env>.tfstate, with native locking, encrypted with the state key it creates', () => {
    expect(json.terraform?.backend).toEqual({
      s3: {
        bucket: 'genai-tfstate-111111111111',
        key: 'bootstrap-dev.tfstate',
        region: 'eu-west-1',
        encrypt: true,
        use_lockfile: true,
        kms_key_id: 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-state',
      },
    });
    const alias = Object.values(json.resource?.aws_kms_alias ?? {}).map(
      (resource) => resource.name,
    );
    expect(alias).toContain('alias/genai-dev-state');
  });

  it('encrypts its state with the configured key once stateBackend.kmsKeyId is set', () => {
    const keyArn = 'arn:aws:kms:eu-west-1:111111111111:key/0b7e1b9c-2f4e-4c55-9d3a-2a8f7e6d5c4b';
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.stateBackend.kmsKeyId = keyArn;
    });
    expect(synthBootstrap('dev', config).json.terraform?.backend).toMatchObject({
      s3: { kms_key_id: keyArn, encrypt: true },
    });
  });

  it('uses no data source, so plans need no AWS call', () => {
    expect(json.data).toBeUndefined();
  });

  it('declares the outputs the workflows and the administrator read', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'deploy_role_arn',
      'oidc_provider_arn',
      'permissions_boundary_arn',
      'plan_role_arn',
      'state_bucket_name',
      'state_key_arn',
    ]);
  });
});

describe('bootstrap stacks of the example configuration', () => {
  it.each(['dev', 'test', 'prod'])('%s matches the reviewed snapshot', (environment) => {
    expect(synthBootstrap(environment, example).json).toMatchSnapshot();
  });
});

describe('SageMaker Unified Studio provisioning role', () => {
  const roleNames = (environment: string) =>
    Object.values(resourcesOfType(synthBootstrap(environment, example).json, 'aws_iam_role')).map(
      (role) => role.name,
    );

  it('exists where the domain’s projects deploy (dev), for the domain account, and nowhere else', () => {
    expect(roleNames('dev')).toContain('genai-dev-smus-provisioning');
    expect(roleNames('test')).not.toContain('genai-test-smus-provisioning');
    const role = Object.values(
      resourcesOfType(synthBootstrap('dev', example).json, 'aws_iam_role'),
    ).find((candidate) => candidate.name === 'genai-dev-smus-provisioning');
    expect(JSON.parse(role?.assume_role_policy as string).Statement[0].Condition).toEqual({
      StringEquals: { 'aws:SourceAccount': '444444444444' },
    });
  });
});

describe('the bootstrap stack of the shared-services account', () => {
  const environment = sharedServicesEnvironment(example);
  if (!environment) throw new Error('the example configuration has a sharedServices section');
  const stack = new BootstrapStack(Testing.app(), { config: example, environment });
  const json = synthesize(stack);
  const trust = (name: string) =>
    statementsOf(roleNamed(json, name).role.assume_role_policy)[0].Condition;

  it('is bootstrap-shared-services, its state next to the shared-services stack’s', () => {
    expect(stack.node.id).toBe('bootstrap-shared-services');
    expect(json.terraform?.backend).toMatchObject({
      s3: {
        bucket: 'genai-tfstate-444444444444',
        key: 'bootstrap-shared-services.tfstate',
        kms_key_id: 'arn:aws:kms:eu-west-1:444444444444:alias/genai-shared-state',
      },
    });
    expect(values(json, 'aws_s3_bucket').map((bucket) => bucket.bucket)).toContain(
      'genai-tfstate-444444444444',
    );
  });

  it('lets only deploy.yml of main in the GitHub environment shared-services assume the deploy role', () => {
    expect(trust('genai-shared-github-deploy')).toEqual({
      StringEquals: {
        [`${ISSUER}:aud`]: 'sts.amazonaws.com',
        [`${ISSUER}:sub`]: [`repo:${REPO}:environment:shared-services`],
        [`${ISSUER}:job_workflow_ref`]: [WORKFLOW('deploy.yml')],
      },
    });
    expect(trust('genai-shared-github-plan')).toMatchObject({
      StringEquals: {
        [`${ISSUER}:sub`]: [`repo:${REPO}:pull_request`, `repo:${REPO}:ref:refs/heads/main`],
      },
    });
  });

  it('gives the deploy role the shared-services lists and creates the SMUS domain roles outside the boundary', () => {
    expect(stack.deployPolicies.map((policy) => policy.policyName).sort()).toEqual([
      'genai-shared-github-deploy-integration',
      'genai-shared-github-deploy-keys-identity',
      'genai-shared-github-deploy-shared-services',
    ]);
    const roles = values(json, 'aws_iam_role');
    for (const kind of ['execution', 'service']) {
      const role = roles.find((candidate) => candidate.name === `genai-shared-smus-domain-${kind}`);
      expect(role).toBeDefined();
      expect(role?.permissions_boundary).toBeUndefined();
    }
    expect(roles.map((role) => role.name)).not.toContain('genai-shared-smus-provisioning');
  });

  it('admits RAM, IAM Identity Center and SSM under its boundary, and protects the domain roles', () => {
    const boundary = values(json, 'aws_iam_policy').find(
      (policy) => policy.name === 'genai-shared-permissions-boundary',
    );
    const statements = statementsOf(boundary?.policy);
    const ceiling = statements.find((statement) => statement.Sid === 'CeilingPlatformServices');
    expect(list(ceiling?.Action)).toEqual(
      expect.arrayContaining(['ram:*', 'sso:*', 'ssm:*', 'datazone:*', 'oam:*']),
    );
    expect(
      statements.find((statement) => statement.Sid === 'DenyAdministeredRoleChanges')?.Resource,
    ).toEqual([
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-execution',
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-service',
    ]);
  });

  it('matches the reviewed snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
