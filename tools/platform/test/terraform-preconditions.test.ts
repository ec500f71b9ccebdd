import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fakeMirror, fakeTerraform, runCli, tempDir, workspace } from './helpers';

/** A workspace already synthesized, so that validate and plan get as far as their own checks. */
async function synthesized(): Promise<string> {
  const cwd = workspace();
  const result = await runCli(['synth'], { cwd });
  expect(result.code).toBe(0);
  return cwd;
}

describe('validate and plan preconditions', () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await synthesized();
  });

  test.each(['validate', 'plan'])(
    '%s fails when terraform is not on PATH, saying what to install and how to point to it',
    async (command) => {
      const emptyBin = tempDir('no-terraform-');
      const result = await runCli([command, '--app', 'demo'], {
        cwd,
        env: { PATH: emptyBin, TF_PROVIDER_MIRROR: fakeMirror() },
      });
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Cannot run terraform ${command}`);
      expect(result.stderr).toContain(`there is no terraform on PATH (${emptyBin})`);
      expect(result.stderr).toContain('Install Terraform >= 1.10');
      expect(result.stderr).toContain('TERRAFORM_BIN');
      expect(result.stdout).toBe('');
    },
  );

  test('fails when TERRAFORM_BIN points at nothing', async () => {
    const result = await runCli(['validate'], {
      cwd,
      env: { PATH: '', TERRAFORM_BIN: '/nonexistent/terraform', TF_PROVIDER_MIRROR: fakeMirror() },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'TERRAFORM_BIN=/nonexistent/terraform is not an executable file',
    );
  });

  test('fails when terraform is older than 1.10', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        TERRAFORM_BIN: fake.bin,
        TF_PROVIDER_MIRROR: fakeMirror(),
        FAKE_TF_VERSION: '1.9.8',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${fake.bin} is Terraform 1.9.8, older than 1.10.0`);
  });

  test('without TF_PROVIDER_MIRROR, installs providers from the registry through a shared plugin cache', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['plan', '--app', 'demo', '--env', 'dev'], {
      cwd,
      env: { PATH: process.env.PATH, TERRAFORM_BIN: fake.bin },
    });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'providers from registry.terraform.io (set TF_PROVIDER_MIRROR to use a local mirror)',
    );
    const config = readFileSync(join(cwd, 'cdktf.out', '.work', 'terraform.tfrc'), 'utf8');
    expect(config).toContain('  direct {}');
    expect(config).not.toContain('filesystem_mirror');
    expect(config).toContain(
      `plugin_cache_dir = ${JSON.stringify(join(cwd, 'cdktf.out', '.work', 'plugin-cache'))}`,
    );
  });

  test('reports a missing terraform and an unusable mirror together', async () => {
    const result = await runCli(['plan'], {
      cwd,
      env: { PATH: tempDir(), TF_PROVIDER_MIRROR: '/nonexistent/mirror' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Terraform was not found');
    expect(result.stderr).toContain('TF_PROVIDER_MIRROR=/nonexistent/mirror is not a directory');
  });

  test('fails when TF_PROVIDER_MIRROR is not a directory', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        TERRAFORM_BIN: fake.bin,
        TF_PROVIDER_MIRROR: '/nonexistent/mirror',
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('TF_PROVIDER_MIRROR=/nonexistent/mirror is not a directory');
  });

  test('fails when the mirror lacks the provider version the stacks pin, naming the expected path', async () => {
    const fake = fakeTerraform();
    const mirror = fakeMirror('5.99.0');
    const result = await runCli(['validate'], {
      cwd,
      env: { PATH: process.env.PATH, TERRAFORM_BIN: fake.bin, TF_PROVIDER_MIRROR: mirror },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `TF_PROVIDER_MIRROR=${mirror} has no registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64`,
    );
    expect(result.stderr).toContain(
      `${mirror}/registry.terraform.io/hashicorp/aws/5.100.0/linux_amd64/terraform-provider-aws_v5.100.0*`,
    );
    expect(result.stderr).toContain('terraform-provider-aws_5.100.0_linux_amd64.zip');
  });

  test('fails when the mirror holds the version for another platform only', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['plan'], {
      cwd,
      env: {
        PATH: process.env.PATH,
        TERRAFORM_BIN: fake.bin,
        TF_PROVIDER_MIRROR: fakeMirror('5.100.0', 'darwin_arm64'),
      },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'has no registry.terraform.io/hashicorp/aws 5.100.0 for linux_amd64',
    );
  });

  test('fails when the stacks were not synthesized, saying to run synth first with the same filters', async () => {
    const fresh = workspace();
    const result = await runCli(['plan', '--env', 'dev', '--app', 'demo'], {
      cwd: fresh,
      env: { PATH: process.env.PATH },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('1 stack not synthesized in cdktf.out: demo-dev');
    expect(result.stderr).toContain('run "npm run platform -- synth --app demo --env dev" first');
  });

  test('fails when the configuration is invalid, before looking for terraform', async () => {
    const broken = tempDir();
    mkdirSync(join(broken, 'environments'));
    writeFileSync(join(broken, 'environments', 'platform.json'), '{ not json');
    const result = await runCli(['validate'], { cwd: broken, env: {} });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('platform.json $: not valid JSON');
  });
});
