import { join } from 'node:path';
import { loadPlatformConfiguration, sharedServicesEnvironment } from '@genai-sandbox/config';
import { planStacks } from '@genai-sandbox/core';
import { synthesize } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { platformApp, SharedServicesStack } from '../src';

const config = loadPlatformConfiguration(join(__dirname, '../../../environments'));

function synthShared() {
  const environment = sharedServicesEnvironment(config);
  if (!environment) throw new Error('the example configuration has a sharedServices section');
  const stack = new SharedServicesStack(Testing.app(), { config, environment });
  return { stack, json: synthesize(stack) };
}

describe('SharedServicesStack', () => {
  const { stack, json } = synthShared();

  it('is one stack, shared-services, pinned to the shared-services account with its own state', () => {
    expect(planStacks([platformApp], config).map((stack) => stack.name)).toEqual([
      'shared-services',
    ]);
    expect(json.provider?.aws?.[0]).toMatchObject({
      allowed_account_ids: ['444444444444'],
      region: 'eu-west-1',
    });
    expect(json.terraform?.backend).toEqual({
      s3: expect.objectContaining({
        bucket: 'genai-tfstate-444444444444',
        key: 'shared-services.tfstate',
        kms_key_id: 'arn:aws:kms:eu-west-1:444444444444:alias/genai-shared-state',
      }),
    });
  });

  it("names the domain's roles of bootstrap-shared-services and forgets, never destroys, those it held before", () => {
    expect(json.resource?.aws_iam_role_policy_attachment).toBeUndefined();
    const roleNames = Object.values(json.resource?.aws_iam_role ?? {}).map((role) => role.name);
    expect(roleNames).not.toContain('genai-shared-smus-domain-execution');
    const domain = stack.unifiedStudio?.domain;
    expect([domain?.executionRoleArn, domain?.serviceRoleArn]).toEqual([
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-execution',
      'arn:aws:iam::444444444444:role/genai-shared-smus-domain-service',
    ]);
    const removed = (json as { removed?: { from: string; lifecycle: { destroy: boolean } }[] })
      .removed;
    expect(removed?.map((block) => block.from)).toEqual([
      'aws_iam_role.UnifiedStudio_Domain_ExecutionRole_A716A90E',
      'aws_iam_role_policy.UnifiedStudio_Domain_ExecutionRole_Policy_BC9882EC',
      'aws_iam_role_policy_attachment.UnifiedStudio_Domain_ExecutionRole_ManagedPolicy_26BD33E0',
      'aws_iam_role.UnifiedStudio_Domain_ServiceRole_C6379BE5',
      'aws_iam_role_policy.UnifiedStudio_Domain_ServiceRole_Policy_BD722C79',
      'aws_iam_role_policy_attachment.UnifiedStudio_Domain_ServiceRole_ManagedPolicy_A7E01E26',
    ]);
    expect(removed?.every((block) => block.lifecycle.destroy === false)).toBe(true);
  });

  it('admits the links of the environment accounts of the configuration only, inside the organization', () => {
    const policy = Object.values(json.resource?.aws_oam_sink_policy ?? {})[0];
    const [statement] = (
      JSON.parse(policy.policy as string) as {
        Statement: { Principal: { AWS: string[] }; Condition: Record<string, unknown> }[];
      }
    ).Statement;
    expect(statement.Principal.AWS).toEqual([
      'arn:aws:iam::111111111111:root',
      'arn:aws:iam::222222222222:root',
      'arn:aws:iam::333333333333:root',
    ]);
    expect(statement.Condition.StringEquals).toEqual({ 'aws:PrincipalOrgID': 'o-a1b2c3d4e5' });
  });

  it('outputs the sink ARN and the domain ID that platform.json needs, the portal URL, the state machine and the token secret', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'github_token_secret_arn',
      'project_provisioning_state_machine_arn',
      'sink_arn',
      'smus_domain_arn',
      'smus_domain_id',
      'smus_portal_url',
    ]);
  });

  it('creates the domain, then one project profile per profile and project environment, Tooling first', () => {
    const stacks = Object.values(json.resource?.aws_cloudformation_stack ?? {});
    expect(stacks.map((stack) => stack.name)).toEqual([
      'genai-shared-smus-domain',
      'genai-shared-smus-project-profiles',
    ]);
    const profiles = stack.unifiedStudio?.profiles?.template.Resources ?? {};
    const names = Object.values(profiles).flatMap((resource) =>
      resource.Type === 'AWS::DataZone::ProjectProfile'
        ? [
            [
              resource.Properties.Name,
              resource.Properties.EnvironmentConfigurations.map((c) => c.Name),
            ],
          ]
        : [],
    );
    expect(names).toEqual([
      [
        'genai-full-dev',
        [
          'Tooling',
          'DataLake',
          'MLExperiments',
          'AmazonBedrockChatAgent',
          'AmazonBedrockKnowledgeBase',
          'AmazonBedrockGuardrail',
          'AmazonBedrockFunction',
          'AmazonBedrockFlow',
          'AmazonBedrockPrompt',
          'AmazonBedrockEvaluation',
        ],
      ],
      ['inference-only-dev', ['Tooling']],
    ]);
  });

  it('creates no profiles, only the domain, while a blueprint ID is missing', () => {
    const environment = sharedServicesEnvironment(config);
    const domain = config.platform.sharedServices?.domain;
    if (!environment || !domain) throw new Error('the example configuration has a domain');
    const withoutIds = {
      ...config,
      platform: {
        ...config.platform,
        sharedServices: {
          ...config.platform.sharedServices!,
          domain: { ...domain, blueprintIds: { Tooling: 'abc' } },
        },
      },
    };
    const partial = new SharedServicesStack(Testing.app(), { config: withoutIds, environment });
    expect(partial.unifiedStudio?.profiles).toBeUndefined();
    expect(Object.keys(synthesize(partial).resource?.aws_cloudformation_stack ?? {})).toHaveLength(
      1,
    );
  });

  it('matches the reviewed snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
