/** `${aws_s3_bucket.Ml_Bucket_1234.id}` -> `aws_s3_bucket.Ml_Bucket_1234`, for every reference in a value. */
const REFERENCE = /\$\{([a-z0-9_]+)\.([A-Za-z0-9_-]+)(?:\.[A-Za-z0-9_.[\]*]+)?\}/g;

export function referencedAddresses(value: unknown): string[] {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  const found = new Set<string>();
  for (const match of text.matchAll(REFERENCE)) {
    if (match[1] !== 'var' && match[1] !== 'local' && match[1] !== 'data')
      found.add(`${match[1]}.${match[2]}`);
  }
  return [...found];
}
