import {
  evaluateIam,
  type IamRequest,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { loadPlatformConfiguration, sharedServicesEnvironment } from '@genai-sandbox/config';
import { Testing } from 'cdktf';
import { join } from 'node:path';
import { BootstrapStack } from '../src';

/**
 * Whether a role created under the permissions boundary can undo what the bootstrap stack
 * protects, evaluated the way IAM does (the tests' own evaluator in core/testing): identity
 * policies and boundary must both allow, and any explicit deny wins.
 */
const config = testConfiguration();
const environment = config.environments.find((candidate) => candidate.name === 'dev');
if (!environment) throw new Error('no dev');
const json = synthesize(new BootstrapStack(Testing.app(), { config, environment }));

const ACCOUNT = '111111111111';
const STATE_KEY = `arn:aws:kms:eu-west-1:${ACCOUNT}:key/0b7e1b9c-state`;
const STATE_BUCKET = 'arn:aws:s3:::genai-tfstate-111111111111';
const LOG_BUCKET = 'arn:aws:s3:::genai-dev-tfstate-access-logs-111111111111';
const BOUNDARY = `arn:aws:iam::${ACCOUNT}:policy/genai-dev-permissions-boundary`;
const role = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;

/** The state key's ARN is known after apply: stand in a concrete one for its reference. */
const resolve = (document: unknown) =>
  String(document).replace(/\$\{aws_kms_key\.StateKey_[A-Z0-9]+\.arn\}/g, STATE_KEY);

const boundary = resolve(
  Object.values(resourcesOfType(json, 'aws_iam_policy')).find(
    (policy) => policy.name === 'genai-dev-permissions-boundary',
  )?.policy,
);

/** Inline and attached managed policies of a bootstrap role, by name. */
function identityOf(name: string): string[] {
  const [logical] =
    Object.entries(resourcesOfType(json, 'aws_iam_role')).find(([, r]) => r.name === name) ?? [];
  if (!logical) throw new Error(`no role ${name}`);
  const ofRole = (resource: Record<string, unknown>) =>
    resource.role === `\${aws_iam_role.${logical}.name}`;
  const attached = new Set(
    Object.values(resourcesOfType(json, 'aws_iam_role_policy_attachment'))
      .filter(ofRole)
      .map((attachment) => attachment.policy_arn),
  );
  return [
    ...Object.values(resourcesOfType(json, 'aws_iam_role_policy')).filter(ofRole),
    ...Object.entries(resourcesOfType(json, 'aws_iam_policy'))
      .filter(([logicalName]) => attached.has(`\${aws_iam_policy.${logicalName}.arn}`))
      .map(([, policy]) => policy),
  ].map((policy) => resolve(policy.policy));
}

const ALLOW_EVERYTHING = JSON.stringify({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }],
});

/** A role the deploy role may create: `<prefix>-*`, with the boundary, `Allow *` inline. */
const ESCALATED = role('genai-dev-escalated');

function asRole(
  principalArn: string,
  identity: readonly string[],
  action: string,
  resource: string,
  context: Record<string, string> = {},
) {
  const request: IamRequest = {
    action,
    resource,
    principalArn,
    context: { 'aws:RequestedRegion': 'eu-west-1', 'aws:PrincipalArn': principalArn, ...context },
  };
  return evaluateIam({ identity, boundary }, request);
}
const escalated = (action: string, resource: string, context?: Record<string, string>) =>
  asRole(ESCALATED, [ALLOW_EVERYTHING], action, resource, context);

