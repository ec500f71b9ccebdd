import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import {
  CALLER_KEY,
  DEV,
  PROMOTION_KEY,
  TEST,
  WRONG_ACCOUNT_KEY,
} from '@genai-sandbox/aws-test-server';
import { readJson, runCli } from './helpers';
import {
  ALIAS,
  aws,
  configDir,
  env,
  expectManifestUntouched,
  FULL_RUN,
  GROUP,
  manifest,
  PENDING_ARN,
  promote,
  PROMOTED_RELEASE,
  SOURCE_ARN,
  SOURCE_BUCKET,
  SOURCE_KEY,
  TARGET_ARN,
  TARGET_BUCKET,
  TARGET_KEY,
  UNRELATED,
  traceWithoutEcr,
  TARGET_IMAGE,
  usePromoteWorld,
} from './promote-world';

usePromoteWorld();

/** `platform promote` against the local AWS world of promote-world.ts. */

describe('platform promote dev -> test', () => {
  it('checks, copies, registers with lineage and writes the release manifest, in that order', async () => {
    const result = await promote();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(traceWithoutEcr()).toEqual(FULL_RUN);
    // The caller's key for STS, the promotion role's for everything after AssumeRole.
    expect(
      aws.calls.filter((call) => call.service !== 'ecr').map((call) => call.accessKeyId),
    ).toEqual([
      CALLER_KEY,
      CALLER_KEY,
      PROMOTION_KEY,
      ...FULL_RUN.slice(3).map(() => PROMOTION_KEY),
    ]);

    const copy = aws.objects.get(`${TARGET_BUCKET}/${TARGET_KEY}`);
    expect(copy?.body.toString()).toBe('model weights v3');
    expect(copy).toMatchObject({ sse: 'aws:kms', kmsKeyId: ALIAS });
    expect(copy?.metadata).toMatchObject({ 'source-model-package-arn': SOURCE_ARN });

    const registered = aws.packages.find((pkg) => pkg.arn === TARGET_ARN);
    expect(registered).toMatchObject({
      account: TEST,
      status: 'PendingManualApproval',
      customerMetadata: {
        'source-model-package-arn': SOURCE_ARN,
        'source-environment': 'dev',
        'source-model-package-version': '3',
        'source-approval-status': 'Approved',
      },
      inferenceSpecification: {
        Containers: [{ ModelDataUrl: `s3://${TARGET_BUCKET}/${TARGET_KEY}`, Image: TARGET_IMAGE }],
      },
    });

    // The unrelated entry stays; only the blueprint dev serves the group with is added.
    expect(readJson(manifest)).toEqual({
      $schema: '../schema/release.schema.json',
      releases: [UNRELATED, PROMOTED_RELEASE],
    });
    expect(readdirSync(join(configDir, 'releases')).sort()).toEqual(['dev.json', 'test.json']);
    expect(result.stdout).toContain(`registered ${TARGET_ARN} in test, PendingManualApproval`);
    expect(result.stdout).toContain(
      `wrote ${manifest}: recommender/inference-realtime -> ${TARGET_ARN}.`,
    );
  });

  it('is a no-op the second time, and says so', async () => {
    expect((await promote()).code).toBe(0);
    const before = readFileSync(manifest);
    aws.calls = [];

    const second = await promote();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain(
      `already promoted: ${SOURCE_ARN} is ${TARGET_ARN} in test. Nothing changed.`,
    );
    expect(traceWithoutEcr()).toEqual([
      ...FULL_RUN.slice(0, 5),
      `sagemaker DescribeModelPackage ${TARGET_ARN}`,
      ...FULL_RUN.slice(5, 7),
    ]);
    expect(aws.packages.filter((pkg) => pkg.account === TEST)).toHaveLength(1);
    expect(readFileSync(manifest)).toEqual(before);
  });

  it('with --dry-run says what it would do and changes nothing', async () => {
    const result = await promote(['--dry-run']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `would copy s3://${SOURCE_BUCKET}/${SOURCE_KEY} (16 bytes) to s3://${TARGET_BUCKET}/${TARGET_KEY}, encrypted with ${ALIAS}.`,
    );
    expect(result.stdout).toContain("would register a package in test's group");
    expect(result.stdout).toContain('dry run: nothing was changed.');
    expect(traceWithoutEcr()).toEqual(FULL_RUN.slice(0, 7));
    expect(aws.packages.filter((pkg) => pkg.account === TEST)).toHaveLength(0);
    expectManifestUntouched();
  });

  it('finishes a half-done run: registers and records an artifact copied before', async () => {
    aws.copyFault = 'drop-after-copy';
    const first = await promote();
    expect(first.code).toBe(1);
    expect(first.stderr).toContain('lost its connection');
    expect(aws.objects.has(`${TARGET_BUCKET}/${TARGET_KEY}`)).toBe(true);
    expectManifestUntouched();

    aws.copyFault = undefined;
    aws.calls = [];
    const second = await promote();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('already holds the artifact');
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[7]);
    expect(traceWithoutEcr()).toContain(FULL_RUN[8]);
    expect(readJson(manifest).releases).toEqual([UNRELATED, PROMOTED_RELEASE]);
  });

  it('writes the manifest when a run registered the package but stopped before it', async () => {
    expect((await promote()).code).toBe(0);
    rmSync(manifest);
    aws.calls = [];
    const again = await promote();
    expect(again.code).toBe(0);
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[7]);
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[8]);
    expect(readJson(manifest)).toEqual({
      $schema: '../schema/release.schema.json',
      releases: [PROMOTED_RELEASE],
    });
  });
});

