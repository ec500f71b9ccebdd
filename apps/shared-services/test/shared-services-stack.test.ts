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
  const { json } = synthShared();

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

  it('outputs the sink ARN that platform.json needs, the state machine and the token secret', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'github_token_secret_arn',
      'project_provisioning_state_machine_arn',
      'sink_arn',
    ]);
  });

  it('matches the reviewed snapshot', () => {
    expect(json).toMatchSnapshot();
  });
});
