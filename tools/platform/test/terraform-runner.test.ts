import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { FAKE_ACCESS_KEY_ID, hclString, terraformEnvironment } from '../src/terraform/environment';
import { OVERRIDE_FILE, offlineOverride } from '../src/terraform/offline-override';
import { fakeMirror, fakeTerraform, runCli, workspace } from './helpers';

interface Call {
  readonly stack: string;
  readonly args: string;
  readonly cliConfig: string;
  readonly accessKey: string;
  readonly profile: string;
  readonly automation: string;
}

function calls(log: string): Call[] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => {
      const [stack, args, cliConfig, accessKey, profile, automation] = line.split('|');
      return { stack, args, cliConfig, accessKey, profile, automation };
    });
}

describe('validate and plan with a stand-in terraform', () => {
  let cwd: string;
  let out: string;
  beforeAll(async () => {
    cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    out = join(cwd, 'cdktf.out');
  });

  function env(fake: { bin: string }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
    return {
      PATH: process.env.PATH,
      TERRAFORM_BIN: fake.bin,
      TF_PROVIDER_MIRROR: fakeMirror(),
      AWS_PROFILE: 'someones-real-profile',
      TF_CLI_ARGS: '-var=leaked',
      // One stack per terraform process; batches have their own tests below.
      PLATFORM_TF_BATCH_SIZE: '1',
      ...extra,
    };
  }

  test('validate runs init -backend=false and validate -json per stack, printing progress, diagnostics and a summary', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--env', 'dev'], { cwd, env: env(fake) });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /^validate: 2 stacks with Terraform 1\.11\.4 \(.*\), providers from TF_PROVIDER_MIRROR=.*, 2 at a time/,
    );
    expect(result.stdout).toMatch(
      /\[[12]\/2\] validate demo-dev ok \d+\.\d+s \(1 warning\)\n {4}warning: Fake deprecation\n {6}Only a test\./,
    );
    expect(result.stdout).toMatch(/\[[12]\/2\] validate genai-bedrock-fraud-detection-dev ok/);
    expect(result.stdout).toMatch(/validate: 2 ok, 0 failed, 2 stacks in \d+\.\d+s\./);

    expect(
      calls(fake.log)
        .filter((call) => call.stack === 'demo-dev')
        .map((call) => call.args),
    ).toEqual(['init -backend=false -input=false -no-color', 'validate -json -no-color']);
  });

  test("terraform gets our CLI configuration, fake credentials and none of the caller's AWS_* or TF_* variables", async () => {
    const fake = fakeTerraform();
    expect(
      (await runCli(['validate', '--env', 'dev', '--app', 'demo'], { cwd, env: env(fake) })).code,
    ).toBe(0);
    const init = calls(fake.log).find((call) => call.args.startsWith('init'));
    expect(init).toEqual({
      stack: 'demo-dev',
      args: 'init -backend=false -input=false -no-color',
      cliConfig: join(out, '.work', 'terraform.tfrc'),
      accessKey: FAKE_ACCESS_KEY_ID,
      profile: '',
      automation: '110',
    });
    const cliConfig = readFileSync(join(out, '.work', 'terraform.tfrc'), 'utf8');
    expect(cliConfig).toContain('filesystem_mirror {');
    expect(cliConfig).not.toContain('direct');
    // An unpacked mirror needs no plugin cache: init links straight to it.
    expect(cliConfig).not.toContain('plugin_cache_dir');
  });

  test('fails when a stack is invalid: exit 1, the diagnostic with its address, and the other stacks still run', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--app', 'demo'], {
      cwd,
      env: env(fake, { FAKE_TF_FAIL: 'validate:demo-test' }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-test FAILED \d+\.\d+s \(1 error\)/);
    expect(result.stdout).toContain(
      'error: Missing required argument (aws_ssm_parameter.Marker, cdk.tf.json:42)',
    );
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-dev ok/);
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-prod ok/);
    expect(result.stdout).toContain('validate: 2 ok, 1 failed, 3 stacks');
    expect(result.stderr).toContain('=== validate demo-test failed ===');
    expect(result.stderr).toContain('The argument "value" is required.');
  });

  test('plan runs init, plan -refresh=false and show -json in a work dir and writes plan.json beside cdk.tf.json', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['plan', '--app', 'demo', '--env', 'prod'], {
      cwd,
      env: env(fake),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(
      /\[1\/1\] plan demo-prod ok \d+\.\d+s \(1 to add, 0 to change, 0 to destroy\)/,
    );
    expect(
      calls(fake.log)
        .filter((call) => call.stack === 'demo-prod')
        .map((call) => call.args),
    ).toEqual([
      'init -reconfigure -input=false -no-color',
      'plan -refresh=false -lock=false -input=false -no-color -out=tfplan',
      'show -json -no-color tfplan',
    ]);
    expect(
      JSON.parse(readFileSync(join(out, 'stacks', 'demo-prod', 'plan.json'), 'utf8')),
    ).toMatchObject({ format_version: '1.2' });
    // The stack directory holds what synth wrote plus plan.json; terraform's files are elsewhere.
    expect(readdirSync(join(out, 'stacks', 'demo-prod')).sort()).toEqual([
      'cdk.tf.json',
      'plan.json',
    ]);
    const workDir = join(out, '.work', 'stacks', 'demo-prod');
    expect(readdirSync(workDir).sort()).toEqual(['cdk.tf.json', OVERRIDE_FILE, 'tfplan']);
    const override = JSON.parse(readFileSync(join(workDir, OVERRIDE_FILE), 'utf8'));
    expect(override).toMatchObject({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
    });
  });

  test("fails when a plan fails: exit 1, terraform's output printed, no plan.json left from an earlier run", async () => {
    const fake = fakeTerraform();
    writeFileSync(join(out, 'stacks', 'demo-dev', 'plan.json'), '{"earlier":true}');
    const result = await runCli(['plan', '--app', 'demo', '--env', 'dev'], {
      cwd,
      env: env(fake, { FAKE_TF_FAIL: 'plan:demo-dev' }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[1\/1\] plan demo-dev FAILED/);
    expect(result.stderr).toContain('=== plan demo-dev failed ===');
    expect(result.stderr).toContain('terraform plan -refresh=false');
    expect(result.stderr).toContain('Error: fake plan failure for demo-dev');
    expect(existsSync(join(out, 'stacks', 'demo-dev', 'plan.json'))).toBe(false);
  });

  test('validate after plan drops the override from the work dir, so validate checks cdk.tf.json as synthesized', async () => {
    const fake = fakeTerraform();
    expect(
      (await runCli(['plan', '--app', 'demo', '--env', 'test'], { cwd, env: env(fake) })).code,
    ).toBe(0);
    expect(
      (await runCli(['validate', '--app', 'demo', '--env', 'test'], { cwd, env: env(fake) })).code,
    ).toBe(0);
    expect(readdirSync(join(out, '.work', 'stacks', 'demo-test'))).not.toContain(OVERRIDE_FILE);
  });

  test('--concurrency 1 runs one stack at a time', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--app', 'demo', '--concurrency', '1'], {
      cwd,
      env: env(fake),
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('1 at a time');
    // Sequential: each stack's two calls are adjacent in the log.
    const order = calls(fake.log)
      .filter((call) => call.stack.startsWith('demo-'))
      .map((call) => call.stack);
    expect(order).toEqual([
      'demo-dev',
      'demo-dev',
      'demo-test',
      'demo-test',
      'demo-prod',
      'demo-prod',
    ]);
  });
});

