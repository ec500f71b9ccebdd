import {
  CALLER_KEY,
  DEV,
  PROD,
  PROD_CALLER_KEY,
  PROD_PROMOTION_KEY,
  PROMOTION_KEY,
  PromotionAws,
  TEST,
} from '@genai-sandbox/aws-test-server';
import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { servingStacks } from '../src/promote/release-gates';
import { generateWorkflows } from '../src/workflows/generate';
import {
  type DestinationCall,
  deliver,
  loadStacks,
  modelPackageStateChange,
} from './event-routing';
import { readJson, runCli, tempDir } from './helpers';

/**
 * One model from its approval in dev to prod serving it, every hop as the platform runs it: the
 * approval event routed by the synthesized EventBridge rules of the three accounts, the dispatch
 * promote.yml receives and its resolve step (run with bash), `platform promote`, the release the
 * workflow records, the stacks it applies (synthesized with the real apps), `platform approve`,
 * and the approval event that carries the package on. AWS is one local server speaking STS,
 * SageMaker, S3 and ECR to the real SDK clients; each account's state is checked after each hop.
 * Terraform apply and the smoke test through the deployed API are not run here: the deploy
 * integration test and the smoke tests cover them.
 */

// Each hop loads the configuration and synthesizes stacks with the real apps, on a shared CPU.
jest.setTimeout(120_000);

const REPO_APPS = join(__dirname, '../../../apps');
const SCRIPTS = join(__dirname, '..', 'scripts');
const GROUP = 'genai-llm-finetuned';
const PROJECT = 'fraud-detection';
const STACK = (env: string) => `inference-realtime-${PROJECT}-${env}`;
const bucket = (env: string, account: string) => `genai-${env}-${PROJECT}-ml-${account}`;
const repository = (env: string) => `genai-${env}-${GROUP}`;
const DEV_ARN = `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/${GROUP}/3`;
const TEST_ARN = `arn:aws:sagemaker:eu-west-1:${TEST}:model-package/${GROUP}/1`;
const PROD_ARN = `arn:aws:sagemaker:eu-west-1:${PROD}:model-package/${GROUP}/1`;
const DEV_KEY = `artifacts/models/${GROUP}/3/model.tar.gz`;

const aws = new PromotionAws();
let root: string;
let configDir: string;
let foundationOut: string;
const images = { promoted: '', unpromoted: '' };

beforeAll(async () => {
  await aws.start();
  root = tempDir('model-chain-');
  const fixture = configurationFixture();
  // dev serves version 3 through the project's real-time endpoint; test and prod serve nothing yet.
  fixture.releases.dev = {
    $schema: '../schema/release.schema.json',
    releases: [
      {
        project: PROJECT,
        blueprint: 'inference-realtime',
        modelPackageGroup: GROUP,
        modelPackageArn: DEV_ARN,
      },
    ],
  };
  configDir = writeConfigurationFixture(fixture, join(root, 'environments'));

  aws.putObject(bucket('dev', DEV), DEV_KEY, 'fine-tuned weights v3');
  const image = `${DEV}.dkr.ecr.eu-west-1.amazonaws.com/${repository('dev')}:1.4`;
  aws.addPackage(DEV, GROUP, 3, 'Approved', `s3://${bucket('dev', DEV)}/${DEV_KEY}`, image);
  images.promoted = aws.pushImage(DEV, repository('dev'), '1.4', ['base', 'server v1.4']);
  images.unpromoted = aws.pushImage(DEV, repository('dev'), '2.0-rc', ['base', 'server rc']);
  aws.addRepository(TEST, repository('test'));
  aws.addRepository(PROD, repository('prod'));

  // The promotion plumbing of the three accounts, as foundation synthesizes it.
  foundationOut = join(root, 'foundation.out');
  const synth = await runCli(
    ['synth', '--config-dir', configDir, '--app', 'foundation', '--out', foundationOut],
    { cwd: root, appsDir: REPO_APPS },
  );
  expect(synth.stderr).toBe('');
  expect(synth.code).toBe(0);
});
afterAll(() => aws.stop());

const env = (key: string): NodeJS.ProcessEnv => ({
  AWS_ENDPOINT_URL: aws.endpoint,
  AWS_ACCESS_KEY_ID: key,
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
});
const cli = (args: string[], key: string) =>
  runCli([...args, '--config-dir', configDir], { cwd: root, env: env(key) });

/** Where an approval status change of `arn` leads, through the rules of the three accounts. */
function route(arn: string, status: 'Approved' | 'PendingManualApproval'): DestinationCall[] {
  const config = loadPlatformConfiguration(configDir);
  const stacks = loadStacks(
    foundationOut,
    config.environments.map((environment) => ({
      name: `foundation-${environment.name}`,
      environment: environment.name,
      account: environment.accountId,
    })),
  );
  return deliver(stacks, modelPackageStateChange(arn, status));
}