describe('a role created under the permissions boundary with Allow *', () => {
  it('is allowed what the boundary leaves open, so the denies below are specific', () => {
    expect(escalated('s3:PutBucketPolicy', 'arn:aws:s3:::genai-dev-data-111111111111')).toBe(
      'allow',
    );
    expect(escalated('iam:UpdateAssumeRolePolicy', role('genai-dev-promotion'))).toBe('allow');
    expect(escalated('kms:PutKeyPolicy', `arn:aws:kms:eu-west-1:${ACCOUNT}:key/other`)).toBe(
      'allow',
    );
  });

  it.each([
    [
      'rewrite the deploy role trust',
      'iam:UpdateAssumeRolePolicy',
      role('genai-dev-github-deploy'),
    ],
    ['add an inline policy to the plan role', 'iam:PutRolePolicy', role('genai-dev-github-plan')],
    ['attach a policy to the deploy role', 'iam:AttachRolePolicy', role('genai-dev-github-deploy')],
    ['delete the deploy role', 'iam:DeleteRole', role('genai-dev-github-deploy')],
    [
      'edit a deploy policy',
      'iam:CreatePolicyVersion',
      `arn:aws:iam::${ACCOUNT}:policy/genai-dev-github-deploy-keys-identity`,
    ],
    ['edit the boundary', 'iam:CreatePolicyVersion', BOUNDARY],
    ['delete the boundary', 'iam:DeletePolicy', BOUNDARY],
    [
      'add an audience to the OIDC provider',
      'iam:AddClientIDToOpenIDConnectProvider',
      `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    ],
    [
      'delete the OIDC provider',
      'iam:DeleteOpenIDConnectProvider',
      `arn:aws:iam::${ACCOUNT}:oidc-provider/token.actions.githubusercontent.com`,
    ],
    ['rewrite the state bucket policy', 's3:PutBucketPolicy', STATE_BUCKET],
    ['delete the state bucket policy', 's3:DeleteBucketPolicy', STATE_BUCKET],
    ['suspend state versioning', 's3:PutBucketVersioning', STATE_BUCKET],
    ['expire state versions', 's3:PutLifecycleConfiguration', STATE_BUCKET],
    ['change the state encryption', 's3:PutEncryptionConfiguration', STATE_BUCKET],
    ['delete a state version', 's3:DeleteObjectVersion', `${STATE_BUCKET}/foundation-dev.tfstate`],
    ['read state', 's3:GetObject', `${STATE_BUCKET}/foundation-dev.tfstate`],
    ['write state', 's3:PutObject', `${STATE_BUCKET}/foundation-dev.tfstate`],
    ['write the bootstrap state', 's3:PutObject', `${STATE_BUCKET}/bootstrap-dev.tfstate`],
    ['rewrite the state access-log bucket policy', 's3:PutBucketPolicy', LOG_BUCKET],
    ['delete access logs', 's3:DeleteObject', `${LOG_BUCKET}/genai-tfstate-111111111111/log`],
    ['rewrite the state key policy', 'kms:PutKeyPolicy', STATE_KEY],
    ['schedule the state key deletion', 'kms:ScheduleKeyDeletion', STATE_KEY],
    ['disable the state key', 'kms:DisableKey', STATE_KEY],
    ['grant itself the state key', 'kms:CreateGrant', STATE_KEY],
    ['decrypt with the state key', 'kms:Decrypt', STATE_KEY],
    [
      'move the state key alias',
      'kms:UpdateAlias',
      `arn:aws:kms:eu-west-1:${ACCOUNT}:alias/genai-dev-state`,
    ],
  ])('cannot %s', (_, action, resource) => {
    expect(escalated(action, resource)).toBe('explicit-deny');
  });

  it('cannot remove its own boundary or create a role without it', () => {
    expect(
      escalated('iam:DeleteRolePermissionsBoundary', ESCALATED, {
        'iam:PermissionsBoundary': BOUNDARY,
      }),
    ).toBe('explicit-deny');
    expect(escalated('iam:CreateRole', role('genai-dev-unbounded'))).toBe('explicit-deny');
  });

  it('cannot reach users, other environments or roles of other names at all', () => {
    expect(escalated('iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/backdoor`)).not.toBe('allow');
    expect(
      escalated('iam:CreateRole', role('genai-test-anything'), {
        'iam:PermissionsBoundary': BOUNDARY,
      }),
    ).not.toBe('allow');
    expect(escalated('sts:AssumeRole', role('OrganizationAccountAccessRole'))).not.toBe('allow');
    expect(escalated('s3:GetObject', 'arn:aws:s3:::someone-elses-bucket/x')).not.toBe('allow');
  });
});

