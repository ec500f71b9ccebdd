import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  ListMultipartUploadsCommand,
  ListPartsCommand,
  type S3Client,
  UploadPartCopyCommand,
} from '@aws-sdk/client-s3';
import { CliError } from '../errors';
import {
  type CopyRequest,
  copyMetadata,
  copySource,
  headObject,
  isCopyOf,
  type S3Location,
  s3Url,
} from './artifact';

/** How promote copies an artifact too large for one CopyObject. */
export interface MultipartTuning {
  /** Objects larger than this are copied in parts. S3's CopyObject takes at most 5 GiB. */
  readonly thresholdBytes: number;
  /** The size of each part but the last. S3 takes 5 MiB to 5 GiB, and at most 10,000 parts. */
  readonly partSizeBytes: number;
  /** How many UploadPartCopy calls run at once. */
  readonly concurrency: number;
}

export const DEFAULT_MULTIPART: MultipartTuning = {
  thresholdBytes: 5 * 1024 ** 3,
  partSizeBytes: 512 * 1024 ** 2,
  concurrency: 8,
};

const MAX_PARTS = 10_000;

export interface Part {
  readonly number: number;
  /** Inclusive byte range of the source. */
  readonly first: number;
  readonly last: number;
}

/** The parts of an object of `size` bytes: fixed-size parts, grown when 10,000 would not do. */
export function partsOf(size: number, partSizeBytes: number): Part[] {
  const partSize = Math.max(partSizeBytes, Math.ceil(size / MAX_PARTS));
  const parts: Part[] = [];
  for (let first = 0, number = 1; first < size; first += partSize, number += 1)
    parts.push({ number, first, last: Math.min(first + partSize, size) - 1 });
  return parts;
}

/** Runs `work` over `items`, at most `limit` at a time; the first failure fails the whole. */
export async function forEachBounded<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failed = false;
  const worker = async () => {
    while (!failed && next < items.length) {
      const item = items[next];
      next += 1;
      try {
        await work(item);
      } catch (error) {
        failed = true;
        throw error;
      }
    }
  };
  const results = await Promise.allSettled(
    Array.from({ length: Math.min(limit, items.length) }, worker),
  );
  const rejected = results.find((result) => result.status === 'rejected');
  if (rejected) throw rejected.reason;
}

/** What a multipart copy did, for promote's output. */
export interface MultipartResult {
  readonly parts: number;
  /** Parts an earlier, interrupted run had copied already. */
  readonly resumed: number;
  readonly etag: string;
}

/**
 * A multipart copy for artifacts over 5 GiB: parts copied server-side in parallel with
 * UploadPartCopy (each bound to the checked source version by CopySourceIfMatch), then completed
 * and checked: the object's ETag must name as many parts as were copied, and its size and source
 * ETag metadata must be the source's. An upload an earlier run left behind for the same target key
 * is resumed: its parts of the right size are kept and only the missing ones are copied; one cut
 * into other parts is aborted and started again.
 */
