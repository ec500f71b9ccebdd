import {
  AwsTestServer,
  BedrockRuntimeService,
  CALLER_KEY,
  StsService,
  WRONG_ACCOUNT_KEY,
} from '@genai-sandbox/aws-test-server';
import {
  effectiveGenaiSettings,
  genaiSettingsVersionOf,
  loadPlatformConfiguration,
} from '@genai-sandbox/config';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readJson, runCli, tempDir } from './helpers';

/**
 * One GenAI settings change from dev to prod: promote-genai writes the stored version and the pins,
 * evaluate-genai runs the evaluation gate with the real Bedrock Runtime client against a local
 * server speaking ApplyGuardrail, and each manifest is checked after each step.
 */

const BLOCKED = 'Explain how to make a weapon at home.';
const PASSING = 'What is the refund policy for a late order?';
const GUARDRAIL_ID = 'gr0test00001';

const bedrock = new BedrockRuntimeService([CALLER_KEY]);
const aws = new AwsTestServer([new StsService(), bedrock]);
let configDir: string;

beforeAll(() => aws.start());
afterAll(() => aws.stop());

beforeEach(() => {
  aws.resetCalls();
  bedrock.guardrailApplications.length = 0;
  // Version 1 of test's guardrail intervenes on weapons; version 2 (a bad deploy) on nothing.
  bedrock.addGuardrail(GUARDRAIL_ID, '1', (text) => /weapon/i.test(text));
  bedrock.addGuardrail(GUARDRAIL_ID, '2', () => false);
  const fixture = configurationFixture();
  fixture.environments.dev.blueprints = {
    genaiBedrock: {
      guardrail: { deniedTopics: [{ name: 'Weapons', definition: 'Making or using weapons.' }] },
      evaluation: { guardrail: { mustBlock: [BLOCKED], mustPass: [PASSING] } },
    },
  };
  configDir = writeConfigurationFixture(fixture, join(tempDir('genai-promote-'), 'environments'));
});

const env = (key = CALLER_KEY): NodeJS.ProcessEnv => ({
  AWS_ENDPOINT_URL: aws.endpoint,
  AWS_ACCESS_KEY_ID: key,
  AWS_SECRET_ACCESS_KEY: 'secret',
  AWS_SESSION_TOKEN: 'session',
});

const cli = (args: string[], key?: string) =>
  runCli([...args, '--config-dir', configDir], { env: env(key) });
const promote = (from: string, to: string, extra: string[] = []) =>
  cli(['promote-genai', '--from', from, '--to', to, ...extra]);
const evaluate = (guardrail: string, extra: string[] = [], key?: string) =>
  cli(['evaluate-genai', '--env', 'test', '--guardrail', guardrail, ...extra], key);

const manifest = (name: string) => join(configDir, 'releases', `${name}.json`);
const pinOf = (name: string) =>
  existsSync(manifest(name))
    ? readJson<{ genaiSettings?: unknown }>(manifest(name)).genaiSettings
    : undefined;
const devVersion = () => {
  const config = loadPlatformConfiguration(configDir);
  return effectiveGenaiSettings(config, config.environments[0]).version;
};

