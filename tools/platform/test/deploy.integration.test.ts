import { AwsTestServer, CALLER_KEY, StsService } from '@genai-sandbox/aws-test-server';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, tempDir, workspace } from './helpers';

/**
 * `platform deploy` and `diff` with the real terraform binary on the fixture apps of
 * fixtures/deploy-apps (terraform_data resources, local backend: no provider, no account), and
 * preflight against the STS of the local AWS test server, whose caller key is in account
 * 222222222222, the test environment of the fixture configuration.
 */
const DEPLOY_APPS = join(__dirname, 'fixtures', 'deploy-apps');

let aws: AwsTestServer;
beforeAll(async () => {
  aws = new AwsTestServer([new StsService()]);
  await aws.start();
});
afterAll(() => aws.stop());

/** A configuration whose test environment has a second project, and where the stacks keep their state. */
function deployWorkspace() {
  const cwd = workspace((fixture) => {
    const test = fixture.environments.test as { projects: { name: string }[] };
    test.projects.push({ ...test.projects[0], name: 'support-assistant' });
  });
  return { cwd, stateDir: tempDir('platform-deploy-state-') };
}

function credentials(stateDir: string): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: stateDir,
    AWS_ACCESS_KEY_ID: CALLER_KEY,
    AWS_SECRET_ACCESS_KEY: 'test-secret',
    AWS_ENDPOINT_URL_STS: aws.endpoint,
    AWS_CONFIG_FILE: join(stateDir, 'no-aws-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(stateDir, 'no-aws-credentials'),
    // The fixtures need no provider: any download attempt would fail here.
    HTTPS_PROXY: 'http://127.0.0.1:9',
  };
}

/** The fixture apps read these while the CLI synthesizes in this process. */
async function withFixture<T>(
  settings: { stateDir: string; failStack?: string },
  body: () => Promise<T>,
): Promise<T> {
  process.env.PLATFORM_FIXTURE_STATE_DIR = settings.stateDir;
  if (settings.failStack) process.env.PLATFORM_FIXTURE_FAIL_STACK = settings.failStack;
  try {
    return await body();
  } finally {
    delete process.env.PLATFORM_FIXTURE_STATE_DIR;
    delete process.env.PLATFORM_FIXTURE_FAIL_STACK;
  }
}

function lineIndex(text: string, pattern: RegExp): number {
  return text.split('\n').findIndex((line) => pattern.test(line));
}

test('deploy --auto-approve applies foundation, then the blueprints with its outputs, and leaves bootstrap alone', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const result = await withFixture({ stateDir }, () =>
    runCli(['deploy', '--env', 'test', '--auto-approve'], {
      cwd,
      env: credentials(stateDir),
      appsDir: DEPLOY_APPS,
    }),
  );
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const out = result.stdout;
  expect(out).toContain(
    'deploy test: 3 stacks in dependency order: foundation-test, genai-bedrock-fraud-detection-test, genai-bedrock-support-assistant-test',
  );
  expect(out).toMatch(/preflight: caller .* is in account 222222222222/);
  const foundationApplied = lineIndex(out, /^\[1\/3\] foundation-test: applied/);
  const firstBlueprint = lineIndex(out, /^\[2\/3\] genai-bedrock-fraud-detection-test: init, plan/);
  expect(foundationApplied).toBeGreaterThan(0);
  expect(firstBlueprint).toBeGreaterThan(foundationApplied);
  expect(out).toContain(
    '[2/3] genai-bedrock-fraud-detection-test: stack inputs from foundation: vpc_id',
  );
  expect(out).toContain('    + terraform_data.KnowledgeBase');
  expect(out).toMatch(
    /deploy test: 3 applied \(foundation-test, genai-bedrock-fraud-detection-test, genai-bedrock-support-assistant-test\), 0 without changes/,
  );
  expect(existsSync(join(stateDir, 'bootstrap-test.tfstate'))).toBe(false);
  const state = JSON.parse(
    readFileSync(join(stateDir, 'genai-bedrock-fraud-detection-test.tfstate'), 'utf8'),
  );
  expect(JSON.stringify(state.resources)).toContain('vpc-test');

  // Again: every plan is empty, so nothing is applied.
  const again = await withFixture({ stateDir }, () =>
    runCli(['diff', '--env', 'test'], { cwd, env: credentials(stateDir), appsDir: DEPLOY_APPS }),
  );
  expect(again.code).toBe(0);
  expect(again.stdout).toContain(
    '[1/3] foundation-test: 0 to add, 0 to change, 0 to replace, 0 to destroy',
  );
  expect(again.stdout).toMatch(/diff test: 3 planned, 0 failed, .* Nothing was applied/);

  // What cdktf deploy needs instead: foundation's outputs as exports, and nothing else on stdout.
  const inputs = await withFixture({ stateDir }, () =>
    runCli(['stack-inputs', '--env', 'test'], {
      cwd,
      env: credentials(stateDir),
      appsDir: DEPLOY_APPS,
    }),
  );
  expect(inputs.code).toBe(0);
  expect(inputs.stdout).toBe("export TF_VAR_vpc_id='vpc-test'");
  expect(inputs.stderr).toContain('stack-inputs test: vpc_id from foundation-test');
}, 180_000);

