import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { batchSize, MAX_BATCH } from '../src/terraform/batch-dir';
import { stackPlan } from '../src/terraform/batch-plan';
import { diagnosticsByStack } from '../src/terraform/batch-validate';
import { fakeMirror, fakeTerraform, readJson, runCli, workspace } from './helpers';

function callArgs(log: string): string[][] {
  return readFileSync(log, 'utf8')
    .trim()
    .split('\n')
    .map((line) => line.split('|').slice(0, 2));
}

describe('validate and plan in batches (several stacks per terraform process)', () => {
  let cwd: string;
  let out: string;
  beforeAll(async () => {
    cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    out = join(cwd, 'cdktf.out');
  });

  const env = (fake: { bin: string }, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    PATH: process.env.PATH,
    TERRAFORM_BIN: fake.bin,
    TF_PROVIDER_MIRROR: fakeMirror(),
    ...extra,
  });

  test('validate runs one init and one validate per batch, each stack a module of a generated root', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--app', 'demo', '--concurrency', '1'], {
      cwd,
      env: env(fake),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(callArgs(fake.log).filter(([, args]) => !args.startsWith('version'))).toEqual([
      ['1', 'init -backend=false -input=false -no-color'],
      ['1', 'validate -json -no-color'],
    ]);
    const batchDir = join(out, '.work', 'batches', '1');
    expect(readJson(join(batchDir, 'main.tf.json'))).toMatchObject({
      module: {
        'demo-dev': { source: './demo-dev' },
        'demo-test': { source: './demo-test' },
        'demo-prod': { source: './demo-prod' },
      },
    });
    // The warning about each module's ignored backend is an artefact of batching: not shown.
    expect(result.stdout).not.toContain('Backend configuration ignored');
    expect(result.stdout).toMatch(/1 at a time, up to 3 stacks per terraform process\n/);
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-prod ok/);
    expect(result.stdout).toContain('validate: 3 ok, 0 failed, 3 stacks');
  });

  test('fails when a stack in a batch is invalid: only that stack fails, with its diagnostic as if it ran alone', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--app', 'demo', '--concurrency', '1'], {
      cwd,
      env: env(fake, { FAKE_TF_FAIL: 'validate:demo-test' }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-test FAILED \d+\.\d+s \(1 error\)/);
    expect(result.stdout).toContain(
      'error: Missing required argument (aws_ssm_parameter.Marker, cdk.tf.json:42)',
    );
    expect(result.stdout).toMatch(/\[\d\/3\] validate demo-dev ok/);
    expect(result.stdout).toContain('validate: 2 ok, 1 failed, 3 stacks');
    expect(result.stderr).toContain('=== validate demo-test failed ===');
  });

  test('plan writes each stack its own plan.json, addressed as if planned alone', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['plan', '--app', 'demo', '--concurrency', '1'], {
      cwd,
      env: env(fake),
    });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(callArgs(fake.log).filter(([, args]) => !args.startsWith('version'))).toEqual([
      ['1', 'init -reconfigure -input=false -no-color'],
      ['1', 'plan -refresh=false -lock=false -input=false -no-color -out=tfplan'],
      ['1', 'show -json -no-color tfplan'],
    ]);
    expect(result.stdout).toMatch(
      /\[\d\/3\] plan demo-dev ok \d+\.\d+s \(1 to add, 0 to change, 0 to destroy\)/,
    );
    const plan = readJson(join(out, 'stacks', 'demo-dev', 'plan.json'));
    expect(plan).toEqual({
      format_version: '1.2',
      terraform_version: '1.11.4',
      planned_values: {
        root_module: {
          resources: [
            {
              address: 'aws_ssm_parameter.Marker',
              mode: 'managed',
              type: 'aws_ssm_parameter',
              name: 'Marker',
              values: { name: '/demo-dev' },
            },
          ],
        },
      },
      resource_changes: [{ address: 'aws_ssm_parameter.Marker', change: { actions: ['create'] } }],
    });
    // Each module directory holds the offline override, as a stack's own work directory would.
    expect(readdirSync(join(out, '.work', 'batches', '1', 'demo-dev')).sort()).toEqual([
      'cdk.tf.json',
      'platform_offline_override.tf.json',
    ]);
  });

  test('fails when a batch plan fails: its stacks are planned one by one, so the failing one is named', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['plan', '--app', 'demo', '--concurrency', '1'], {
      cwd,
      env: env(fake, { FAKE_TF_FAIL: 'plan:demo-prod' }),
    });
    expect(result.code).toBe(1);
    expect(result.stdout).toMatch(/\[\d\/3\] plan demo-dev ok/);
    expect(result.stdout).toMatch(/\[\d\/3\] plan demo-prod FAILED/);
    expect(result.stderr).toContain('=== plan demo-prod failed ===');
    expect(result.stderr).toContain('Error: fake plan failure for demo-prod');
    const stacksPlannedAlone = callArgs(fake.log)
      .filter(([, args]) => args.startsWith('plan'))
      .map(([stack]) => stack);
    expect(stacksPlannedAlone).toEqual(['1', 'demo-dev', 'demo-test', 'demo-prod']);
    // The run says why the batch was re-run, so a batch that always fails does not go unnoticed.
    expect(result.stdout).toMatch(
      /plan batch 1 \(demo-dev, demo-test, demo-prod\): cannot tell the result apart per stack \(terraform plan .* failed \(exit 1\).*\); running its stacks one per terraform process/,
    );
  });

  test('fails when PLATFORM_TF_BATCH_SIZE is not a whole number, naming the variable and the fix', async () => {
    const fake = fakeTerraform();
    const result = await runCli(['validate', '--app', 'demo'], {
      cwd,
      env: env(fake, { PLATFORM_TF_BATCH_SIZE: 'many' }),
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PLATFORM_TF_BATCH_SIZE=many is not a whole number');
    expect(result.stderr).toContain('unset it for the default');
  });
});