/** promote.yml's resolve job, run with bash on the repository_dispatch it received. */
function resolveJob(dispatch: DestinationCall): Record<string, string> {
  const workflow = parse(generateWorkflows(loadPlatformConfiguration(configDir))['promote.yml']);
  expect(workflow.on.repository_dispatch.types).toContain(dispatch.body.event_type);
  const payload = dispatch.body.client_payload as Record<string, string>;
  const step = workflow.jobs.resolve.steps.find(
    (candidate: { id?: string }) => candidate.id === 'check',
  );
  const output = join(tempDir('github-output-'), 'output');
  writeFileSync(output, '');
  // As GitHub's runner runs a `run:` step: bash --noprofile --norc -eo pipefail.
  const run = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', step.run], {
    encoding: 'utf8',
    env: {
      PATH: process.env.PATH,
      GITHUB_OUTPUT: output,
      SOURCE_ENVIRONMENT: payload.source_environment,
      TARGET_ENVIRONMENT: payload.target_environment,
      MODEL_PACKAGE_ARN: payload.model_package_arn,
    },
  });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  return Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .map((line) => line.split('=', 2) as [string, string]),
  );
}

/** record-release.sh: the package the target now serves, which the next hop promotes from. */
function recordRelease(target: string, sourceArn: string): string {
  const run = spawnSync(
    'bash',
    ['--noprofile', '--norc', join(SCRIPTS, 'record-release.sh'), target, sourceArn],
    {
      encoding: 'utf8',
      env: { PATH: process.env.PATH, PLATFORM_CONFIG_DIR: configDir, GITHUB_OUTPUT: '' },
    },
  );
  expect(run.status).toBe(0);
  return /model-package-arn=(\S+)/.exec(run.stdout)?.[1] ?? '';
}

/** The model package the environment's real-time endpoint is synthesized with. */
async function servedBy(environment: string): Promise<string[]> {
  const config = loadPlatformConfiguration(configDir);
  const { stacks } = servingStacks(config, environment, GROUP, ['inference-realtime']);
  expect(stacks.map((stack) => `${stack.blueprint}-${stack.project}-${environment}`)).toEqual([
    STACK(environment),
  ]);
  const out = join(root, `${environment}.out`);
  const synth = await runCli(
    [
      'synth',
      '--config-dir',
      configDir,
      '--app',
      'inference-realtime',
      '--env',
      environment,
      '--out',
      out,
    ],
    { cwd: root, appsDir: REPO_APPS },
  );
  expect(synth.code).toBe(0);
  const json = readJson<{ resource: Record<string, Record<string, Record<string, unknown>>> }>(
    join(out, 'stacks', STACK(environment), 'cdk.tf.json'),
  );
  return Object.values(json.resource.aws_sagemaker_model ?? {}).flatMap((model) =>
    [model.primary_container, model.container]
      .flat()
      .filter(Boolean)
      .map((container) => String((container as Record<string, unknown>).model_package_name)),
  );
}

const packagesOf = (account: string) =>
  aws.packages
    .filter((pkg) => pkg.account === account)
    .map((pkg) => ({
      arn: pkg.arn,
      status: pkg.status,
      source: pkg.customerMetadata?.['source-model-package-arn'],
    }));
const imagesOf = (account: string, env: string) =>
  aws.repositories.get(`${account}/${repository(env)}`)?.images.map((image) => image.digest) ?? [];
const writes = () =>
  aws.calls
    .filter((call) =>
      ['CreateModelPackage', 'UpdateModelPackage', 'PutImage'].includes(call.action),
    )
    .map((call) => `${call.accessKeyId} ${call.service} ${call.action} ${call.resource}`);