test('stack-inputs before foundation was applied says which output is missing and exports nothing', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const result = await withFixture({ stateDir }, () =>
    runCli(['stack-inputs', '--env', 'test'], {
      cwd,
      env: credentials(stateDir),
      appsDir: DEPLOY_APPS,
    }),
  );
  expect(result.code).toBe(1);
  expect(result.stdout).toBe('');
  expect(result.stderr).toContain(
    'output "vpc_id" is missing from terraform output -json of foundation-test; apply the foundation stack',
  );
  expect(result.stderr).toContain('Nothing was exported.');
}, 120_000);

test('deploy stops at a planted failure and names what was applied and what did not start', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const result = await withFixture(
    { stateDir, failStack: 'genai-bedrock-fraud-detection-test' },
    () =>
      runCli(['deploy', '--env', 'test', '--auto-approve'], {
        cwd,
        env: credentials(stateDir),
        appsDir: DEPLOY_APPS,
      }),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('planted failure');
  expect(result.stderr).toContain(
    'deploy stopped: genai-bedrock-fraud-detection-test failed. Applied before it: foundation-test. Not started: genai-bedrock-support-assistant-test.',
  );
  expect(existsSync(join(stateDir, 'genai-bedrock-support-assistant-test.tfstate'))).toBe(false);
}, 120_000);

test('diff and deploy without credentials stop at preflight, before terraform', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const env = {
    PATH: process.env.PATH,
    HOME: stateDir,
    AWS_CONFIG_FILE: join(stateDir, 'none'),
    AWS_SHARED_CREDENTIALS_FILE: join(stateDir, 'none'),
    AWS_EC2_METADATA_DISABLED: 'true',
  };
  const result = await withFixture({ stateDir }, () =>
    runCli(['diff', '--env', 'test'], { cwd, env, appsDir: DEPLOY_APPS }),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/credentials/i);
  expect(result.stdout).not.toContain('init, plan');
}, 60_000);

test('deploy without --auto-approve and without a terminal refuses before any work', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const result = await runCli(['deploy', '--env', 'test'], {
    cwd,
    env: credentials(stateDir),
    appsDir: DEPLOY_APPS,
  });
  expect(result.code).toBe(2);
  expect(result.stderr).toContain('pass --auto-approve');
  expect(result.stdout).toBe('');
});

test('deploy needs exactly one --env and suggests stack names', async () => {
  const { cwd, stateDir } = deployWorkspace();
  const none = await runCli(['diff'], { cwd, appsDir: DEPLOY_APPS });
  expect(none.code).toBe(2);
  expect(none.stderr).toContain('needs exactly one --env <name>');
  const typo = await withFixture({ stateDir }, () =>
    runCli(['diff', '--env', 'test', '--stack', 'foundation-tset'], { cwd, appsDir: DEPLOY_APPS }),
  );
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain(
    'Unknown name "foundation-tset" in --stack. Did you mean "foundation-test"?',
  );
});
