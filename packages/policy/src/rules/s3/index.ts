import type { Rule } from '../../types';
import { s3BucketAccessLogging } from './s3-bucket-access-logging';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption';
import { s3BucketPublicAccessBlock } from './s3-bucket-public-access-block';
import { s3BucketTlsOnly } from './s3-bucket-tls-only';
import { s3BucketVersioning } from './s3-bucket-versioning';

export const s3Rules: readonly Rule[] = [
  s3BucketKmsEncryption,
  s3BucketVersioning,
  s3BucketPublicAccessBlock,
  s3BucketTlsOnly,
  s3BucketAccessLogging,
];
