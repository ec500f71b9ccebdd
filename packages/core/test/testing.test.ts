import { suppressPolicyRule } from '../src';
import { ConfigError } from '@genai-sandbox/config';
import {
  atLeast,
  synthesize,
  synthesizedOnce,
  synthesizeWithMetadata,
  testConfiguration,
  testStack,
} from '../src/testing';
import { S3Bucket } from '@cdktf/provider-aws/lib/s3-bucket';

describe('test helpers', () => {
  it('atLeast returns the items when there are enough', () => {
    expect(atLeast(2, [1, 2, 3], 'numbers')).toEqual([1, 2, 3]);
  });

  it('fails when there are fewer items than the minimum, so a loop of assertions cannot pass empty', () => {
    expect(() => atLeast(1, [], 'log groups')).toThrow('expected at least 1 log groups, found 0');
  });

  it('synthesizeWithMetadata keeps the policy suppressions that synthesize drops', () => {
    const stack = testStack();
    suppressPolicyRule(
      new S3Bucket(stack, 'Bucket', { bucket: 'genai-dev-x-111111111111' }),
      's3-bucket-access-logging',
      'a bucket that exists only for this test',
    );
    const meta = (json: ReturnType<typeof synthesize>) =>
      Object.values(json.resource?.aws_s3_bucket ?? {})[0]['//'] as
        | { policy_suppressions?: unknown[] }
        | undefined;
    expect(meta(synthesize(stack))).toBeUndefined();
    expect(meta(synthesizeWithMetadata(stack))?.policy_suppressions).toHaveLength(1);
  });

  it('testConfiguration loads each fixture once and shares it frozen', () => {
    const oneProject = testConfiguration();
    expect(testConfiguration()).toBe(oneProject);
    expect(Object.isFrozen(oneProject.environments[0].projects)).toBe(true);
    expect(() => {
      (oneProject.environments[0].projects as unknown[]).push({ name: 'another' });
    }).toThrow(TypeError);

    const twoProjects = testConfiguration((fixture) => {
      (fixture.environments.dev.projects ??= []).push({ name: 'churn', profile: 'genai-full' });
    });
    expect(twoProjects).not.toBe(oneProject);
    expect(twoProjects.environments[0].projects.map((project) => project.name)).toEqual([
      'fraud-detection',
      'churn',
    ]);
  });

  it('fails each time testConfiguration is asked for a configuration the loader rejects', () => {
    const invalid = () =>
      testConfiguration((fixture) => {
        fixture.environments.dev.accountId = 'not-an-account';
      });
    expect(invalid).toThrow(ConfigError);
    expect(invalid).toThrow(ConfigError);
  });

  it('synthesizedOnce runs once per distinct arguments: objects by identity, the rest by value', () => {
    const calls: unknown[][] = [];
    const synth = synthesizedOnce((name: string, options: object = {}) => {
      calls.push([name, options]);
      return { name };
    });
    const options = {};
    const first = synth('dev', options);
    expect(synth('dev', options)).toBe(first);
    expect(synth('dev', {})).not.toBe(first);
    expect(synth('test', options)).not.toBe(first);
    expect(synth('dev')).not.toBe(first);
    expect(calls).toHaveLength(4);
  });
});
