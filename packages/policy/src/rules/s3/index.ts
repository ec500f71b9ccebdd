import type { Rule } from '../../types';
import { s3BucketKmsEncryption } from './s3-bucket-kms-encryption';

export const s3Rules: readonly Rule[] = [s3BucketKmsEncryption];
