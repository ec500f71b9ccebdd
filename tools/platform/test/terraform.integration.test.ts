import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readdirSync,
  readlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { readJson, runCli, workspace } from './helpers';

/**
 * The one test with the real terraform binary and the real hashicorp/aws 5.100.0 provider from
 * the local mirror (docs/architecture.md#verification-tiers, tiers 3 and 4). One stack keeps it near 15 s.
 * The proxy variables point at a closed port: any call to AWS or to a registry would fail, so a
 * passing plan proves it ran offline.
 */
const MIRROR = process.env.TF_PROVIDER_MIRROR ?? '/opt/tf-plugins';

const offlineEnv = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  TF_PROVIDER_MIRROR: MIRROR,
  HTTPS_PROXY: 'http://127.0.0.1:9',
  HTTP_PROXY: 'http://127.0.0.1:9',
  NO_PROXY: '',
  ...extra,
});

test('validate and an offline plan of one stack succeed with the real terraform and provider, without network', async () => {
  const cwd = workspace();
  expect((await runCli(['synth'], { cwd })).code).toBe(0);
  const env = offlineEnv();
  const filter = ['--app', 'demo', '--env', 'prod'];

  const validated = await runCli(['validate', ...filter], { cwd, env });
  expect(validated.stderr).toBe('');
  expect(validated.stdout).toMatch(/\[1\/1\] validate demo-prod ok \d+\.\d+s/);
  expect(validated.code).toBe(0);

  const planned = await runCli(['plan', ...filter], { cwd, env });
  expect(planned.stderr).toBe('');
  expect(planned.stdout).toMatch(
    /\[1\/1\] plan demo-prod ok \d+\.\d+s \(1 to add, 0 to change, 0 to destroy\)/,
  );
  expect(planned.code).toBe(0);

  const stackDir = join(cwd, 'cdktf.out', 'stacks', 'demo-prod');
  expect(readdirSync(stackDir).sort()).toEqual(['cdk.tf.json', 'plan.json']);
  const plan = readJson<{
    resource_changes: {
      address: string;
      change: { actions: string[]; after: Record<string, unknown> };
    }[];
  }>(join(stackDir, 'plan.json'));
  expect(plan.resource_changes).toEqual([
    expect.objectContaining({
      address: 'aws_ssm_parameter.Marker',
      change: expect.objectContaining({
        actions: ['create'],
        after: expect.objectContaining({ name: '/genai/prod/demo/marker' }),
      }),
    }),
  ]);

  // The provider is linked from the mirror, never copied into the work dir.
  const providerDir = join(
    cwd,
    'cdktf.out',
    '.work',
    'stacks',
    'demo-prod',
    '.terraform',
    'providers',
    'registry.terraform.io',
    'hashicorp',
    'aws',
    '5.100.0',
    'linux_amd64',
  );
  expect(lstatSync(providerDir).isSymbolicLink()).toBe(true);
  expect(readlinkSync(providerDir)).toBe(
    join(MIRROR, 'registry.terraform.io', 'hashicorp', 'aws', '5.100.0', 'linux_amd64'),
  );
  const workKilobytes = Number(
    execFileSync('du', ['-sk', join(cwd, 'cdktf.out', '.work')], { encoding: 'utf8' }).split(
      '\t',
    )[0],
  );
  expect(workKilobytes).toBeLessThan(1024);

  // A full synth replaces the output, links included, without following them into the mirror.
  expect((await runCli(['synth'], { cwd })).code).toBe(0);
  expect(existsSync(join(cwd, 'cdktf.out', '.work'))).toBe(false);
  expect(
    existsSync(
      join(
        MIRROR,
        'registry.terraform.io',
        'hashicorp',
        'aws',
        '5.100.0',
        'linux_amd64',
        'terraform-provider-aws_v5.100.0_x5',
      ),
    ),
  ).toBe(true);
}, 120_000);

type PlanJson = { planned_values: unknown; resource_changes: unknown[] };

/**
 * Stacks with a stack input (a variable without default) and an asset read by a relative path
 * share one terraform process, and each gets the plan it gets alone. The stand-in terraform of
 * the unit tests cannot tell whether a batch's module calls are complete, so this runs the real one.
 */
test('a batch of stacks with stack inputs and assets validates and plans as each stack alone', async () => {
  const cwd = workspace();
  expect((await runCli(['synth'], { cwd })).code).toBe(0);
  const stacks = ['demo-dev', 'demo-test'];
  for (const stack of stacks) {
    const dir = join(cwd, 'cdktf.out', 'stacks', stack);
    const config = readJson<Record<string, Record<string, unknown>>>(join(dir, 'cdk.tf.json'));
    config.variable = { vpc_id: { type: 'string' } };
    config.resource.aws_ssm_parameter = {
      ...(config.resource.aws_ssm_parameter as object),
      Input: { name: `/${stack}/vpc`, type: 'String', value: '${var.vpc_id}' },
      Asset: { name: `/${stack}/asset`, type: 'String', value: '${filemd5("assets/marker.txt")}' },
    };
    writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify(config, null, 2));
    mkdirSync(join(dir, 'assets'));
    writeFileSync(join(dir, 'assets', 'marker.txt'), 'the same content in both stacks\n');
  }
  const filter = ['--app', 'demo', '--env', 'dev,test', '--concurrency', '1'];

  const validated = await runCli(['validate', ...filter], { cwd, env: offlineEnv() });
  expect(validated.stderr).toBe('');
  expect(validated.stdout).toContain('up to 2 stacks per terraform process');
  expect(validated.stdout).not.toContain('cannot tell the result apart');
  expect(validated.code).toBe(0);

  const planned = await runCli(['plan', ...filter], { cwd, env: offlineEnv() });
  expect(planned.stderr).toBe('');
  expect(planned.stdout).not.toContain('cannot tell the result apart');
  expect(planned.code).toBe(0);
  const planOf = (stack: string) =>
    readJson<PlanJson>(join(cwd, 'cdktf.out', 'stacks', stack, 'plan.json'));
  const batched = stacks.map(planOf);

  const alone = await runCli(['plan', ...filter], {
    cwd,
    env: offlineEnv({ PLATFORM_TF_BATCH_SIZE: '1' }),
  });
  expect(alone.code).toBe(0);
  stacks.forEach((stack, index) => {
    const own = planOf(stack);
    expect(batched[index].resource_changes).toHaveLength(3);
    expect(batched[index].resource_changes).toEqual(own.resource_changes);
    expect(batched[index].planned_values).toEqual({
      root_module: (own.planned_values as { root_module: unknown }).root_module,
    });
  });
}, 600_000);
