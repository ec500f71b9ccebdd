import { DEV, REGION, sha256, TEST } from '@genai-sandbox/aws-test-server';
import {
  aws,
  expectManifestUntouched,
  FULL_RUN,
  GROUP,
  images,
  promote,
  SOURCE_BUCKET,
  SOURCE_IMAGE,
  SOURCE_KEY,
  SOURCE_REPOSITORY,
  TARGET_ARN,
  TARGET_IMAGE,
  TARGET_REPOSITORY,
  usePromoteWorld,
} from './promote-world';

usePromoteWorld();

/**
 * The serving image travels with the model: promote copies the promoted package's image, and only
 * it, from dev's repository of the group into test's through the ECR API (the local server checks
 * each uploaded layer's digest), and the package registered in test names test's repository.
 */

const ecrCalls = () => aws.trace().filter((line) => line.startsWith('ecr '));
const source = `${DEV}/${SOURCE_REPOSITORY}`;
const target = `${TEST}/${TARGET_REPOSITORY}`;
const blob = (content: string) => sha256(Buffer.from(content));

describe('platform promote: images', () => {
  it('copies only the promoted image, before the registration that names it', async () => {
    const result = await promote();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const config = blob('{"config":"1.4"}');
    const layers = [config, blob('base layer'), blob('server layer')];
    expect(ecrCalls()).toEqual([
      `ecr BatchGetImage ${source} {"imageTag":"1.4"}`,
      `ecr BatchGetImage ${target} {"imageDigest":"${images.promoted}"}`,
      `ecr BatchCheckLayerAvailability ${target}`,
      ...layers.flatMap((digest) => [
        `ecr GetDownloadUrlForLayer ${source} ${digest}`,
        `ecr DownloadLayer ${source} ${digest}`,
        `ecr InitiateLayerUpload ${target}`,
        `ecr UploadLayerPart ${target}`,
        `ecr CompleteLayerUpload ${target} ${digest}`,
      ]),
      `ecr PutImage ${target} 1.4`,
    ]);
    // The copy precedes the registration; the registration names test's repository only.
    const trace = aws.trace();
    expect(trace.indexOf(`ecr PutImage ${target} 1.4`)).toBeLessThan(trace.indexOf(FULL_RUN[8]));
    const registered = aws.packages.find((pkg) => pkg.arn === TARGET_ARN);
    expect(JSON.stringify(registered?.inferenceSpecification)).not.toContain(DEV);
    expect(registered?.inferenceSpecification).toMatchObject({
      Containers: [{ Image: TARGET_IMAGE }],
    });

    const arrived = aws.repositories.get(target);
    expect(arrived?.images.map((image) => [image.digest, image.tags])).toEqual([
      [images.promoted, ['1.4']],
    ]);
    expect([...(arrived?.layers ?? [])].sort()).toEqual([...layers].sort());
    // The unpromoted image and its own layer stayed in dev.
    expect(arrived?.images.some((image) => image.digest === images.unpromoted)).toBe(false);
    expect(arrived?.layers.has(blob('rc layer'))).toBe(false);
    expect(
      ecrCalls().some((line) => line.includes('2.0-rc') || line.includes(blob('rc layer'))),
    ).toBe(false);
    expect(result.stdout).toContain(
      `copied ${SOURCE_IMAGE} (${images.promoted}, 3 layers uploaded) to ${TARGET_IMAGE}.`,
    );
  });

  it('uploads only the layers test lacks, and a re-run copies nothing', async () => {
    const repository = aws.repositories.get(target);
    repository?.layers.add(blob('base layer'));
    expect((await promote()).code).toBe(0);
    expect(ecrCalls().filter((line) => line.startsWith('ecr CompleteLayerUpload'))).toHaveLength(2);

    aws.calls = [];
    const again = await promote();
    expect(again.stdout).toContain(
      `${TARGET_IMAGE} already holds ${images.promoted}; not copied again.`,
    );
    expect(ecrCalls()).toEqual([
      `ecr BatchGetImage ${source} {"imageTag":"1.4"}`,
      `ecr BatchGetImage ${target} {"imageDigest":"${images.promoted}"}`,
    ]);
  });

  it('with --dry-run says it would copy the image and copies nothing', async () => {
    const result = await promote(['--dry-run']);
    expect(result.stdout).toContain(
      `would copy the image ${SOURCE_IMAGE} (${images.promoted}) to ${TARGET_IMAGE}.`,
    );
    expect(aws.repositories.get(target)?.images).toEqual([]);
  });

  it('fails when the package serves an image outside the group repository, before any copy', async () => {
    const foreign = `${DEV}.dkr.ecr.${REGION}.amazonaws.com/llm-serving:1.4`;
    aws.addPackage(DEV, GROUP, 5, 'Approved', `s3://${SOURCE_BUCKET}/${SOURCE_KEY}`, foreign);
    const arn = `arn:aws:sagemaker:${REGION}:${DEV}:model-package/${GROUP}/5`;
    const result = await promote([], { arn });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `promote: ${arn} serves with ${foreign}, which is not an image of group ${GROUP}'s repository in dev`,
    );
    expect(ecrCalls()).toEqual([]);
    expect(aws.trace().some((line) => / (CopyObject|CreateModelPackage) /.test(line))).toBe(false);
    expectManifestUntouched();
  });
});
