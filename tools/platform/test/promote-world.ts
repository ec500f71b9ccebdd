import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { CALLER_KEY, DEV, PromotionAws, TEST } from '@genai-sandbox/aws-test-server';
import { readJson, runCli, tempDir } from './helpers';

/**
 * The world of `platform promote` and `platform approve` tests: `platform promote` with the real STS, SageMaker and S3 clients against one local server that
 * speaks their wire protocols (@genai-sandbox/aws-test-server), over a temporary copy of a fixture configuration.
 */

export const GROUP = 'genai-llm-finetuned';
export const SOURCE_BUCKET = `genai-dev-recommender-ml-${DEV}`;
export const TARGET_BUCKET = `genai-test-recommender-ml-${TEST}`;
export const SOURCE_KEY = `artifacts/models/${GROUP}/3/model.tar.gz`;
export const TARGET_KEY = `artifacts/models/dev/${GROUP}/3/${GROUP}/3/model.tar.gz`;
export const SOURCE_ARN = `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/${GROUP}/3`;
export const PENDING_ARN = `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/${GROUP}/4`;
export const TARGET_ARN = `arn:aws:sagemaker:eu-west-1:${TEST}:model-package/${GROUP}/1`;
export const SOURCE_REPOSITORY = `genai-dev-${GROUP}`;
export const TARGET_REPOSITORY = `genai-test-${GROUP}`;
export const SOURCE_IMAGE = `${DEV}.dkr.ecr.eu-west-1.amazonaws.com/${SOURCE_REPOSITORY}:1.4`;
export const TARGET_IMAGE = `${TEST}.dkr.ecr.eu-west-1.amazonaws.com/${TARGET_REPOSITORY}:1.4`;
/** The digests of the promoted package's serving image and of one no package was promoted with. */
export const images = { promoted: '', unpromoted: '' };
export const ALIAS = `arn:aws:kms:eu-west-1:${TEST}:alias/genai-test-platform`;
export const UNRELATED = {
  project: 'fraud-detection',
  blueprint: 'inference-realtime',
  modelPackageGroup: 'genai-embeddings',
  modelPackageArn: `arn:aws:sagemaker:eu-west-1:${TEST}:model-package/genai-embeddings/4`,
} as const;

export const aws = new PromotionAws();
export let configDir: string;
export let manifest: string;

/**
 * Registers the world's hooks in the calling test file: the server for the file, and the
 * accounts, packages, images and configuration before each test. A function, not hooks run on
 * import, since the test files of a worker share this module (jest.tiers.js).
 */
export function usePromoteWorld(): void {
  beforeAll(() => aws.start());
  afterAll(() => aws.stop());

  beforeEach(() => {
    aws.reset();
    aws.putObject(SOURCE_BUCKET, SOURCE_KEY, 'model weights v3');
    aws.addPackage(DEV, GROUP, 3, 'Approved', `s3://${SOURCE_BUCKET}/${SOURCE_KEY}`, SOURCE_IMAGE);
    aws.addPackage(
      DEV,
      GROUP,
      4,
      'PendingManualApproval',
      `s3://${SOURCE_BUCKET}/${SOURCE_KEY}`,
      SOURCE_IMAGE,
    );
    images.promoted = aws.pushImage(DEV, SOURCE_REPOSITORY, '1.4', ['base layer', 'server layer']);
    images.unpromoted = aws.pushImage(DEV, SOURCE_REPOSITORY, '2.0-rc', ['base layer', 'rc layer']);
    aws.addRepository(TEST, TARGET_REPOSITORY);

    // An inference-realtime profile for the project "recommender"; dev serves the group's version 2
    // through inference-realtime only, so the promotion replaces that blueprint and not batch.
    const fixture = configurationFixture();
    fixture.platform.modelPackageGroups.push({
      name: 'genai-embeddings',
      description: 'Embeddings',
    });
    fixture.platform.profiles['realtime-serving'] = {
      description: 'Training and real-time inference',
      blueprints: ['model-training', 'inference-realtime', 'inference-batch'],
    };
    for (const environment of Object.values(fixture.environments))
      environment.projects?.push({ name: 'recommender', profile: 'realtime-serving' });
    fixture.releases.dev = {
      $schema: '../schema/release.schema.json',
      releases: [
        {
          project: 'recommender',
          blueprint: 'inference-realtime',
          modelPackageGroup: GROUP,
          modelPackageArn: `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/${GROUP}/2`,
        },
      ],
    };
    fixture.releases.test = { $schema: '../schema/release.schema.json', releases: [UNRELATED] };
    configDir = writeConfigurationFixture(fixture, join(tempDir('promote-'), 'environments'));
    manifest = join(configDir, 'releases', 'test.json');
  });
}

export function env(key = CALLER_KEY): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL: aws.endpoint,
    AWS_ACCESS_KEY_ID: key,
    AWS_SECRET_ACCESS_KEY: 'secret',
    AWS_SESSION_TOKEN: 'session',
  };
}

export function promote(extra: string[] = [], options: { key?: string; arn?: string } = {}) {
  return runCli(
    [
      'promote',
      '--config-dir',
      configDir,
      '--from',
      'dev',
      '--to',
      'test',
      '--model-package-arn',
      options.arn ?? SOURCE_ARN,
      ...extra,
    ],
    { env: env(options.key) },
  );
}

export const FULL_RUN = [
  'sts GetCallerIdentity',
  'sts AssumeRole arn:aws:iam::222222222222:role/genai-test-promotion',
  'sts GetCallerIdentity',
  `sagemaker DescribeModelPackage ${SOURCE_ARN}`,
  `sagemaker ListModelPackages ${GROUP}`,
  `s3 HeadObject ${SOURCE_BUCKET}/${SOURCE_KEY}`,
  `s3 HeadObject ${TARGET_BUCKET}/${TARGET_KEY}`,
  `s3 CopyObject ${SOURCE_BUCKET}/${SOURCE_KEY} -> ${TARGET_BUCKET}/${TARGET_KEY}`,
  `sagemaker CreateModelPackage ${GROUP}`,
];

export const PROMOTED_RELEASE = {
  project: 'recommender',
  blueprint: 'inference-realtime',
  modelPackageGroup: GROUP,
  modelPackageArn: TARGET_ARN,
  sourceModelPackageArn: SOURCE_ARN,
  sourceEnvironment: 'dev',
};

/** The calls, without the image copy's ECR calls (promote-images.test.ts checks those). */
export function traceWithoutEcr(): string[] {
  return aws.trace().filter((line) => !line.startsWith('ecr '));
}

/** Nothing but the original manifest in releases/: no new file, no temporary file left behind. */
export function expectManifestUntouched() {
  expect(readJson(manifest)).toEqual({
    $schema: '../schema/release.schema.json',
    releases: [UNRELATED],
  });
  expect(readdirSync(join(configDir, 'releases')).sort()).toEqual(['dev.json', 'test.json']);
}
