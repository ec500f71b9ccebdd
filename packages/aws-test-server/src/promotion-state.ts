/**
 * The in-memory state of `platform promote`'s test world that the SageMaker and S3 services read
 * and change: its own module so the services and PromotionAws do not import each other.
 */
export interface ModelPackage {
  arn: string;
  account: string;
  group: string;
  version: number;
  status: string;
  created: number;
  inferenceSpecification: Record<string, unknown>;
  customerMetadata?: Record<string, string>;
  clientToken?: string;
}

export interface StoredObject {
  body: Buffer;
  etag: string;
  metadata: Record<string, string>;
  sse?: string;
  kmsKeyId?: string;
}

export type CopyFault =
  | undefined
  | 'AccessDenied'
  /** S3 finishes the copy, but every answer is cut off: the client never learns it. */
  | 'drop-after-copy'
  /** The connection drops before S3 copies anything, on every attempt. */
  | 'drop';

/** One multipart upload in progress: its parts by number. */
export interface MultipartUpload {
  readonly id: string;
  /** `bucket/key`. */
  readonly path: string;
  readonly metadata: Record<string, string>;
  readonly sse?: string;
  readonly kmsKeyId?: string;
  readonly parts: Map<number, { body: Buffer; etag: string }>;
}

/** What the SageMaker and S3 services of the promotion world keep: registries, objects, faults. */
export interface PromotionState {
  packages: ModelPackage[];
  objects: Map<string, StoredObject>;
  /** Multipart uploads in progress, by upload ID. */
  uploads: Map<string, MultipartUpload>;
  /** Every UploadPartCopy of this part number loses its connection. */
  dropPart: number | undefined;
  copyFault: CopyFault;
  /** Refuse CreateModelPackage with this error type. */
  createFault: string | undefined;
}
