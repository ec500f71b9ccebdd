import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { CdktfManifest } from '../src/manifest';
import { ALL_FIXTURE_STACKS, readJson, runCli, snapshotTree, workspace } from './helpers';

describe('platform synth', () => {
  test('synthesizes every stack of the fixture configuration into --out, with a line per stack and a summary', async () => {
    const cwd = workspace();
    const result = await runCli(['synth', '--out', 'build/out'], { cwd });
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const out = join(cwd, 'build/out');
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(ALL_FIXTURE_STACKS);
    expect(Object.keys(readJson<CdktfManifest>(join(out, 'manifest.json')).stacks).sort()).toEqual(
      ALL_FIXTURE_STACKS,
    );
    for (const stack of ALL_FIXTURE_STACKS) {
      expect(result.stdout).toContain(
        `  ${stack}  build/out/stacks/${stack}/cdk.tf.json  1 resource`,
      );
    }
    expect(result.stdout).toMatch(
      /Synthesized 6 stacks into build\/out in \d+\.\d+s \(build\/out replaced\)\./,
    );

    const stack = readJson<{
      provider: { aws: { allowed_account_ids: string[] }[] };
      resource: Record<string, unknown>;
    }>(join(out, 'stacks', 'demo-prod', 'cdk.tf.json'));
    expect(stack.provider.aws[0].allowed_account_ids).toEqual(['333333333333']);
    expect(stack.resource).toHaveProperty(
      'aws_ssm_parameter.Marker.name',
      '/genai/prod/demo/marker',
    );
    // Nothing is left beside the output: the staging directory was renamed into place.
    expect(readdirSync(dirname(out))).toEqual(['out']);
  });

  test('warns about a project with nothing to deploy, and synthesizes the rest', async () => {
    const cwd = workspace((fixture) => {
      fixture.platform.profiles['inference-only'] = {
        description: 'Serve approved models',
        blueprints: ['inference-realtime'],
      };
      fixture.environments.dev.projects = [
        ...(fixture.environments.dev.projects ?? []),
        { name: 'support-assistant', profile: 'inference-only' },
      ];
    });
    const result = await runCli(['synth', '--env', 'dev'], { cwd });
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('Configuration 1 warning (synthesis goes on):');
    expect(result.stderr).toContain(
      'environments/dev.json $.projects[1].profile (received "inference-only"): project "support-assistant" has nothing to deploy in dev',
    );
    expect(result.stdout).toContain('genai-bedrock-fraud-detection-dev');
  });

  test('reads the configuration from --config-dir, relative to the working directory', async () => {
    const cwd = workspace((fixture) => {
      fixture.environments.dev.accountId = '555555555555';
    });
    const result = await runCli(
      ['synth', '--config-dir', 'environments', '--env', 'dev', '--app', 'demo'],
      { cwd },
    );
    expect(result.code).toBe(0);
    const stack = readJson<{ provider: { aws: { allowed_account_ids: string[] }[] } }>(
      join(cwd, 'cdktf.out/stacks/demo-dev/cdk.tf.json'),
    );
    expect(stack.provider.aws[0].allowed_account_ids).toEqual(['555555555555']);
  });

  test('two runs produce byte-identical output', async () => {
    const cwd = workspace();
    expect((await runCli(['synth', '--out', 'first'], { cwd })).code).toBe(0);
    expect((await runCli(['synth', '--out', 'second'], { cwd })).code).toBe(0);
    const first = snapshotTree(join(cwd, 'first'));
    expect(Object.keys(first)).toContain('manifest.json');
    expect(snapshotTree(join(cwd, 'second'))).toEqual(first);
  });

  test('the output holds no path of the machine: annotations keep their message but not their stack trace', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    const manifest = readJson<CdktfManifest>(join(cwd, 'cdktf.out', 'manifest.json'));
    expect(manifest.stacks['demo-dev'].annotations).toEqual([
      {
        constructPath: 'demo-dev',
        level: '@cdktf/warn',
        message: 'fixture warning: demo stacks are for tests only',
      },
    ]);
    const files = Object.entries(snapshotTree(join(cwd, 'cdktf.out')));
    expect(files.length).toBeGreaterThan(ALL_FIXTURE_STACKS.length);
    for (const [path, content] of files) {
      const text = Buffer.from(content, 'base64').toString('utf8');
      expect({
        path,
        hasCwd: text.includes(cwd),
        hasRepo: text.includes(join(__dirname, '..')),
        hasStaging: text.includes('staging'),
      }).toEqual({
        path,
        hasCwd: false,
        hasRepo: false,
        hasStaging: false,
      });
    }
  });

  test('fails when the configuration is invalid: exit 1, every problem listed, the earlier output untouched', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    // An extra file proves that the directory is left alone, not rewritten with equal content.
    writeFileSync(join(cwd, 'cdktf.out', 'stacks', 'demo-dev', 'plan.json'), '{"earlier":"plan"}');
    const before = snapshotTree(join(cwd, 'cdktf.out'));

    const environmentFile = join(cwd, 'environments', 'test.json');
    const environment = readJson(environmentFile);
    writeFileSync(environmentFile, JSON.stringify({ ...environment, accountId: '12345' }));
    const result = await runCli(['synth'], { cwd });

    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('Invalid configuration');
    expect(result.stderr).toMatch(
      /environments\/test\.json \$\.accountId \(received "12345"\): expected a 12-digit AWS account ID/,
    );
    expect(result.stderr).toContain('Nothing was written.');
    expect(snapshotTree(join(cwd, 'cdktf.out'))).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(['cdktf.out', 'environments']);
  });

  test('fails when a construct throws during synthesis, leaving the earlier output untouched and no staging directory', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    const before = snapshotTree(join(cwd, 'cdktf.out'));
    // An app that throws while building its stack, as a construct does when its props are invalid.
    const apps = join(cwd, 'apps');
    mkdirSync(join(apps, 'demo', 'src'), { recursive: true });
    writeFileSync(
      join(apps, 'demo', 'package.json'),
      JSON.stringify({ name: 'broken-demo', main: 'src/index.js' }),
    );
    writeFileSync(
      join(apps, 'demo', 'src', 'index.js'),
      "exports.platformApp = { name: 'demo', scope: 'account', createStack() { throw new Error('boom in createStack'); } };",
    );
    const result = await runCli(['synth'], { cwd, appsDir: apps });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('Synthesis failed; cdktf.out was left untouched.');
    expect(result.stderr).toContain('boom in createStack');
    expect(snapshotTree(join(cwd, 'cdktf.out'))).toEqual(before);
    expect(readdirSync(cwd).sort()).toEqual(['apps', 'cdktf.out', 'environments']);
  });

  test('fails when --out is a directory that is not an earlier synth output, deleting nothing', async () => {
    const cwd = workspace();
    mkdirSync(join(cwd, 'src'));
    writeFileSync(join(cwd, 'src', 'precious.ts'), 'keep me');
    const result = await runCli(['synth', '--out', 'src'], { cwd });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--out');
    expect(result.stderr).toContain('is not an earlier synth output');
    expect(readFileSync(join(cwd, 'src', 'precious.ts'), 'utf8')).toBe('keep me');
  });

  test('a full run replaces the output directory: stale stacks and plans disappear', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    mkdirSync(join(cwd, 'cdktf.out', 'stacks', 'removed-dev'));
    writeFileSync(join(cwd, 'cdktf.out', 'stacks', 'removed-dev', 'cdk.tf.json'), '{}');
    writeFileSync(join(cwd, 'cdktf.out', 'stacks', 'demo-dev', 'plan.json'), '{}');
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    expect(readdirSync(join(cwd, 'cdktf.out', 'stacks')).sort()).toEqual(ALL_FIXTURE_STACKS);
    expect(existsSync(join(cwd, 'cdktf.out', 'stacks', 'demo-dev', 'plan.json'))).toBe(false);
  });

  test('the earlier output, and any an interrupted run left beside it, are removed in the background', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    const leftover = join(cwd, 'cdktf.out.previous-0badf00d');
    mkdirSync(join(leftover, 'stacks', 'demo-dev'), { recursive: true });
    writeFileSync(join(leftover, 'stacks', 'demo-dev', 'cdk.tf.json'), '{}');
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    expect(readdirSync(join(cwd, 'cdktf.out', 'stacks')).sort()).toEqual(ALL_FIXTURE_STACKS);
    const beside = () => readdirSync(cwd).filter((name) => name.startsWith('cdktf.out'));
    for (let waited = 0; beside().length > 1 && waited < 10_000; waited += 50)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(beside()).toEqual(['cdktf.out']);
  });
});