export async function copyArtifactMultipart(
  client: S3Client,
  request: CopyRequest,
  tuning: MultipartTuning,
): Promise<MultipartResult> {
  const { target, targetAccount } = request;
  const parts = partsOf(request.sourceState.size, tuning.partSizeBytes);
  const sizeOf = (part: Part) => part.last - part.first + 1;

  let uploadId: string | undefined;
  const done = new Map<number, string>();
  for (const earlier of await pendingUploads(client, target, targetAccount)) {
    const copied = await listParts(client, target, targetAccount, earlier);
    const fits = copied.every(
      (part) => parts[part.number - 1] && sizeOf(parts[part.number - 1]) === part.size,
    );
    if (fits && uploadId === undefined) {
      uploadId = earlier;
      for (const part of copied) done.set(part.number, part.etag);
    } else {
      await client.send(
        new AbortMultipartUploadCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: earlier,
          ExpectedBucketOwner: targetAccount,
        }),
      );
    }
  }
  const resumed = done.size;
  if (uploadId === undefined) {
    const created = await client.send(
      new CreateMultipartUploadCommand({
        Bucket: target.bucket,
        Key: target.key,
        ExpectedBucketOwner: targetAccount,
        Metadata: copyMetadata(request),
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: request.kmsKeyArn,
        BucketKeyEnabled: true,
      }),
    );
    if (!created.UploadId)
      throw new CliError('promote: S3 CreateMultipartUpload answered without an UploadId.');
    uploadId = created.UploadId;
  }
  const id = uploadId;

  await forEachBounded(
    parts.filter((part) => !done.has(part.number)),
    tuning.concurrency,
    async (part) => {
      const answer = await client.send(
        new UploadPartCopyCommand({
          Bucket: target.bucket,
          Key: target.key,
          UploadId: id,
          PartNumber: part.number,
          CopySource: copySource(request.source),
          CopySourceRange: `bytes=${part.first}-${part.last}`,
          CopySourceIfMatch: request.sourceState.etag,
          ExpectedBucketOwner: targetAccount,
          ExpectedSourceBucketOwner: request.sourceAccount,
        }),
      );
      done.set(part.number, answer.CopyPartResult?.ETag ?? '');
    },
  );

  const completed = await client.send(
    new CompleteMultipartUploadCommand({
      Bucket: target.bucket,
      Key: target.key,
      UploadId: id,
      ExpectedBucketOwner: targetAccount,
      MultipartUpload: {
        Parts: parts.map((part) => ({ PartNumber: part.number, ETag: done.get(part.number) })),
      },
    }),
  );
  const etag = completed.ETag ?? '';
  const copy = await headObject(client, target, targetAccount);
  if (
    !etag.replace(/"/g, '').endsWith(`-${parts.length}`) ||
    !isCopyOf(copy, request.sourceState)
  ) {
    throw new CliError(
      `promote: the multipart copy of ${s3Url(request.source)} to ${s3Url(target)} did not check out: ETag ${etag} ` +
        `(expected one of ${parts.length} parts), ${copy?.size ?? 'no'} bytes (expected ${request.sourceState.size}), ` +
        `source ETag ${copy?.metadata['source-etag'] ?? 'missing'} (expected ${request.sourceState.etag}). Delete ` +
        `${s3Url(target)} and run promote again; nothing was registered or written.`,
    );
  }
  return { parts: parts.length, resumed, etag };
}

async function pendingUploads(client: S3Client, target: S3Location, owner: string) {
  const ids: string[] = [];
  let keyMarker: string | undefined;
  let uploadIdMarker: string | undefined;
  do {
    const page = await client.send(
      new ListMultipartUploadsCommand({
        Bucket: target.bucket,
        Prefix: target.key,
        KeyMarker: keyMarker,
        UploadIdMarker: uploadIdMarker,
        ExpectedBucketOwner: owner,
      }),
    );
    for (const upload of page.Uploads ?? [])
      if (upload.Key === target.key && upload.UploadId) ids.push(upload.UploadId);
    keyMarker = page.IsTruncated ? page.NextKeyMarker : undefined;
    uploadIdMarker = page.IsTruncated ? page.NextUploadIdMarker : undefined;
  } while (keyMarker);
  return ids;
}

async function listParts(client: S3Client, target: S3Location, owner: string, uploadId: string) {
  const parts: Array<{ number: number; size: number; etag: string }> = [];
  let marker: string | undefined;
  do {
    const page = await client.send(
      new ListPartsCommand({
        Bucket: target.bucket,
        Key: target.key,
        UploadId: uploadId,
        PartNumberMarker: marker,
        ExpectedBucketOwner: owner,
      }),
    );
    for (const part of page.Parts ?? [])
      if (part.PartNumber && part.ETag)
        parts.push({ number: part.PartNumber, size: part.Size ?? -1, etag: part.ETag });
    marker = page.IsTruncated ? page.NextPartNumberMarker : undefined;
  } while (marker);
  return parts;
}
