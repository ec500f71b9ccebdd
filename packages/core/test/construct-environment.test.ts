import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { SsmParameter } from '@cdktf/provider-aws/lib/ssm-parameter';
import { TerraformStack, Testing } from 'cdktf';
import { Construct } from 'constructs';
import { ConstructEnvironment, platformDefault } from '../src';
import { onlyResourceOfType, plainTestStack, synthesize, testStack } from '../src/testing';

function stackWithProvider(region?: string): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'team-stack');
  new AwsProvider(stack, 'Aws', { region });
  return stack;
}

describe('ConstructEnvironment', () => {
  it('is the PlatformStack itself in the platform stacks', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const child = new Construct(stack, 'Child');
    expect(ConstructEnvironment.of(child)).toBe(stack);
    expect(ConstructEnvironment.of(child).projectName).toBe('fraud-detection');
  });

  it('gives a plain TerraformStack explicit names, account and region, with the region of its provider', () => {
    const stack = plainTestStack({ project: 'churn' });
    const environment = ConstructEnvironment.of(new Construct(stack, 'Child'));
    expect(environment.region).toBe('eu-central-1');
    expect(environment.accountId).toBe('210987654321');
    expect(environment.platform.name).toBe('team');
    expect(environment.environment).toEqual({
      name: 'dev',
      accountId: '210987654321',
      region: 'eu-central-1',
      logRetentionDays: 365,
      preventDestroy: false,
    });
    expect(environment.naming.name('iam-role', 'jobs')).toBe('team-dev-churn-jobs');
    expect(environment.naming.bucketName('ml')).toBe('team-dev-churn-ml-210987654321');
  });

  it('protects stateful resources when the explicit values ask for it', () => {
    const stack = plainTestStack({ preventDestroy: true });
    ConstructEnvironment.of(stack).protect(
      new SsmParameter(stack, 'Parameter', { name: 'p', type: 'String', value: 'v' }),
    );
    expect(onlyResourceOfType(synthesize(stack), 'aws_ssm_parameter').lifecycle).toEqual({
      prevent_destroy: true,
    });
  });

  it('prefers an explicit region to the provider region', () => {
    const stack = stackWithProvider('eu-west-1');
    const environment = ConstructEnvironment.attach(stack, {
      platform: 'team',
      environment: 'dev',
      accountId: '210987654321',
      region: 'us-east-1',
    });
    expect(environment.region).toBe('us-east-1');
  });

  it('fails when a construct is in a TerraformStack without one, naming the stack and the fix', () => {
    const stack = new TerraformStack(Testing.app(), 'bare');
    expect(() => ConstructEnvironment.of(new Construct(stack, 'Child'))).toThrow(
      /Child is in the TerraformStack "bare", which has no construct environment.*ConstructEnvironment\.attach\(stack/,
    );
  });

  it('fails when the values are wrong, reporting every field, its value and what is allowed', () => {
    const stack = stackWithProvider();
    expect(() =>
      ConstructEnvironment.attach(stack, {
        platform: 'Team',
        environment: 'dev',
        accountId: '1234',
        logRetentionDays: 10,
      }),
    ).toThrow(
      new RegExp(
        [
          'ConstructEnvironment.attach\\(team-stack\\):',
          '  platform is "Team"; it starts names, so use lower-case letters',
          '  accountId is "1234"; pass the 12-digit account ID',
          '  region is undefined; pass a region name such as "eu-west-1", or set it on the stack\'s AwsProvider',
          '  logRetentionDays is 10; CloudWatch Logs accepts 1, 3, 5',
        ].join('[^]*'),
      ),
    );
  });

  it('fails when a stack gets a second one', () => {
    const stack = plainTestStack();
    expect(() =>
      ConstructEnvironment.attach(stack, {
        platform: 'other',
        environment: 'dev',
        accountId: '210987654321',
      }),
    ).toThrow(/"team-stack" already has a construct environment/);
  });
});

describe('platformDefault', () => {
  it('reads the configuration in a PlatformStack', () => {
    const stack = testStack({ environment: 'prod' });
    expect(platformDefault(stack, 'retention', (platform) => platform.environment.name)).toBe(
      'prod',
    );
  });

  it('returns the construct default in another stack', () => {
    expect(platformDefault(plainTestStack(), 'domain', () => 'configured', undefined)).toBe(
      undefined,
    );
  });

  it('fails in another stack without a default, naming the prop to pass', () => {
    const child = new Construct(plainTestStack(), 'Alarm');
    expect(() => platformDefault(child, 'thresholds', () => 1)).toThrow(
      'team-stack/Alarm: pass thresholds; its default comes from the platform configuration, and the stack "team-stack" is not a PlatformStack.',
    );
  });
});