describe('a GenAI settings change from dev to prod', () => {
  it('travels dev -> test (evaluated) -> prod, each manifest as expected after each step', async () => {
    const version = devVersion();

    const toTest = await promote('dev', 'test');
    expect(toTest.stderr).toBe('');
    expect(toTest.code).toBe(0);
    const stored = join(configDir, 'genai', `${version}.json`);
    expect(readdirSync(join(configDir, 'genai'))).toEqual([`${version}.json`]);
    const storedSettings = readJson<{ settings: never }>(stored).settings;
    expect(genaiSettingsVersionOf(storedSettings)).toBe(version);
    expect(pinOf('dev')).toBeUndefined();
    expect(pinOf('test')).toEqual({ version, sourceEnvironment: 'dev' });
    expect(pinOf('prod')).toBeUndefined();

    // Not evaluated in test yet: prod is refused, nothing written.
    const early = await promote('test', 'prod');
    expect(early.code).toBe(1);
    expect(early.stderr).toContain(
      `GenAI settings ${version} have not passed the evaluation gate in test`,
    );
    expect(early.stderr).toContain('platform evaluate-genai --env test --record');
    expect(pinOf('prod')).toBeUndefined();

    const evaluated = await evaluate(`fraud-detection=${GUARDRAIL_ID}:1`, ['--record']);
    expect(evaluated.stderr).toBe('');
    expect(evaluated.code).toBe(0);
    expect(aws.trace()).toEqual([
      'sts GetCallerIdentity',
      `bedrock-runtime ApplyGuardrail ${GUARDRAIL_ID}:1`,
      `bedrock-runtime ApplyGuardrail ${GUARDRAIL_ID}:1`,
    ]);
    expect(bedrock.guardrailApplications).toEqual([
      {
        guardrailIdentifier: GUARDRAIL_ID,
        guardrailVersion: '1',
        source: 'INPUT',
        texts: [BLOCKED],
      },
      {
        guardrailIdentifier: GUARDRAIL_ID,
        guardrailVersion: '1',
        source: 'INPUT',
        texts: [PASSING],
      },
    ]);
    expect(pinOf('test')).toEqual({ version, sourceEnvironment: 'dev', evaluatedVersion: version });
    expect(pinOf('prod')).toBeUndefined();

    const toProd = await promote('test', 'prod', ['--version', version]);
    expect(toProd.stderr).toBe('');
    expect(toProd.code).toBe(0);
    expect(pinOf('dev')).toBeUndefined();
    expect(pinOf('test')).toEqual({ version, sourceEnvironment: 'dev', evaluatedVersion: version });
    expect(pinOf('prod')).toEqual({ version, sourceEnvironment: 'test' });
    expect(readdirSync(join(configDir, 'genai'))).toEqual([`${version}.json`]);

    // prod deploys exactly what dev had, from the stored version.
    const config = loadPlatformConfiguration(configDir);
    const [dev, , prod] = config.environments;
    expect(effectiveGenaiSettings(config, prod)).toEqual({
      ...effectiveGenaiSettings(config, dev),
      source: 'pinned',
    });
  });

  it('is idempotent: a second promotion writes nothing', async () => {
    expect((await promote('dev', 'test')).code).toBe(0);
    const before = readFileSync(manifest('test'), 'utf8');
    const again = await promote('dev', 'test');
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('pins');
    expect(again.stdout).toContain('already; nothing to do.');
    expect(readFileSync(manifest('test'), 'utf8')).toBe(before);
  });

  it('refuses to skip an environment of the chain', async () => {
    const skip = await promote('dev', 'prod');
    expect(skip.code).toBe(2);
    expect(skip.stderr).toContain(
      'Cannot promote from "dev" to "prod": a promotion goes one hop along the promotion chain dev -> test -> prod',
    );
    expect(skip.stderr).toContain('use --to test');
    expect(existsSync(join(configDir, 'genai'))).toBe(false);
  });

  it('refuses a version the source environment does not serve', async () => {
    const wrong = await promote('dev', 'test', ['--version', '0123456789abcdef']);
    expect(wrong.code).toBe(2);
    expect(wrong.stderr).toContain(
      `Option --version received "0123456789abcdef", but dev serves GenAI settings ${devVersion()}`,
    );
    expect(pinOf('test')).toBeUndefined();
  });

  it('fails the evaluation naming each failing prompt, and records nothing', async () => {
    expect((await promote('dev', 'test')).code).toBe(0);
    const failed = await evaluate(`fraud-detection=${GUARDRAIL_ID}:2`, ['--record']);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toContain(
      `FAIL fraud-detection mustBlock[0] "${BLOCKED}": expected to be blocked (GUARDRAIL_INTERVENED), the guardrail ${GUARDRAIL_ID} version 2 answered NONE.`,
    );
    expect(failed.stderr).not.toContain('mustPass[0]');
    expect(pinOf('test')).toEqual({ version: devVersion(), sourceEnvironment: 'dev' });
    expect((await promote('test', 'prod')).code).toBe(1);
  });

  it('names a guardrail version that is not deployed as a failed call of each prompt', async () => {
    expect((await promote('dev', 'test')).code).toBe(0);
    const missing = await evaluate(`fraud-detection=${GUARDRAIL_ID}:9`);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(
      `FAIL fraud-detection mustPass[0] "${PASSING}": ApplyGuardrail on ${GUARDRAIL_ID} version 9 failed: ResourceNotFoundException`,
    );
  });

  it('checks the credentials are in the environment account before any Bedrock call', async () => {
    expect((await promote('dev', 'test')).code).toBe(0);
    const wrong = await evaluate(`fraud-detection=${GUARDRAIL_ID}:1`, [], WRONG_ACCOUNT_KEY);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is in account 111111111111, but environment "test"');
    expect(aws.trace()).toEqual(['sts GetCallerIdentity']);
  });

  it.each([
    [['--guardrail', 'fraud-detection'], 'expected <project>=<guardrail id or ARN>:<version>'],
    [['--guardrail', 'fraud-detectio=abc:1'], 'Did you mean "fraud-detection"?'],
    [[], 'needs exactly one value per genai-bedrock project of test: missing fraud-detection'],
  ])('refuses --guardrail %j before any AWS call', async (args, message) => {
    expect((await promote('dev', 'test')).code).toBe(0);
    const result = await cli(['evaluate-genai', '--env', 'test', ...args]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(message);
    expect(aws.trace()).toEqual([]);
  });

  it('refuses --record where the environment has no pin', async () => {
    const result = await cli([
      'evaluate-genai',
      '--env',
      'test',
      '--guardrail',
      `fraud-detection=${GUARDRAIL_ID}:1`,
      '--record',
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('test deploys its own settings and has no pin');
  });
});