describe('batch size', () => {
  it('spreads the stacks over the terraform processes that run at a time, at most MAX_BATCH each', () => {
    expect(batchSize({}, 12, 2)).toBe(6);
    expect(batchSize({}, 300, 2)).toBe(MAX_BATCH);
    expect(batchSize({}, 1, 4)).toBe(1);
    expect(batchSize({ PLATFORM_TF_BATCH_SIZE: '3' }, 300, 2)).toBe(3);
  });
});

describe('splitting results per stack', () => {
  it('gives a stack the resources, nested modules and changes under its module, without the prefix', () => {
    const plan = {
      format_version: '1.2',
      planned_values: {
        root_module: {
          child_modules: [
            {
              address: 'module.a',
              resources: [{ address: 'module.a.aws_s3_bucket.b', mode: 'managed' }],
              child_modules: [
                {
                  address: 'module.a.module.inner',
                  resources: [{ address: 'module.a.module.inner.aws_kms_key.k' }],
                },
              ],
            },
            { address: 'module.ab', resources: [{ address: 'module.ab.aws_s3_bucket.b' }] },
          ],
        },
      },
      resource_changes: [
        { address: 'module.a.aws_s3_bucket.b', module_address: 'module.a' },
        { address: 'module.a.module.inner.aws_kms_key.k', module_address: 'module.a.module.inner' },
        { address: 'module.ab.aws_s3_bucket.b', module_address: 'module.ab' },
      ],
      configuration: { root_module: {} },
    };
    expect(stackPlan(plan, 'a')).toEqual({
      format_version: '1.2',
      planned_values: {
        root_module: {
          resources: [{ address: 'aws_s3_bucket.b', mode: 'managed' }],
          child_modules: [
            { address: 'module.inner', resources: [{ address: 'module.inner.aws_kms_key.k' }] },
          ],
        },
      },
      resource_changes: [
        { address: 'aws_s3_bucket.b' },
        { address: 'module.inner.aws_kms_key.k', module_address: 'module.inner' },
      ],
    });
  });

  it('fails the batch (undefined) when an error names no stack, so its stacks run alone', () => {
    expect(
      diagnosticsByStack(['a', 'b'], [{ severity: 'error', summary: 'Unsupported block' }], ''),
    ).toBeUndefined();
    const outcomes = diagnosticsByStack(
      ['a', 'b'],
      [{ severity: 'warning', summary: 'Deprecated', address: 'module.b.aws_x.y' }],
      '',
    );
    expect(outcomes?.get('a')).toEqual({ ok: true, detail: undefined, block: undefined });
    expect(outcomes?.get('b')?.detail).toBe('(1 warning)');
    expect(outcomes?.get('b')?.block).toContain('warning: Deprecated (aws_x.y)');
  });
});