describe('a model approved in dev, served in prod', () => {
  it('travels dev -> test -> prod, each account as expected after each hop', async () => {
    // 1. dev's approval reaches GitHub once, through test's promotion bus, for the hop to test.
    const toTest = route(DEV_ARN, 'Approved');
    expect(toTest).toEqual([
      {
        environment: 'test',
        rule: 'genai-test-github-dispatch',
        method: 'POST',
        endpoint: 'https://api.github.com/repos/example-org/genai-sandbox/dispatches',
        body: {
          event_type: 'model-approved',
          client_payload: {
            model_package_arn: DEV_ARN,
            model_package_group: GROUP,
            source_environment: 'dev',
            target_environment: 'test',
          },
        },
      },
    ]);
    expect(resolveJob(toTest[0])).toEqual({
      'source-environment': 'dev',
      'target-environment': 'test',
      'model-package-arn': DEV_ARN,
    });

    // 2. promote-test: copy, register pending in test, record the release.
    const promoted = await cli(
      ['promote', '--from', 'dev', '--to', 'test', '--model-package-arn', DEV_ARN],
      CALLER_KEY,
    );
    expect(promoted.stderr).toBe('');
    expect(promoted.code).toBe(0);
    expect(packagesOf(TEST)).toEqual([
      { arn: TEST_ARN, status: 'PendingManualApproval', source: DEV_ARN },
    ]);
    expect(imagesOf(TEST, 'test')).toEqual([images.promoted]);
    expect(
      [...aws.objects.keys()].filter((key) => key.startsWith(bucket('test', TEST))),
    ).toHaveLength(1);
    expect(recordRelease('test', DEV_ARN)).toBe(TEST_ARN);

    // Registered but not approved: nothing moves on, and prod refuses to promote it.
    expect(route(TEST_ARN, 'PendingManualApproval')).toEqual([]);
    const early = await cli(
      ['promote', '--from', 'test', '--to', 'prod', '--model-package-arn', TEST_ARN],
      PROD_CALLER_KEY,
    );
    expect(early.code).not.toBe(0);
    expect(early.stderr).toMatch(/PendingManualApproval/);
    expect(packagesOf(PROD)).toEqual([]);

    // 3. test's endpoint is synthesized with test's own package; approve after apply and smoke.
    expect(await servedBy('test')).toEqual([TEST_ARN]);
    const approved = await cli(
      ['approve', '--env', 'test', '--model-package-arn', TEST_ARN],
      CALLER_KEY,
    );
    expect(approved.stderr).toBe('');
    expect(approved.code).toBe(0);
    expect(packagesOf(TEST)).toEqual([{ arn: TEST_ARN, status: 'Approved', source: DEV_ARN }]);

    // 4. test's approval reaches GitHub once, through prod's bus, for the hop to prod.
    const toProd = route(TEST_ARN, 'Approved');
    expect(toProd).toHaveLength(1);
    expect(toProd[0]).toMatchObject({
      environment: 'prod',
      body: {
        client_payload: {
          model_package_arn: TEST_ARN,
          source_environment: 'test',
          target_environment: 'prod',
        },
      },
    });
    expect(resolveJob(toProd[0])).toEqual({
      'source-environment': 'test',
      'target-environment': 'prod',
      'model-package-arn': TEST_ARN,
    });

    // 5. promote-prod, then prod serves its own package and approves it; the chain ends there.
    const toProdRun = await cli(
      ['promote', '--from', 'test', '--to', 'prod', '--model-package-arn', TEST_ARN],
      PROD_CALLER_KEY,
    );
    expect(toProdRun.stderr).toBe('');
    expect(toProdRun.code).toBe(0);
    expect(packagesOf(PROD)).toEqual([
      { arn: PROD_ARN, status: 'PendingManualApproval', source: TEST_ARN },
    ]);
    expect(recordRelease('prod', TEST_ARN)).toBe(PROD_ARN);
    expect(await servedBy('prod')).toEqual([PROD_ARN]);
    const prodApproved = await cli(
      ['approve', '--env', 'prod', '--model-package-arn', PROD_ARN],
      PROD_CALLER_KEY,
    );
    expect(prodApproved.code).toBe(0);
    expect(route(PROD_ARN, 'Approved')).toEqual([]);

    // Every account as it should be: dev untouched, test and prod each hold their own copy.
    expect(packagesOf(DEV)).toEqual([{ arn: DEV_ARN, status: 'Approved', source: undefined }]);
    expect(packagesOf(PROD)).toEqual([{ arn: PROD_ARN, status: 'Approved', source: TEST_ARN }]);
    const registered = aws.packages.find((pkg) => pkg.arn === PROD_ARN);
    expect(JSON.stringify(registered?.inferenceSpecification)).not.toMatch(
      new RegExp(`${DEV}|${TEST}`),
    );
    expect(imagesOf(PROD, 'prod')).toEqual([images.promoted]);
    expect(
      [...aws.objects.keys()].filter((key) => key.startsWith(bucket('prod', PROD))),
    ).toHaveLength(1);
    // Each write ran as the target account's promotion role, in this order.
    expect(
      writes().map((line) =>
        line
          .replace(/ \S+:\S+$/, '')
          .split(' ')
          .slice(0, 3)
          .join(' '),
      ),
    ).toEqual([
      `${PROMOTION_KEY} ecr PutImage`,
      `${PROMOTION_KEY} sagemaker CreateModelPackage`,
      `${PROMOTION_KEY} sagemaker UpdateModelPackage`,
      `${PROD_PROMOTION_KEY} ecr PutImage`,
      `${PROD_PROMOTION_KEY} sagemaker CreateModelPackage`,
      `${PROD_PROMOTION_KEY} sagemaker UpdateModelPackage`,
    ]);

    // 6. A re-run of both hops (a retried workflow) registers and approves nothing twice.
    const before = writes().length;
    expect(
      (
        await cli(
          ['promote', '--from', 'dev', '--to', 'test', '--model-package-arn', DEV_ARN],
          CALLER_KEY,
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli(['approve', '--env', 'test', '--model-package-arn', TEST_ARN], CALLER_KEY)).code,
    ).toBe(0);
    expect(
      (
        await cli(
          ['promote', '--from', 'test', '--to', 'prod', '--model-package-arn', TEST_ARN],
          PROD_CALLER_KEY,
        )
      ).code,
    ).toBe(0);
    expect(
      (await cli(['approve', '--env', 'prod', '--model-package-arn', PROD_ARN], PROD_CALLER_KEY))
        .code,
    ).toBe(0);
    expect(writes()).toHaveLength(before);
    expect(aws.packages).toHaveLength(3);
  });
});