describe('the CI roles under the same boundary', () => {
  const deploy = identityOf('genai-dev-github-deploy');
  const plan = identityOf('genai-dev-github-plan');
  const DEPLOY = role('genai-dev-github-deploy');
  const PLAN = role('genai-dev-github-plan');
  const STATE = `${STATE_BUCKET}/foundation-dev.tfstate`;

  it('still let the deploy role read and write state, and create bounded roles', () => {
    expect(asRole(DEPLOY, deploy, 's3:GetObject', STATE)).toBe('allow');
    expect(asRole(DEPLOY, deploy, 's3:PutObject', STATE)).toBe('allow');
    expect(asRole(DEPLOY, deploy, 'kms:GenerateDataKey', STATE_KEY)).toBe('allow');
    expect(
      asRole(DEPLOY, deploy, 'iam:CreateRole', role('genai-dev-training'), {
        'iam:PermissionsBoundary': BOUNDARY,
      }),
    ).toBe('allow');
    // dev is the first environment of the chain: no promotion arrives, no promotion role exists,
    // so its deploy role may not chain into one.
    expect(asRole(DEPLOY, deploy, 'sts:AssumeRole', role('genai-dev-promotion'))).toBe(
      'implicit-deny',
    );
  });

  it('still let the plan role read state and take the lock, and nothing more on state', () => {
    expect(asRole(PLAN, plan, 's3:GetObject', STATE)).toBe('allow');
    expect(asRole(PLAN, plan, 's3:PutObject', `${STATE}.tflock`)).toBe('allow');
    expect(asRole(PLAN, plan, 'kms:Decrypt', STATE_KEY)).toBe('allow');
    expect(asRole(PLAN, plan, 's3:PutObject', STATE)).not.toBe('allow');
  });

  it("let the deploy role create the training pipeline's schedule and pass it its role", () => {
    const scheduler = `arn:aws:scheduler:eu-west-1:${ACCOUNT}`;
    const group = 'genai-dev-fraud-detection-training';
    expect(
      asRole(
        DEPLOY,
        deploy,
        'scheduler:CreateScheduleGroup',
        `${scheduler}:schedule-group/${group}`,
      ),
    ).toBe('allow');
    expect(
      asRole(
        DEPLOY,
        deploy,
        'scheduler:CreateSchedule',
        `${scheduler}:schedule/${group}/genai-dev-fraud-detection-training-start`,
      ),
    ).toBe('allow');
    expect(
      asRole(DEPLOY, deploy, 'iam:PassRole', role('genai-dev-fraud-detection-training-schedule'), {
        'iam:PassedToService': 'scheduler.amazonaws.com',
      }),
    ).toBe('allow');
    expect(
      asRole(DEPLOY, deploy, 'scheduler:CreateSchedule', `${scheduler}:schedule/default/other`),
    ).toBe('implicit-deny');
    expect(
      asRole(PLAN, plan, 'scheduler:GetSchedule', `${scheduler}:schedule/${group}/genai-dev-x`),
    ).toBe('allow');
  });

  it('let the deploy role set the data lake administrators, which makes it one', () => {
    expect(asRole(DEPLOY, deploy, 'lakeformation:PutDataLakeSettings', '*')).toBe('allow');
    expect(asRole(PLAN, plan, 'lakeformation:PutDataLakeSettings', '*')).not.toBe('allow');
  });

  it('refuse the deploy role what the bootstrap stack owns, now through the boundary', () => {
    expect(asRole(DEPLOY, deploy, 'iam:UpdateAssumeRolePolicy', DEPLOY)).toBe('explicit-deny');
    expect(asRole(DEPLOY, deploy, 'kms:ScheduleKeyDeletion', STATE_KEY)).toBe('explicit-deny');
    expect(asRole(DEPLOY, deploy, 's3:PutBucketPolicy', STATE_BUCKET)).toBe('explicit-deny');
    expect(asRole(DEPLOY, deploy, 's3:PutObject', `${STATE_BUCKET}/bootstrap-dev.tfstate`)).toBe(
      'explicit-deny',
    );
  });
});

describe("the shared-services account's boundary, for a role created under it with Allow *", () => {
  const example = loadPlatformConfiguration(join(__dirname, '../../../environments'));
  const shared = sharedServicesEnvironment(example);
  if (!shared) throw new Error('the example configuration has a sharedServices section');
  const sharedJson = synthesize(
    new BootstrapStack(Testing.app(), { config: example, environment: shared }),
  );
  const sharedBoundary = String(
    Object.values(resourcesOfType(sharedJson, 'aws_iam_policy')).find(
      (policy) => policy.name === 'genai-shared-permissions-boundary',
    )?.policy,
  ).replace(
    /\$\{aws_kms_key\.StateKey_[A-Z0-9]+\.arn\}/g,
    'arn:aws:kms:eu-west-1:444444444444:key/0b7e1b9c-state',
  );
  const escalatedShared = 'arn:aws:iam::444444444444:role/genai-shared-escalated';
  const domainRole = 'arn:aws:iam::444444444444:role/genai-shared-smus-domain-execution';
  const decide = (action: string, resource: string, context: Record<string, string> = {}) =>
    evaluateIam(
      { identity: [ALLOW_EVERYTHING], boundary: sharedBoundary },
      {
        action,
        resource,
        principalArn: escalatedShared,
        context: {
          'aws:RequestedRegion': 'eu-west-1',
          'aws:PrincipalArn': escalatedShared,
          ...context,
        },
      },
    );

  it.each([
    ['rewrite the trust of a SMUS domain role', 'iam:UpdateAssumeRolePolicy'],
    ['add an inline policy to a SMUS domain role', 'iam:PutRolePolicy'],
    ['attach a policy to a SMUS domain role', 'iam:AttachRolePolicy'],
    ['delete a SMUS domain role', 'iam:DeleteRole'],
  ])('cannot %s, which carries no boundary', (_, action) => {
    expect(decide(action, domainRole)).toBe('explicit-deny');
  });

  it('may pass a SMUS domain role to DataZone only', () => {
    expect(
      decide('iam:PassRole', domainRole, { 'iam:PassedToService': 'datazone.amazonaws.com' }),
    ).toBe('allow');
    expect(
      decide('iam:PassRole', domainRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }),
    ).toBe('explicit-deny');
  });
});
