import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { bucketPart } from './related';

const SETTINGS = [
  'block_public_acls',
  'block_public_policy',
  'ignore_public_acls',
  'restrict_public_buckets',
] as const;

export const s3BucketPublicAccessBlock: Rule = {
  id: 's3-bucket-public-access-block',
  title: 'S3 buckets block every form of public access',
  explanation:
    'A public ACL or bucket policy, added later by hand or by a careless grant, would expose data to the internet; the bucket-level public access block refuses both and neutralises any that already exist.',
  fix: 'Build buckets with SecureBucket or MlBucket from @genai-sandbox/storage, which add an aws_s3_bucket_public_access_block with all four settings true.',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check({ resource, stack }) {
    const blocks = bucketPart(stack, resource, 'aws_s3_bucket_public_access_block');
    if (blocks.length === 0)
      return nonCompliant('no aws_s3_bucket_public_access_block refers to this bucket');
    // Settings left out default to false in the provider.
    const off = SETTINGS.filter(
      (setting) =>
        !blocks.some((block) => {
          const value = attribute(block, setting);
          return value === true || value === 'true';
        }),
    );
    if (off.length === 0) return COMPLIANT;
    return nonCompliant(
      `aws_s3_bucket_public_access_block: ${off.join(', ')} ${off.length === 1 ? 'is' : 'are'} not true`,
    );
  },
};
