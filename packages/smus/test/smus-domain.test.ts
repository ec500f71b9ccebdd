import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { DATAZONE_TRUST_SID, DomainShare, SmusDomain, SmusDomainRoles } from '../src';

function build(singleSignOn: {
  type: 'IAM_IDC' | 'DISABLED';
  userAssignment: 'AUTOMATIC' | 'MANUAL';
}) {
  const stack = testStack();
  const key = new PlatformKey(stack, 'Key', { purpose: 'smus-domain', description: 'domain key' });
  const domain = new SmusDomain(stack, 'Domain', {
    settings: { name: 'genai-sandbox', singleSignOn },
    encryptionKey: key,
  });
  new DomainShare(stack, 'Share', {
    domain,
    domainName: 'genai-sandbox',
    accountIds: ['222222222222', '111111111111'],
  });
  const json = synthesize(stack);
  const all = (type: string) => Object.values(resourcesOfType(json, type));
  return { domain, json, all };
}

const trustOf = (role: Record<string, unknown>) =>
  JSON.parse(role.assume_role_policy as string).Statement;

describe('SmusDomain', () => {
  const { domain, all } = build({ type: 'IAM_IDC', userAssignment: 'MANUAL' });

  it('is a V2 domain with the service role, the execution role, the key and single sign-on', () => {
    const [stack] = all('aws_cloudformation_stack');
    expect(JSON.parse(stack.template_body as string).Resources.Domain).toEqual({
      Type: 'AWS::DataZone::Domain',
      Properties: {
        Name: 'genai-sandbox',
        DomainVersion: 'V2',
        // Created by the account's bootstrap stack (SmusDomainRoles), named by their ARNs.
        DomainExecutionRole: 'arn:aws:iam::111111111111:role/genai-dev-smus-domain-execution',
        ServiceRole: 'arn:aws:iam::111111111111:role/genai-dev-smus-domain-service',
        KmsKeyIdentifier: expect.stringMatching(/^\$\{aws_kms_key\.Key_[A-F0-9]+\.arn\}$/),
        SingleSignOn: { Type: 'IAM_IDC', UserAssignment: 'MANUAL' },
      },
    });
    expect(stack).toMatchObject({ name: 'genai-dev-smus-domain', on_failure: 'DELETE' });
    expect(stack.iam_role_arn).toBeUndefined();
    expect(domain.stack.node.id).toBe('Resource');
    expect(all('aws_iam_role')).toEqual([]);
  });
});

describe('SmusDomainRoles', () => {
  const stack = testStack();
  new SmusDomainRoles(stack, 'Roles');
  const json = synthesize(stack);
  const all = (type: string) => Object.values(resourcesOfType(json, type));

  it('gives the execution role the documented trust and managed policy', () => {
    const roles = all('aws_iam_role');
    const execution = roles.find((role) => role.name === 'genai-dev-smus-domain-execution');
    expect(execution && trustOf(execution)).toEqual([
      {
        Sid: DATAZONE_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: 'datazone.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession', 'sts:SetContext'],
        Condition: {
          StringEquals: { 'aws:SourceAccount': '111111111111' },
          'ForAllValues:StringLike': { 'aws:TagKeys': 'datazone*' },
        },
      },
    ]);
    const service = roles.find((role) => role.name === 'genai-dev-smus-domain-service');
    expect(service && trustOf(service)).toEqual([
      {
        Sid: DATAZONE_TRUST_SID,
        Effect: 'Allow',
        Principal: { Service: 'datazone.amazonaws.com' },
        Action: 'sts:AssumeRole',
        Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
      },
    ]);
    expect(all('aws_iam_role_policy_attachment').map((a) => a.policy_arn)).toEqual([
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainExecutionRolePolicy',
      'arn:aws:iam::aws:policy/service-role/SageMakerStudioDomainServiceRolePolicy',
    ]);
  });

  it('lets each role use the domain key, by its alias, and nothing else', () => {
    const policies = all('aws_iam_role_policy');
    expect(policies).toHaveLength(2);
    for (const policy of policies) {
      expect(JSON.parse(policy.policy as string).Statement).toEqual([
        {
          Sid: 'DomainKey',
          Effect: 'Allow',
          Action: [
            'kms:Decrypt',
            'kms:DescribeKey',
            'kms:Encrypt',
            'kms:GenerateDataKey',
            'kms:GenerateDataKeyWithoutPlaintext',
          ],
          Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
          Condition: {
            'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-smus-domain' },
          },
        },
      ]);
    }
  });
});

describe('DomainShare', () => {
  const { all } = build({ type: 'IAM_IDC', userAssignment: 'MANUAL' });

  it('shares the domain with the environment accounts, inside the organization only', () => {
    const [share] = all('aws_ram_resource_share');
    expect(share).toMatchObject({
      allow_external_principals: false,
      permission_arns: [
        'arn:aws:ram::aws:permission/AWSRAMPermissionsAmazonDatazoneDomainExtendedServiceAccess',
      ],
    });
    expect(all('aws_ram_principal_association').map((a) => a.principal)).toEqual([
      '111111111111',
      '222222222222',
    ]);
    expect(all('aws_ram_resource_association')).toEqual([
      expect.objectContaining({
        resource_arn: expect.stringMatching(/outputs\["DomainArn"\]\}$/),
      }),
    ]);
  });

  it('sends no user assignment when single sign-on is off', () => {
    const off = build({ type: 'DISABLED', userAssignment: 'MANUAL' });
    expect(off.domain.template.Resources.Domain.Properties).toMatchObject({
      SingleSignOn: { Type: 'DISABLED' },
    });
  });

  it('fails when an account to share with is not an account ID', () => {
    const stack = testStack();
    const key = new PlatformKey(stack, 'Key', { purpose: 'k', description: 'k' });
    const domain = new SmusDomain(stack, 'Domain', {
      settings: { name: 'x', singleSignOn: { type: 'DISABLED', userAssignment: 'MANUAL' } },
      encryptionKey: key,
    });
    expect(
      () => new DomainShare(stack, 'Share', { domain, domainName: 'x', accountIds: ['dev'] }),
    ).toThrow('accountIds ["dev"] must be one or more 12-digit account IDs');
  });
});