describe('platform synth with filters', () => {
  test('--app, --env and --project combine with AND', async () => {
    const cwd = workspace((fixture) => {
      for (const name of ['dev', 'prod'])
        fixture.environments[name].projects?.push({ name: 'churn', profile: 'genai-full' });
    });
    const result = await runCli(
      ['synth', '--app', 'genai-bedrock', '--env', 'dev,test', '--project', 'fraud-detection'],
      { cwd },
    );
    expect(result.code).toBe(0);
    expect(readdirSync(join(cwd, 'cdktf.out', 'stacks')).sort()).toEqual([
      'genai-bedrock-fraud-detection-dev',
      'genai-bedrock-fraud-detection-test',
    ]);
    expect(result.stdout).toContain('Synthesized 2 stacks');

    const byProject = await runCli(['synth', '--out', 'churn', '--project', 'churn'], { cwd });
    expect(byProject.code).toBe(0);
    expect(readdirSync(join(cwd, 'churn', 'stacks')).sort()).toEqual([
      'genai-bedrock-churn-dev',
      'genai-bedrock-churn-prod',
    ]);
  });

  test('a filtered run replaces only the matched stacks and keeps manifest.json listing every stack on disk', async () => {
    const cwd = workspace();
    expect((await runCli(['synth'], { cwd })).code).toBe(0);
    const out = join(cwd, 'cdktf.out');
    writeFileSync(join(out, 'stacks', 'demo-test', 'plan.json'), '{"kept":true}');
    writeFileSync(join(out, 'stacks', 'demo-dev', 'plan.json'), '{"stale":true}');
    mkdirSync(join(out, '.work', 'stacks', 'demo-test'), { recursive: true });
    writeFileSync(join(out, '.work', 'stacks', 'demo-test', 'cdk.tf.json'), '{}');
    const manifestBefore = readFileSync(join(out, 'manifest.json'), 'utf8');

    // Change dev's account so that the replaced stack visibly differs from the kept ones.
    const devFile = join(cwd, 'environments', 'dev.json');
    writeFileSync(devFile, JSON.stringify({ ...readJson(devFile), accountId: '999999999999' }));
    const result = await runCli(['synth', '--env', 'dev', '--app', 'demo'], { cwd });

    expect(result.code).toBe(0);
    expect(result.stdout).toContain('filtered run: 1 stack replaced, 5 kept');
    expect(readdirSync(join(out, 'stacks')).sort()).toEqual(ALL_FIXTURE_STACKS);
    expect(readFileSync(join(out, 'stacks', 'demo-dev', 'cdk.tf.json'), 'utf8')).toContain(
      '999999999999',
    );
    expect(existsSync(join(out, 'stacks', 'demo-dev', 'plan.json'))).toBe(false);
    expect(readFileSync(join(out, 'stacks', 'demo-test', 'plan.json'), 'utf8')).toBe(
      '{"kept":true}',
    );
    expect(existsSync(join(out, '.work', 'stacks', 'demo-test', 'cdk.tf.json'))).toBe(true);
    // Same stacks, same entries: the manifest of a filtered run equals that of a full run.
    expect(readFileSync(join(out, 'manifest.json'), 'utf8')).toBe(manifestBefore);
  });

  test('a filtered run into an empty --out writes a manifest of just the matched stacks', async () => {
    const cwd = workspace();
    expect((await runCli(['synth', '--env', 'test'], { cwd })).code).toBe(0);
    const manifest = readJson<CdktfManifest>(join(cwd, 'cdktf.out', 'manifest.json'));
    expect(Object.keys(manifest.stacks).sort()).toEqual([
      'demo-test',
      'genai-bedrock-fraud-detection-test',
    ]);
  });
});
