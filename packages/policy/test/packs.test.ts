import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { BASELINE_PACK, PACKS, PROD_PACK } from '../src';

// Pinned on purpose (cdk-nag): adding, removing or renaming a rule changes what the gate enforces
// and breaks suppressions, so it must show up in review as a change to this list.
const BASELINE_RULE_IDS = [
  'aoss-encryption-customer-key',
  'apigateway-access-logging',
  'apigateway-throttling',
  'bedrock-invoke-requires-guardrail',
  'cloudwatch-alarm-has-action',
  'cloudwatch-alarm-missing-data',
  'cross-account-principals-in-chain',
  'iam-actions-exist',
  'iam-condition-keys-known',
  'iam-condition-multi-valued-keys',
  'iam-no-admin-policy-attachment',
  'iam-no-wildcard-action',
  'iam-no-wildcard-resource-for-reads',
  'iam-no-wildcard-resource-for-writes',
  'iam-passrole-passed-to-service',
  'iam-role-permissions-boundary',
  'kms-key-policy-no-wildcard-principal',
  'kms-key-rotation',
  'lambda-environment-kms',
  'lambda-failure-destination',
  'lambda-log-group',
  'lambda-tracing',
  'logs-group-kms',
  'logs-group-retention',
  'offline-no-aws-data-sources',
  'oidc-audience-pinned',
  'oidc-deploy-role-environment',
  'oidc-subject-exact',
  'oidc-subject-pinned',
  's3-bucket-access-logging',
  's3-bucket-kms-encryption',
  's3-bucket-public-access-block',
  's3-bucket-tls-only',
  's3-bucket-versioning',
  'sagemaker-endpoint-config-kms',
  'sns-topic-kms',
  'sqs-queue-kms',
  'tags-required',
];

describe('packs', () => {
  it('baseline holds exactly the pinned rules', () => {
    expect(BASELINE_PACK.rules.map((rule) => rule.id).sort()).toEqual(BASELINE_RULE_IDS);
  });

  it('prod adds prevent_destroy', () => {
    expect(PROD_PACK.rules.map((rule) => rule.id)).toEqual(['prod-prevent-destroy']);
  });

  const all = PACKS.flatMap((pack) => pack.rules);
  const testFiles = readdirSync(join(__dirname, 'rules'), { recursive: true }).map(String);

  it.each(all.map((rule) => [rule.id, rule] as const))(
    '%s is complete: metadata, its own file, a test file, a README entry',
    (id, rule) => {
      expect(id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)+$/);
      expect(rule.title.length).toBeGreaterThan(10);
      expect(rule.explanation.length).toBeGreaterThan(40);
      expect(rule.fix.length).toBeGreaterThan(20);
      expect(testFiles.filter((file) => file.endsWith(`${id}.test.ts`))).toHaveLength(1);
      const source = readdirSync(join(__dirname, '../src/rules'), { recursive: true })
        .map(String)
        .find((file) => file.endsWith(`/${id}.ts`));
      expect(source && existsSync(join(__dirname, '../src/rules', source))).toBe(true);
      expect(readFileSync(join(__dirname, '../README.md'), 'utf8')).toContain(`\`${id}\``);
    },
  );

  it('has no duplicate rule IDs', () => {
    const ids = all.map((rule) => rule.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
