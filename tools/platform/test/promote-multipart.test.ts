import { readJson } from './helpers';
import { runPromote } from '../src/promote/promote';
import { forEachBounded, partsOf } from '../src/promote/multipart-copy';
import {
  aws,
  configDir,
  env,
  FULL_RUN,
  manifest,
  PROMOTED_RELEASE,
  SOURCE_BUCKET,
  SOURCE_KEY,
  TARGET_BUCKET,
  TARGET_KEY,
  UNRELATED,
  traceWithoutEcr,
  usePromoteWorld,
} from './promote-world';

usePromoteWorld();

/**
 * Artifacts over the single-copy limit (5 GiB in S3, forced down to 40 bytes here with 16-byte
 * parts, so a 40-byte artifact takes 3 parts): a parallel multipart copy, checked, resumable.
 */

const WEIGHTS = 'w'.repeat(16) + 'x'.repeat(16) + 'y'.repeat(8);
const SOURCE = `${SOURCE_BUCKET}/${SOURCE_KEY}`;
const TARGET = `${TARGET_BUCKET}/${TARGET_KEY}`;

async function promote() {
  const stdout: string[] = [];
  const stderr: string[] = [];
  let code: number;
  try {
    code = await runPromote({
      configDir,
      from: 'dev',
      to: 'test',
      modelPackageArn: FULL_RUN[3].split(' ')[2],
      dryRun: false,
      env: env(),
      cwd: configDir,
      output: { out: (text) => stdout.push(text), err: (text) => stderr.push(text) },
      multipart: { thresholdBytes: 32, partSizeBytes: 16, concurrency: 2 },
    });
  } catch (error) {
    stderr.push((error as Error).message);
    code = 1;
  }
  return { code, stdout: stdout.join('\n'), stderr: stderr.join('\n') };
}

beforeEach(() => {
  aws.putObject(SOURCE_BUCKET, SOURCE_KEY, WEIGHTS);
});

const parts = (trace: string[]) =>
  trace.filter((line) => line.startsWith('s3 UploadPartCopy')).map((line) => line.split(' ').pop());

describe('platform promote of a large artifact', () => {
  it('copies it in parallel parts, checks the result and registers it', async () => {
    const result = await promote();
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    const trace = traceWithoutEcr();
    expect(trace.slice(5, 8)).toEqual([
      `s3 HeadObject ${SOURCE}`,
      `s3 HeadObject ${TARGET}`,
      `s3 ListMultipartUploads ${TARGET}`,
    ]);
    expect(trace[8]).toBe(`s3 CreateMultipartUpload ${TARGET}`);
    expect(parts(trace).sort()).toEqual(['1', '2', '3']);
    expect(trace.slice(-3)).toEqual([
      `s3 CompleteMultipartUpload ${TARGET}`,
      `s3 HeadObject ${TARGET}`,
      FULL_RUN[8],
    ]);
    expect(trace).not.toContain(FULL_RUN[7]);
    const copy = aws.objects.get(TARGET);
    expect(copy?.body.toString()).toBe(WEIGHTS);
    expect(copy?.etag).toMatch(/^"[0-9a-f]{32}-3"$/);
    expect(copy).toMatchObject({ sse: 'aws:kms', kmsKeyId: expect.stringContaining('alias/') });
    expect(result.stdout).toContain('in 3 parts');
    expect(readJson(manifest).releases).toEqual([UNRELATED, PROMOTED_RELEASE]);
  });

  it('fails on a dropped connection in one part, keeps the other parts, and a re-run resumes', async () => {
    aws.dropPart = 2;
    const first = await promote();
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(
      `S3 UploadPartCopy on s3://${SOURCE} -> s3://${TARGET} lost its connection`,
    );
    expect(first.stderr).toContain('registered no package');
    expect(aws.objects.has(TARGET)).toBe(false);
    expect([...aws.uploads.values()][0]?.parts.size).toBe(2);

    aws.dropPart = undefined;
    aws.calls = [];
    const second = await promote();
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('in 3 parts (2 copied by an earlier run, resumed)');
    // Only the missing part is copied again, into the upload of the first run.
    expect(traceWithoutEcr()).toContain(`s3 ListParts ${TARGET}`);
    expect(traceWithoutEcr()).not.toContain(`s3 CreateMultipartUpload ${TARGET}`);
    expect(parts(traceWithoutEcr())).toEqual(['2']);
    expect(aws.objects.get(TARGET)?.body.toString()).toBe(WEIGHTS);
    expect(aws.uploads.size).toBe(0);

    aws.calls = [];
    const third = await promote();
    expect(third.stdout).toContain('Nothing changed.');
    expect(parts(traceWithoutEcr())).toEqual([]);
  });

  it('aborts a half-done upload cut into other parts and starts again', async () => {
    aws.dropPart = 3;
    expect((await promote()).code).toBe(1);
    const [stale] = aws.uploads.values();
    stale.parts.set(1, { body: Buffer.from('short'), etag: '"x"' });
    aws.dropPart = undefined;
    aws.calls = [];
    expect((await promote()).code).toBe(0);
    expect(traceWithoutEcr()).toContain(`s3 AbortMultipartUpload ${TARGET}`);
    expect(parts(traceWithoutEcr()).sort()).toEqual(['1', '2', '3']);
    expect(aws.objects.get(TARGET)?.body.toString()).toBe(WEIGHTS);
  });

  it('fails when the source changed between the check and a part, registering nothing', async () => {
    const source = aws.objects.get(SOURCE);
    // The source is replaced as soon as the upload starts: every part's CopySourceIfMatch fails.
    const check = setInterval(() => {
      if (aws.uploads.size > 0 && source) source.etag = '"changed"';
    }, 0).unref();
    // Cleared however promote() ends, and unref'd: when the test timed out under load, promote()
    // never settled, the interval ran on and kept the Jest worker alive ("A worker process has
    // failed to exit gracefully and has been force exited").
    const result = await promote().finally(() => clearInterval(check));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('PreconditionFailed');
    expect(traceWithoutEcr()).not.toContain(FULL_RUN[8]);
    expect(aws.objects.has(TARGET)).toBe(false);
  });
});

describe('multipart helpers', () => {
  it('cuts an object into parts of the given size, the last one shorter', () => {
    expect(partsOf(40, 16)).toEqual([
      { number: 1, first: 0, last: 15 },
      { number: 2, first: 16, last: 31 },
      { number: 3, first: 32, last: 39 },
    ]);
  });

  it('grows the parts when the given size would need more than 10,000', () => {
    expect(partsOf(100_000, 1)).toHaveLength(10_000);
  });

  it('runs at most `limit` at once', async () => {
    let running = 0;
    let most = 0;
    await forEachBounded([1, 2, 3, 4, 5], 2, async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 5));
      running -= 1;
    });
    expect(most).toBe(2);
  });
});
