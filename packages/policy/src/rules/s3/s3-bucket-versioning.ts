import { attribute } from '../../model/stack-model';
import { COMPLIANT, nonCompliant, type Rule } from '../../types';
import { bucketPart } from './related';

export const s3BucketVersioning: Rule = {
  id: 's3-bucket-versioning',
  title: 'S3 buckets keep object versions',
  explanation:
    'Without versioning an overwrite or delete, by mistake or by an attacker, destroys the only copy of training data and model artifacts; versions make both recoverable and let lifecycle rules expire old ones deliberately.',
  fix: 'Build buckets with SecureBucket or MlBucket from @genai-sandbox/storage, which add an aws_s3_bucket_versioning with status "Enabled".',
  severity: 'error',
  resourceTypes: ['aws_s3_bucket'],
  check({ resource, stack }) {
    const versionings = bucketPart(stack, resource, 'aws_s3_bucket_versioning');
    if (versionings.length === 0)
      return nonCompliant('no aws_s3_bucket_versioning refers to this bucket');
    // A block in cdk.tf.json, a one-element list in plan.json.
    const statuses = versionings.flatMap((versioning) =>
      [attribute(versioning, 'versioning_configuration') ?? []]
        .flat()
        .map((configuration) => (configuration as { status?: unknown } | null)?.status),
    );
    if (statuses.includes('Enabled')) return COMPLIANT;
    return nonCompliant(
      `versioning_configuration.status is ${statuses.map((status) => JSON.stringify(status ?? null)).join(', ') || 'not set'}; expected "Enabled"`,
    );
  },
};
