import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { REQUIRED_TAGS } from '@genai-sandbox/config';
import { TerraformStack, Testing } from 'cdktf';
import { PlatformStack, stackName } from '../src';
import { onlyResourceOfType, synthesize, testConfiguration, testStack } from '../src/testing';

describe('PlatformStack', () => {
  it('pins the provider to the environment account and region with the platform default tags', () => {
    const stack = testStack({
      environment: 'test',
      project: 'fraud-detection',
      app: 'inference-realtime',
    });
    const json = synthesize(stack);
    expect(json.provider?.aws).toEqual([
      {
        region: 'eu-west-1',
        allowed_account_ids: ['222222222222'],
        default_tags: [
          {
            tags: {
              platform: 'genai',
              environment: 'test',
              blueprint: 'inference-realtime',
              project: 'fraud-detection',
              owner: 'ml-platform-team',
              'cost-center': 'cc-4711',
            },
          },
        ],
      },
    ]);
  });

  it('keeps state in the environment bucket, encrypted, with native locking, one key per stack', () => {
    const stack = testStack({ environment: 'prod', app: 'foundation' });
    expect(stack.node.id).toBe('foundation-prod');
    expect(synthesize(stack).terraform).toMatchObject({
      required_version: '>= 1.10.0',
      backend: {
        s3: {
          bucket: 'genai-tfstate-333333333333',
          key: 'foundation-prod.tfstate',
          region: 'eu-west-1',
          encrypt: true,
          use_lockfile: true,
          kms_key_id: 'arn:aws:kms:eu-west-1:333333333333:alias/genai-prod-state',
        },
      },
      required_providers: { aws: { source: 'aws', version: '5.100.0' } },
    });
  });

  it('uses the configured state region and key', () => {
    const config = testConfiguration((fixture) => {
      fixture.environments.dev.stateBackend = {
        bucket: 'state-bucket',
        region: 'eu-west-1',
        kmsKeyId: 'alias/state',
      };
    });
    const backend = synthesize(testStack({ config })).terraform?.backend as {
      s3: Record<string, unknown>;
    };
    expect(backend.s3).toMatchObject({
      bucket: 'state-bucket',
      region: 'eu-west-1',
      kms_key_id: 'alias/state',
    });
  });

  it('names stacks <app>-<env> and <app>-<project>-<env>', () => {
    expect(stackName('foundation', 'dev')).toBe('foundation-dev');
    expect(stackName('model-training', 'dev', 'fraud-detection')).toBe(
      'model-training-fraud-detection-dev',
    );
  });

  it('sets prevent_destroy only where the environment asks for it', () => {
    for (const [environment, expected] of [
      ['dev', undefined],
      ['prod', { prevent_destroy: true }],
    ] as const) {
      const stack = testStack({ environment });
      stack.protect(
        new SsmParameter(stack, 'Parameter', { name: 'p', type: 'String', value: 'v' }),
      );
      expect(onlyResourceOfType(synthesize(stack), 'aws_ssm_parameter').lifecycle).toEqual(
        expected,
      );
    }
  });

  it('fails when a construct is used outside a PlatformStack', () => {
    const foreign = new TerraformStack(Testing.app(), 'plain');
    expect(() => PlatformStack.of(foreign)).toThrow(/not inside a PlatformStack/);
  });
});

describe('PlatformStack tags', () => {
  it('sets exactly the required tags of the configuration package, which the policy gate checks', () => {
    expect(Object.keys(testStack().tags).sort()).toEqual([...REQUIRED_TAGS].sort());
  });
});
