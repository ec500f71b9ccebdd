import { writeFileSync } from 'node:fs';
import { DEV, TEST } from '@genai-sandbox/aws-test-server';
import { readJson, runCli } from './helpers';
import {
  aws,
  configDir,
  env,
  FULL_RUN,
  GROUP,
  manifest,
  promote,
  SOURCE_ARN,
  TARGET_ARN,
  traceWithoutEcr,
  usePromoteWorld,
} from './promote-world';

usePromoteWorld();

/**
 * `platform approve`, the gate after test's apply and smoke test: promote registers pending, only
 * approve makes the package Approved (which forwards it to the next environment), and neither a
 * re-run of promote nor of approve does anything twice.
 */

function approve(arn = TARGET_ARN) {
  return runCli(
    ['approve', '--config-dir', configDir, '--env', 'test', '--model-package-arn', arn],
    { env: env() },
  );
}

const status = (arn: string) => aws.packages.find((pkg) => pkg.arn === arn)?.status;

describe('platform approve', () => {
  it('promote registers pending; approve approves the package the manifest pins', async () => {
    expect((await promote()).code).toBe(0);
    expect(status(TARGET_ARN)).toBe('PendingManualApproval');

    aws.calls = [];
    const result = await approve();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(traceWithoutEcr()).toEqual([
      ...FULL_RUN.slice(0, 3),
      `sagemaker DescribeModelPackage ${TARGET_ARN}`,
      `sagemaker UpdateModelPackage ${TARGET_ARN}`,
    ]);
    expect(status(TARGET_ARN)).toBe('Approved');
    expect(result.stdout).toContain(`approved ${TARGET_ARN} in test`);
  });

  it('is a no-op on an Approved package, and says so', async () => {
    expect((await promote()).code).toBe(0);
    expect((await approve()).code).toBe(0);
    aws.calls = [];
    const again = await approve();
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(`${TARGET_ARN} is already Approved in test; nothing changed.`);
    expect(traceWithoutEcr()).not.toContain(`sagemaker UpdateModelPackage ${TARGET_ARN}`);
  });

  it('a manual re-run of promote after the approval promotes nothing twice', async () => {
    expect((await promote()).code).toBe(0);
    expect((await approve()).code).toBe(0);
    const before = readJson(manifest);
    aws.calls = [];
    const rerun = await promote();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('Nothing changed.');
    expect(traceWithoutEcr().some((line) => line.startsWith('sagemaker CreateModelPackage'))).toBe(
      false,
    );
    expect(traceWithoutEcr().some((line) => line.startsWith('s3 CopyObject'))).toBe(false);
    expect(aws.packages.filter((pkg) => pkg.account === TEST)).toHaveLength(1);
    expect(status(TARGET_ARN)).toBe('Approved');
    expect(readJson(manifest)).toEqual(before);
  });

  it('a re-run of promote before the approval leaves the package pending', async () => {
    expect((await promote()).code).toBe(0);
    const rerun = await promote();
    expect(rerun.code).toBe(0);
    expect(rerun.stdout).toContain('Nothing changed.');
    expect(status(TARGET_ARN)).toBe('PendingManualApproval');
  });

  it('fails when the package is not the one the release manifest pins, before any AWS call', async () => {
    expect((await promote()).code).toBe(0);
    aws.calls = [];
    const other = `arn:aws:sagemaker:eu-west-1:${TEST}:model-package/${GROUP}/7`;
    const result = await approve(other);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `approve: ${other} is not a release of releases/test.json, so test does not serve it`,
    );
    expect(aws.calls).toEqual([]);
    expect(status(TARGET_ARN)).toBe('PendingManualApproval');
  });

  it('fails when the package is of another account', async () => {
    const result = await approve(SOURCE_ARN);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`which is not a versioned model package of test's registry`);
    expect(aws.calls).toEqual([]);
  });

  it('fails when the package was rejected in test, and leaves it rejected', async () => {
    expect((await promote()).code).toBe(0);
    const pkg = aws.packages.find((candidate) => candidate.arn === TARGET_ARN);
    if (pkg) pkg.status = 'Rejected';
    const result = await approve();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`approve: ${TARGET_ARN} is Rejected in test's registry`);
    expect(status(TARGET_ARN)).toBe('Rejected');
  });

  it('fails when the lineage of the package is not the source the manifest names', async () => {
    expect((await promote()).code).toBe(0);
    const pinned = readJson(manifest) as { releases: Array<Record<string, string>> };
    for (const release of pinned.releases)
      if (release.modelPackageArn === TARGET_ARN)
        release.sourceModelPackageArn = `arn:aws:sagemaker:eu-west-1:${DEV}:model-package/${GROUP}/2`;
    writeFileSync(manifest, JSON.stringify(pinned));
    const result = await approve();
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('it is not the package promote registered');
    expect(status(TARGET_ARN)).toBe('PendingManualApproval');
  });
});
