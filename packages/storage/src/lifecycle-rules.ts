import type { S3BucketLifecycleConfigurationRule } from '@cdktf/provider-aws/lib/s3-bucket-lifecycle-configuration';
import { isDeployTime, type PropProblem } from '@genai-sandbox/core';
import { ML_BUCKET_LAYOUT } from './layout';

/** A lifecycle rule on one prefix: expire objects, or move them to Glacier Flexible Retrieval. */
export interface PrefixLifecycleRule {
  /** Rule ID shown in the S3 console. */
  readonly id: string;
  /** A folder such as "data/raw/", or "" for the whole bucket. */
  readonly prefix: string;
  /** Delete current versions this many days after creation. @default - never */
  readonly expirationDays?: number;
  /** Move to the GLACIER storage class this many days after creation. @default - never */
  readonly glacierAfterDays?: number;
}

/** The lifecycle rules of the ML bucket (docs/architecture.md#ml-bucket), by prefix. */
export const ML_BUCKET_LIFECYCLE_RULES: readonly PrefixLifecycleRule[] = [
  { id: 'expire-raw-data', prefix: ML_BUCKET_LAYOUT.data.raw, expirationDays: 30 },
  { id: 'expire-checkpoints', prefix: ML_BUCKET_LAYOUT.artifacts.checkpoints, expirationDays: 7 },
  { id: 'expire-batch-input', prefix: ML_BUCKET_LAYOUT.inference.batchInput, expirationDays: 14 },
  {
    id: 'archive-async-output',
    prefix: ML_BUCKET_LAYOUT.inference.asyncOutput,
    glacierAfterDays: 30,
  },
  { id: 'archive-logs', prefix: ML_BUCKET_LAYOUT.logs.root, glacierAfterDays: 90 },
];

/**
 * Validates rules, returning every problem (empty when all are fine) as problems of `prop`
 * (`lifecycleRules[0].expirationDays`). Values only known at deploy time are skipped.
 */
export function lifecycleRuleProblems(
  rules: readonly PrefixLifecycleRule[],
  prop = 'lifecycleRules',
): PropProblem[] {
  const problems: PropProblem[] = [];
  const ids = new Set<string>();
  rules.forEach((rule, index) => {
    const at = (field: string) => `${prop}[${index}].${field}`;
    if (ids.has(rule.id))
      problems.push({
        prop: at('id'),
        received: rule.id,
        message: 'used twice; ids must be unique',
      });
    ids.add(rule.id);
    if (rule.expirationDays === undefined && rule.glacierAfterDays === undefined) {
      problems.push({
        prop: prop === 'lifecycleRules' ? `${prop}[${index}]` : prop,
        received: rule,
        message: `rule "${rule.id}" sets neither expirationDays nor glacierAfterDays; set one`,
      });
    }
    for (const [field, days] of Object.entries({
      expirationDays: rule.expirationDays,
      glacierAfterDays: rule.glacierAfterDays,
    })) {
      if (days !== undefined && !isDeployTime(days) && (!Number.isInteger(days) || days < 1)) {
        problems.push({
          prop: at(field),
          received: days,
          message: `rule "${rule.id}": use a whole number of days, at least 1`,
        });
      }
    }
    if (
      rule.prefix !== '' &&
      !isDeployTime(rule.prefix) &&
      (!rule.prefix.endsWith('/') || rule.prefix.startsWith('/'))
    ) {
      problems.push({
        prop: at('prefix'),
        received: rule.prefix,
        message: `rule "${rule.id}": must be a folder such as "data/raw/" (no leading "/", trailing "/"), or "" for the whole bucket`,
      });
    }
  });
  return problems;
}

/**
 * Renders prefix rules for aws_s3_bucket_lifecycle_configuration. The filter also requires a
 * non-empty object, so the zero-byte folder markers survive and Terraform sees no drift.
 * Expired current versions become noncurrent under versioning, so they expire too.
 */
export function renderLifecycleRules(
  rules: readonly PrefixLifecycleRule[],
  noncurrentVersionDays: number,
): S3BucketLifecycleConfigurationRule[] {
  const prefixRules = rules.map(
    (rule): S3BucketLifecycleConfigurationRule => ({
      id: rule.id,
      status: 'Enabled',
      filter:
        rule.prefix === '' ? [{}] : [{ and: [{ prefix: rule.prefix, objectSizeGreaterThan: 0 }] }],
      expiration: rule.expirationDays === undefined ? undefined : [{ days: rule.expirationDays }],
      transition:
        rule.glacierAfterDays === undefined
          ? undefined
          : [{ days: rule.glacierAfterDays, storageClass: 'GLACIER' }],
      noncurrentVersionExpiration:
        rule.expirationDays === undefined
          ? undefined
          : [{ noncurrentDays: Math.min(rule.expirationDays, noncurrentVersionDays) }],
    }),
  );
  return [
    ...prefixRules,
    {
      id: 'bucket-hygiene',
      status: 'Enabled',
      filter: [{}],
      abortIncompleteMultipartUpload: [{ daysAfterInitiation: 7 }],
      noncurrentVersionExpiration: [{ noncurrentDays: noncurrentVersionDays }],
    },
  ];
}
