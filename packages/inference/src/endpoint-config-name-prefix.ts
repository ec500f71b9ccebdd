import { createHash } from 'node:crypto';

/** SageMaker's limit on an endpoint configuration name. */
const NAME_LIMIT = 63;
/** What Terraform appends to a `name_prefix`: a 26-character timestamp and counter. */
const UNIQUE_SUFFIX_LENGTH = 26;
/** The longest prefix that leaves room for the suffix. */
export const ENDPOINT_CONFIG_PREFIX_LIMIT = NAME_LIMIT - UNIQUE_SUFFIX_LENGTH;

/**
 * The `name_prefix` of an endpoint's configurations: `<endpoint name>-` when it fits, else the
 * name cut short with 8 hex digits of its hash, so configurations of two long endpoint names that
 * share a beginning still differ, and the generated name stays within SageMaker's 63 characters.
 */
export function endpointConfigNamePrefix(endpointName: string): string {
  return namePrefixWithin(endpointName, ENDPOINT_CONFIG_PREFIX_LIMIT);
}

/**
 * `<name>-` when it is at most `limit` characters, else the name cut short with 8 hex digits of
 * its hash and a final "-": what a generated suffix is appended to.
 */
export function namePrefixWithin(name: string, limit: number): string {
  const whole = `${name}-`;
  if (whole.length <= limit) return whole;
  const hash = createHash('sha256').update(name).digest('hex').slice(0, 8);
  const kept = name.slice(0, limit - hash.length - 2).replace(/-+$/, '');
  return `${kept}-${hash}-`;
}