describe('offline override', () => {
  test('replaces the backend with a local one and makes every aws provider skip AWS calls, keeping aliases', () => {
    const override = offlineOverride({
      provider: {
        aws: [
          { region: 'eu-west-1', allowed_account_ids: ['111111111111'] },
          { alias: 'useast1', region: 'us-east-1' },
        ],
      },
    });
    const settings = {
      skip_credentials_validation: true,
      skip_requesting_account_id: true,
      skip_metadata_api_check: true,
      skip_region_validation: true,
      allowed_account_ids: [],
    };
    expect(override).toMatchObject({
      terraform: { backend: { local: { path: 'terraform.tfstate' } } },
      provider: { aws: [settings, { alias: 'useast1', ...settings }] },
    });
  });

  test('fails when a provider assumes a role, which an offline plan cannot do', () => {
    expect(() =>
      offlineOverride({
        provider: { aws: [{ assume_role: [{ role_arn: 'arn:aws:iam::1:role/x' }] }] },
      }),
    ).toThrow('provider aws has assume_role, which calls STS even in an offline plan');
  });
});

describe('terraform environment', () => {
  test('drops inherited AWS_* and TF_* variables except TF_LOG*, and sets the offline settings', () => {
    const env = terraformEnvironment(
      {
        PATH: '/bin',
        HOME: '/home/x',
        AWS_PROFILE: 'prod',
        AWS_SESSION_TOKEN: 't',
        TF_CLI_ARGS: '-x',
        TF_DATA_DIR: '/d',
        TF_LOG: 'debug',
      },
      {
        cliConfigFile: '/w/terraform.tfrc',
        emptyAwsConfigFile: '/w/aws-config',
        emptyAwsCredentialsFile: '/w/aws-credentials',
      },
    );
    expect(env).toEqual({
      PATH: '/bin',
      HOME: '/home/x',
      TF_LOG: 'debug',
      TF_CLI_CONFIG_FILE: '/w/terraform.tfrc',
      CHECKPOINT_DISABLE: '1',
      TF_IN_AUTOMATION: '1',
      TF_INPUT: '0',
      AWS_ACCESS_KEY_ID: FAKE_ACCESS_KEY_ID,
      AWS_SECRET_ACCESS_KEY: expect.stringContaining('fake'),
      AWS_EC2_METADATA_DISABLED: 'true',
      AWS_CONFIG_FILE: '/w/aws-config',
      AWS_SHARED_CREDENTIALS_FILE: '/w/aws-credentials',
    });
  });

  test('quotes paths for HCL, escaping template sequences', () => {
    expect(hclString('/opt/a "b"/${x}/%{y}')).toBe('"/opt/a \\"b\\"/$${x}/%%{y}"');
  });
});
