import { CopyObjectCommand, HeadObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { CliError } from '../errors';
import { errorDetail } from './aws-errors';

export const ARTIFACTS_PREFIX = ML_BUCKET_LAYOUT.artifacts.models;

export interface S3Location {
  readonly bucket: string;
  readonly key: string;
}

export function s3Url({ bucket, key }: S3Location): string {
  return `s3://${bucket}/${key}`;
}

export function parseS3Url(url: string, arn: string): S3Location {
  const match = /^s3:\/\/([^/]+)\/(.+)$/.exec(url);
  if (!match) {
    throw new CliError(
      `promote: the artifact of ${arn} is "${url}", not an s3://<bucket>/<key> URL; there is nothing promote can copy.`,
    );
  }
  return { bucket: match[1], key: match[2] };
}

/**
 * Where the copy goes in the target bucket: `artifacts/models/<from>/<group>/<version>/<rest>`, with
 * <rest> the source key after `artifacts/models/`. One package version maps to one place, so a
 * re-run finds what an earlier run copied, and a copy never overwrites a model trained in the
 * target environment itself or promoted from another version.
 */
export function targetKey(sourceKey: string, from: string, group: string, version: string): string {
  return `${ARTIFACTS_PREFIX}${from}/${group}/${version}/${sourceKey.slice(ARTIFACTS_PREFIX.length)}`;
}

export interface ObjectState {
  readonly etag: string;
  readonly size: number;
  readonly metadata: Readonly<Record<string, string>>;
}

/** HeadObject, or undefined when there is no such object. */
export async function headObject(
  client: S3Client,
  location: S3Location,
  expectedOwner: string,
): Promise<ObjectState | undefined> {
  try {
    const answer = await client.send(
      new HeadObjectCommand({
        Bucket: location.bucket,
        Key: location.key,
        ExpectedBucketOwner: expectedOwner,
      }),
    );
    return {
      etag: answer.ETag ?? '',
      size: answer.ContentLength ?? 0,
      metadata: answer.Metadata ?? {},
    };
  } catch (error) {
    const { name, shape } = errorDetail(error);
    if (name === 'NotFound' || name === 'NoSuchKey' || shape.$metadata?.httpStatusCode === 404)
      return undefined;
    throw error;
  }
}

/** The metadata a promoted copy carries: which source object (by ETag) it is a copy of. */
const SOURCE_ETAG_METADATA = 'source-etag';

/** True when `target` is a complete copy of `source` made by promote. */
export function isCopyOf(target: ObjectState | undefined, source: ObjectState): boolean {
  return (
    target !== undefined &&
    target.size === source.size &&
    target.metadata[SOURCE_ETAG_METADATA] === source.etag
  );
}

export interface CopyRequest {
  readonly source: S3Location;
  readonly sourceState: ObjectState;
  readonly sourceAccount: string;
  readonly target: S3Location;
  readonly targetAccount: string;
  /** `arn:aws:kms:<region>:<account>:alias/<platform>-<env>-platform`. */
  readonly kmsKeyArn: string;
  readonly sourceArn: string;
}

/**
 * A server-side copy, re-encrypted with the target key. S3 writes the object whole or not at all,
 * so a copy cut off in the middle leaves either nothing or the complete object; CopySourceIfMatch
 * makes sure it copies the very version that was checked. The source ETag goes into the metadata:
 * an SSE-KMS object's own ETag is not a digest of its content, so it cannot be compared.
 */
export async function copyArtifact(client: S3Client, request: CopyRequest): Promise<void> {
  await client.send(
    new CopyObjectCommand({
      Bucket: request.target.bucket,
      Key: request.target.key,
      CopySource: copySource(request.source),
      CopySourceIfMatch: request.sourceState.etag,
      ExpectedBucketOwner: request.targetAccount,
      ExpectedSourceBucketOwner: request.sourceAccount,
      MetadataDirective: 'REPLACE',
      Metadata: copyMetadata(request),
      ServerSideEncryption: 'aws:kms',
      SSEKMSKeyId: request.kmsKeyArn,
      BucketKeyEnabled: true,
    }),
  );
}

/** `bucket/key` with the key URL-encoded, as x-amz-copy-source takes it. */
export function copySource(source: S3Location): string {
  return `${source.bucket}/${encodeURIComponent(source.key).replace(/%2F/g, '/')}`;
}

/** What every promoted copy carries: the source ETag it was copied from, and the package. */
export function copyMetadata(request: CopyRequest): Record<string, string> {
  return {
    [SOURCE_ETAG_METADATA]: request.sourceState.etag,
    'source-model-package-arn': request.sourceArn,
  };
}