describe('platform promote failures', () => {
  it('fails when the package is not approved, before copying anything', async () => {
    const result = await promote([], { arn: PENDING_ARN });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `promote: ${PENDING_ARN} is PendingManualApproval in dev's registry, not Approved; only approved packages are promoted. Nothing was copied, registered or written.`,
    );
    expect(traceWithoutEcr()).toEqual([
      ...FULL_RUN.slice(0, 3),
      `sagemaker DescribeModelPackage ${PENDING_ARN}`,
    ]);
    expectManifestUntouched();
  });

  it('fails when the package belongs to another account, before any AWS call', async () => {
    const arn = `arn:aws:sagemaker:eu-west-1:333333333333:model-package/${GROUP}/3`;
    const result = await promote([], { arn });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      `a package of account 333333333333 in eu-west-1, but the source environment "dev" is account ${DEV}`,
    );
    expect(aws.calls).toEqual([]);
    expectManifestUntouched();
  });

  it('fails when the package belongs to a group that is not the platform’s', async () => {
    const arn = `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/other-models/3`;
    const result = await promote([], { arn });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'a package of group "other-models", which is not a model package group of platform.json.',
    );
    expect(aws.calls).toEqual([]);
  });

  it('fails when the ARN is not a versioned model package ARN', async () => {
    const result = await promote([], {
      arn: `arn:aws:sagemaker:eu-west-1:${DEV}:model-package-group/${GROUP}`,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('which is not a versioned model package ARN');
    expect(aws.calls).toEqual([]);
  });

  it('fails when the hop skips a stage', async () => {
    const result = await runCli(
      [
        'promote',
        '--config-dir',
        configDir,
        '--from',
        'dev',
        '--to',
        'prod',
        '--model-package-arn',
        SOURCE_ARN,
      ],
      { env: env() },
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Cannot promote from "dev" to "prod": a promotion goes one hop along the promotion chain dev -> test -> prod (platform.json promotionChain) and no stage may be skipped. From "dev" the next environment is "test": use --to test.',
    );
    expect(aws.calls).toEqual([]);
    expect(existsSync(join(configDir, 'releases', 'prod.json'))).toBe(false);
  });

  it('fails when the caller is in the wrong account, after one STS call', async () => {
    const result = await promote([], { key: WRONG_ACCOUNT_KEY });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `is in account ${DEV}, but environment "test" is account ${TEST}`,
    );
    expect(result.stderr).toContain(
      'stopped before any AWS change: nothing was copied, registered or written.',
    );
    expect(traceWithoutEcr()).toEqual(['sts GetCallerIdentity']);
    expectManifestUntouched();
  });

  it('fails when the copy is denied, registers nothing, and a re-run completes', async () => {
    aws.copyFault = 'AccessDenied';
    const result = await promote();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `promote: S3 CopyObject on s3://${SOURCE_BUCKET}/${SOURCE_KEY} -> s3://${TARGET_BUCKET}/${TARGET_KEY} was denied to arn:aws:iam::${TEST}:role/genai-test-promotion (AccessDenied: Access Denied).`,
    );
    expect(result.stderr).toContain('WriteArtifactsHere');
    expect(result.stderr).toContain(
      `Copied ${TARGET_IMAGE}, but registered no package and did not write releases/test.json. Fix the cause, then run the same command again`,
    );
    expect(traceWithoutEcr()).toEqual(FULL_RUN.slice(0, 8));
    expect(aws.packages.filter((pkg) => pkg.account === TEST)).toHaveLength(0);
    expectManifestUntouched();

    aws.copyFault = undefined;
    expect((await promote()).code).toBe(0);
    expect(readJson(manifest).releases).toEqual([UNRELATED, PROMOTED_RELEASE]);
  });

  it('fails when the registration fails after the copy, says what was done, and a re-run completes', async () => {
    aws.createFault = 'ValidationException';
    const result = await promote();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `promote: SageMaker CreateModelPackage on group ${GROUP} of test failed as arn:aws:iam::${TEST}:role/genai-test-promotion (ValidationException: Model package group does not exist., HTTP 400).`,
    );
    expect(result.stderr).toContain(
      `Copied ${TARGET_IMAGE}, s3://${TARGET_BUCKET}/${TARGET_KEY}, but registered no package and did not write releases/test.json.`,
    );
    expectManifestUntouched();

    aws.createFault = undefined;
    aws.calls = [];
    expect((await promote()).code).toBe(0);
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[7]);
    expect(readJson(manifest).releases).toEqual([UNRELATED, PROMOTED_RELEASE]);
  });

  it('fails on a network failure in the middle of the copy; a re-run completes, a third is a no-op', async () => {
    aws.copyFault = 'drop';
    const result = await promote();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `promote: S3 CopyObject on s3://${SOURCE_BUCKET}/${SOURCE_KEY} -> s3://${TARGET_BUCKET}/${TARGET_KEY} lost its connection to ${aws.endpoint} (from AWS_ENDPOINT_URL)`,
    );
    expect(result.stderr).toContain('Check the network, then run the same command again');
    // The SDK retried the copy: three attempts, then gave up.
    expect(traceWithoutEcr().filter((line) => line.startsWith('s3 CopyObject'))).toHaveLength(3);
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[8]);
    expect(aws.objects.has(`${TARGET_BUCKET}/${TARGET_KEY}`)).toBe(false);
    expectManifestUntouched();

    aws.copyFault = undefined;
    aws.calls = [];
    const rerun = await promote();
    expect(rerun.code).toBe(0);
    expect(traceWithoutEcr()).toEqual(FULL_RUN);
    expect(readJson(manifest).releases).toEqual([UNRELATED, PROMOTED_RELEASE]);

    const third = await promote();
    expect(third.stdout).toContain('Nothing changed.');
  });
});
