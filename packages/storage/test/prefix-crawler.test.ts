import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { ServiceRole } from '@genai-sandbox/security';
import {
  CatalogDatabase,
  CatalogSecurityConfiguration,
  catalogTableWriteStatement,
  ML_BUCKET_LAYOUT,
  MlBucketReference,
  PrefixCrawler,
  tableLevelOf,
} from '../src';

const BUCKET = 'genai-dev-fraud-detection-ml-111111111111';
const ALIAS_ARN = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';

function catalogOf(prefix: string, environment = 'dev') {
  const stack = testStack({ project: 'fraud-detection', environment });
  const bucket = MlBucketReference.ofProject(stack);
  const role = new ServiceRole(stack, 'CatalogRole', {
    purpose: 'catalog',
    description: 'Crawlers',
    service: 'glue.amazonaws.com',
  });
  const database = new CatalogDatabase(stack, 'Database', {
    purpose: 'results',
    description: 'Results',
    bucket,
    prefix,
  });
  role.addToPolicy(catalogTableWriteStatement(stack, [database.databaseName]));
  const security = new CatalogSecurityConfiguration(stack, 'SecurityConfiguration', {
    purpose: 'results',
  });
  new PrefixCrawler(stack, 'Crawler', {
    purpose: 'results',
    description: 'Catalogs results',
    databaseName: database.name,
    bucket,
    prefix,
    role,
    schedule: 'cron(0 * * * ? *)',
    securityConfiguration: security.name,
  });
  return synthesize(stack);
}

describe('PrefixCrawler, CatalogDatabase, CatalogSecurityConfiguration', () => {
  it('makes each folder directly below the crawled folder one table', () => {
    expect(tableLevelOf(ML_BUCKET_LAYOUT.data.processed)).toBe(4);
    expect(tableLevelOf(ML_BUCKET_LAYOUT.inference.batchOutput)).toBe(5);
  });

  it('crawls one folder into its database with the KMS security configuration, after its role may read', () => {
    const json = catalogOf(ML_BUCKET_LAYOUT.inference.batchOutput);
    const crawler = onlyResourceOfType(json, 'aws_glue_crawler');
    expect(crawler).toMatchObject({
      name: 'genai-dev-fraud-detection-results',
      database_name: '${aws_glue_catalog_database.Database.name}',
      security_configuration: '${aws_glue_security_configuration.SecurityConfiguration.name}',
      s3_target: [{ path: `s3://${BUCKET}/inference/batch/output/` }],
      schema_change_policy: {
        update_behavior: 'UPDATE_IN_DATABASE',
        delete_behavior: 'DEPRECATE_IN_DATABASE',
      },
      depends_on: [expect.stringMatching(/^aws_iam_role_policy\.CatalogRole_Policy/)],
    });
    expect(JSON.parse(String(crawler.configuration))).toMatchObject({
      Grouping: { TableLevelConfiguration: 5 },
    });
    expect(onlyResourceOfType(json, 'aws_glue_security_configuration')).toMatchObject({
      encryption_configuration: {
        s3_encryption: { s3_encryption_mode: 'SSE-KMS', kms_key_arn: ALIAS_ARN },
        cloudwatch_encryption: { cloudwatch_encryption_mode: 'SSE-KMS', kms_key_arn: ALIAS_ARN },
        job_bookmarks_encryption: {
          job_bookmarks_encryption_mode: 'CSE-KMS',
          kms_key_arn: ALIAS_ARN,
        },
      },
    });
    const policy = JSON.parse(String(onlyResourceOfType(json, 'aws_iam_role_policy').policy));
    expect(policy.Statement).toContainEqual(
      expect.objectContaining({
        Sid: 'WriteOwnTables',
        Resource: [
          'arn:aws:glue:eu-west-1:111111111111:catalog',
          'arn:aws:glue:eu-west-1:111111111111:database/genai_dev_fraud_detection_results',
          'arn:aws:glue:eu-west-1:111111111111:table/genai_dev_fraud_detection_results/*',
        ],
      }),
    );
  });

  it('grants reads of its own database, tables and partitions, and of no other database', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const database = new CatalogDatabase(stack, 'Database', {
      purpose: 'results',
      description: 'Results',
      bucket: MlBucketReference.ofProject(stack),
      prefix: ML_BUCKET_LAYOUT.inference.batchOutput,
    });
    const grantee = new ServiceRole(stack, 'Reader', {
      purpose: 'reader',
      description: 'Reads the catalog',
      service: 'sagemaker.amazonaws.com',
    });
    const glue = 'arn:aws:glue:eu-west-1:111111111111';
    expect(database.grantRead(grantee)).toEqual([
      {
        Sid: 'ReadResultsDatabase',
        Effect: 'Allow',
        Action: expect.arrayContaining(['glue:GetDatabase', 'glue:GetTable', 'glue:GetPartitions']),
        Resource: [
          `${glue}:catalog`,
          `${glue}:database/genai_dev_fraud_detection_results`,
          `${glue}:table/genai_dev_fraud_detection_results/*`,
        ],
      },
    ]);
    expect(database.grantRead(grantee)).toEqual([]);
  });

  it('protects the database where the environment asks for it', () => {
    expect(
      onlyResourceOfType(
        catalogOf(ML_BUCKET_LAYOUT.inference.batchOutput, 'prod'),
        'aws_glue_catalog_database',
      ).lifecycle,
    ).toEqual({ prevent_destroy: true });
    expect(
      onlyResourceOfType(
        catalogOf(ML_BUCKET_LAYOUT.inference.batchOutput),
        'aws_glue_catalog_database',
      ).lifecycle,
    ).toBeUndefined();
  });
});
