import { join } from 'node:path';
import {
  ConfigError,
  loadPlatformConfiguration,
  type PlatformConfiguration,
} from '@genai-sandbox/config';
import { planStacks } from '@genai-sandbox/core';
import {
  atLeast,
  evaluateIam,
  resourcesOfType,
  synthesize,
  testConfiguration,
} from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { DataPreprocessingStack, platformApp, renderDqdl } from '../src';

const EXAMPLE = join(__dirname, '../../../environments');

function synthStack(config: PlatformConfiguration, environmentName = 'dev') {
  const environment = config.environments.find((candidate) => candidate.name === environmentName);
  const project = environment?.projects.find((candidate) => candidate.name === 'fraud-detection');
  if (!environment || !project) throw new Error(`no fraud-detection in ${environmentName}`);
  const stack = new DataPreprocessingStack(Testing.app(), { config, environment, project });
  return { stack, json: synthesize(stack) };
}

const values = (json: ReturnType<typeof synthesize>, type: string) =>
  Object.values(resourcesOfType(json, type));

const configured = () =>
  testConfiguration((fixture) => {
    (fixture.environments.dev as Record<string, unknown>).blueprints = {
      dataPreprocessing: {
        crawlerSchedule: 'cron(30 1 * * ? *)',
        athenaBytesScannedCutoffPerQuery: 104857600,
        sharedProducerTables: [
          { catalogId: '555555555555', database: 'sales_db', table: 'orders' },
        ],
        dataQualityRulesets: [
          {
            database: 'processed',
            table: 'transactions',
            requiredColumns: ['id', 'amount'],
            minimumCompleteness: 0.95,
            uniqueColumns: ['id'],
          },
        ],
      },
    };
  });

function policies(json: ReturnType<typeof synthesize>) {
  return Object.fromEntries(
    Object.entries(resourcesOfType(json, 'aws_iam_role_policy')).map(([id, policy]) => [
      id,
      JSON.parse(policy.policy as string).Statement as Record<string, unknown>[],
    ]),
  );
}

describe('DataPreprocessingStack', () => {
  const { json } = synthStack(testConfiguration());
  const bucket = 'genai-dev-fraud-detection-ml-111111111111';
  const aliasArn = 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform';

  it('creates the processed and features databases and a crawler on each folder', () => {
    expect(
      values(json, 'aws_glue_catalog_database')
        .map((database) => database.name)
        .sort(),
    ).toEqual(['genai_dev_fraud_detection_features', 'genai_dev_fraud_detection_processed']);
    const securityConfiguration = '${aws_glue_security_configuration.SecurityConfiguration.name}';
    expect(resourcesOfType(json, 'aws_glue_crawler')).toMatchObject({
      ProcessedCrawler: {
        database_name: '${aws_glue_catalog_database.ProcessedDatabase.name}',
        s3_target: [{ path: `s3://${bucket}/data/processed/` }],
        schedule: 'cron(0 3 * * ? *)',
        security_configuration: securityConfiguration,
      },
      FeaturesCrawler: {
        database_name: '${aws_glue_catalog_database.FeaturesDatabase.name}',
        s3_target: [{ path: `s3://${bucket}/data/features/` }],
        schedule: 'cron(0 3 * * ? *)',
        security_configuration: securityConfiguration,
      },
    });
  });

  it('encrypts crawler output, logs, bookmarks and Athena results with the platform key', () => {
    expect(values(json, 'aws_glue_security_configuration')[0].encryption_configuration).toEqual({
      s3_encryption: { s3_encryption_mode: 'SSE-KMS', kms_key_arn: aliasArn },
      cloudwatch_encryption: { cloudwatch_encryption_mode: 'SSE-KMS', kms_key_arn: aliasArn },
      job_bookmarks_encryption: { job_bookmarks_encryption_mode: 'CSE-KMS', kms_key_arn: aliasArn },
    });
    expect(values(json, 'aws_athena_workgroup')[0].configuration).toEqual({
      enforce_workgroup_configuration: true,
      publish_cloudwatch_metrics_enabled: true,
      bytes_scanned_cutoff_per_query: 10737418240,
      result_configuration: {
        output_location: `s3://${bucket}/logs/preprocessing/athena/`,
        expected_bucket_owner: '111111111111',
        encryption_configuration: { encryption_option: 'SSE_KMS', kms_key_arn: aliasArn },
      },
    });
  });

  it('trusts SageMaker for processing and Glue for the catalog, in this account only', () => {
    const trusts = values(json, 'aws_iam_role')
      .map((role) => [
        role.name,
        JSON.parse(role.assume_role_policy as string).Statement[0],
        role.permissions_boundary,
      ])
      .sort((a, b) => String(a[0]).localeCompare(String(b[0])));
    expect(trusts).toEqual([
      [
        'genai-dev-fraud-detection-preprocessing',
        expect.objectContaining({
          Principal: { Service: 'sagemaker.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        }),
        'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
      ],
      [
        'genai-dev-fraud-detection-preprocessing-catalog',
        expect.objectContaining({
          Principal: { Service: 'glue.amazonaws.com' },
          Condition: { StringEquals: { 'aws:SourceAccount': '111111111111' } },
        }),
        'arn:aws:iam::111111111111:policy/genai-dev-permissions-boundary',
      ],
    ]);
  });

  it('lets processing jobs create their network interfaces in the platform VPC only', () => {
    const byRole = (prefix: string) =>
      JSON.stringify(
        Object.values(resourcesOfType(json, 'aws_iam_role_policy')).find((policy) =>
          String(policy.role).includes(prefix),
        ),
      );
    // Without the grant the processing role could not start a job in the VPC at all.
    const processing = Object.values(resourcesOfType(json, 'aws_iam_role_policy'))
      .filter((policy) => String(policy.role).includes('ProcessingRole'))
      .map((policy) => policy.policy as string);
    const request = (action: string, resource: string, vpc: string) => ({
      action,
      resource,
      context: { 'ec2:Vpc': vpc },
    });
    const platformVpc = 'arn:aws:ec2:eu-west-1:111111111111:vpc/${var.vpc_id}';
    const subnet = 'arn:aws:ec2:eu-west-1:111111111111:subnet/subnet-0123456789abcdef0';
    expect(
      evaluateIam(
        { identity: processing },
        request('ec2:CreateNetworkInterface', subnet, platformVpc),
      ),
    ).toBe('allow');
    expect(
      evaluateIam(
        { identity: processing },
        request(
          'ec2:CreateNetworkInterface',
          subnet,
          'arn:aws:ec2:eu-west-1:111111111111:vpc/vpc-1',
        ),
      ),
    ).toBe('implicit-deny');
    expect(byRole('CatalogRole')).not.toContain('ec2:');
    expect(Object.keys((json as { variable?: object }).variable ?? {})).toEqual(['vpc_id']);
  });

  it('limits S3 access to the blueprint prefixes of the project bucket, writes to three', () => {
    const all = Object.values(policies(json)).flat();
    const s3 = all.filter((statement) => String(statement.Action).includes('s3:'));
    for (const statement of atLeast(1, s3, 'S3 statements')) {
      for (const resource of [statement.Resource].flat() as string[]) {
        expect(resource.startsWith(`arn:aws:s3:::${bucket}`)).toBe(true);
      }
    }
    const writes = s3
      .filter((statement) => (statement.Action as string[]).includes('s3:PutObject'))
      .map((statement) => statement.Resource)
      .sort();
    expect(writes).toEqual([
      `arn:aws:s3:::${bucket}/data/features/*`,
      `arn:aws:s3:::${bucket}/data/processed/*`,
      `arn:aws:s3:::${bucket}/logs/preprocessing/athena/*`,
    ]);
  });

  it('grants no write action on "*" and table writes only in its own databases, to the catalog role', () => {
    const byRole = policies(json);
    for (const statement of atLeast(1, Object.values(byRole).flat(), 'statements')) {
      const actions = [statement.Action].flat() as string[];
      // Only actions without a resource type in the IAM catalogue stay on "*".
      if ([statement.Resource].flat().includes('*')) {
        expect(
          actions.every(
            (action) =>
              action === 'lakeformation:GetDataAccess' || action.startsWith('ec2:Describe'),
          ),
        ).toBe(true);
      }
    }
    const tableWrites = Object.entries(byRole).flatMap(([id, statements]) =>
      statements
        .filter((statement) => (statement.Action as string[]).includes('glue:CreateTable'))
        .map((statement) => [id, statement.Resource]),
    );
    expect(tableWrites).toEqual([
      [
        expect.stringMatching(/^CatalogRole/),
        [
          'arn:aws:glue:eu-west-1:111111111111:catalog',
          'arn:aws:glue:eu-west-1:111111111111:database/genai_dev_fraud_detection_processed',
          'arn:aws:glue:eu-west-1:111111111111:database/genai_dev_fraud_detection_features',
          'arn:aws:glue:eu-west-1:111111111111:table/genai_dev_fraud_detection_processed/*',
          'arn:aws:glue:eu-west-1:111111111111:table/genai_dev_fraud_detection_features/*',
        ],
      ],
    ]);
  });

  it('uses the platform key only by its alias', () => {
    const keyStatements = Object.values(policies(json))
      .flat()
      .filter((statement) => String(statement.Action).includes('kms:'));
    expect(keyStatements.length).toBeGreaterThan(0);
    for (const statement of keyStatements) {
      expect(statement).toMatchObject({
        Resource: 'arn:aws:kms:eu-west-1:111111111111:key/*',
        Condition: expect.objectContaining({
          'ForAnyValue:StringEquals': { 'kms:ResourceAliases': 'alias/genai-dev-platform' },
        }),
      });
    }
  });

  it('creates no Lake Formation grant, ruleset or data source without configuration', () => {
    expect(values(json, 'aws_lakeformation_permissions')).toEqual([]);
    expect(values(json, 'aws_glue_data_quality_ruleset')).toEqual([]);
    expect(json.data).toBeUndefined();
  });

  it('grants SELECT and DESCRIBE on configured shared tables and creates the rulesets', () => {
    const { json: withSettings } = synthStack(configured());
    expect(values(withSettings, 'aws_lakeformation_permissions')).toEqual([
      expect.objectContaining({
        principal: expect.stringMatching(/^\$\{aws_iam_role\.ProcessingRole_\w+\.arn\}$/),
        permissions: ['SELECT', 'DESCRIBE'],
        table: { catalog_id: '555555555555', database_name: 'sales_db', name: 'orders' },
      }),
    ]);
    expect(values(withSettings, 'aws_glue_data_quality_ruleset')).toEqual([
      expect.objectContaining({
        name: 'genai-dev-fraud-detection-processed-transactions',
        target_table: {
          database_name: '${aws_glue_catalog_database.ProcessedDatabase.name}',
          table_name: 'transactions',
        },
        ruleset:
          'Rules = [\n  ColumnCount > 0,\n  RowCount >= 1,\n  Completeness "id" >= 0.95,\n  Completeness "amount" >= 0.95,\n  IsUnique "id"\n]',
      }),
    ]);
    expect(values(withSettings, 'aws_glue_crawler')[0].schedule).toBe('cron(30 1 * * ? *)');
    const processing = Object.entries(policies(withSettings)).find(([id]) =>
      id.startsWith('ProcessingRole'),
    )?.[1];
    expect(
      processing?.find((statement) => statement.Sid === 'ReadSharedProducerTables'),
    ).toMatchObject({
      Resource: expect.arrayContaining([
        'arn:aws:glue:eu-west-1:555555555555:table/sales_db/orders',
      ]),
    });
  });

  it('names each Lake Formation grant after its table, so reordering the list keeps every address', () => {
    const tables = [
      { catalogId: '555555555555', database: 'sales_db', table: 'orders' },
      { catalogId: '666666666666', database: 'crm', table: 'customers' },
    ];
    const grantsOf = (order: typeof tables) => {
      const config = testConfiguration((fixture) => {
        (fixture.environments.dev as Record<string, unknown>).blueprints = {
          dataPreprocessing: { sharedProducerTables: order },
        };
      });
      const synthesized = synthStack(config).json as ReturnType<typeof synthesize> & {
        moved?: { from: string; to: string }[];
      };
      return {
        byAddress: Object.fromEntries(
          Object.entries(resourcesOfType(synthesized, 'aws_lakeformation_permissions')).map(
            ([address, grant]) => [address, grant.table],
          ),
        ),
        moved: synthesized.moved ?? [],
      };
    };
    const forward = grantsOf(tables);
    expect(forward.byAddress).toEqual({
      'SharedTable-555555555555-sales_db-orders': {
        catalog_id: '555555555555',
        database_name: 'sales_db',
        name: 'orders',
      },
      'SharedTable-666666666666-crm-customers': {
        catalog_id: '666666666666',
        database_name: 'crm',
        name: 'customers',
      },
    });
    expect(grantsOf([...tables].reverse()).byAddress).toEqual(forward.byAddress);
    // State written when grants were numbered by position moves instead of being replaced.
    expect(forward.moved).toEqual([
      {
        from: 'aws_lakeformation_permissions.SharedTable0',
        to: 'aws_lakeformation_permissions.SharedTable-555555555555-sales_db-orders',
      },
      {
        from: 'aws_lakeformation_permissions.SharedTable1',
        to: 'aws_lakeformation_permissions.SharedTable-666666666666-crm-customers',
      },
    ]);
  });

  it('renders IsComplete when every value is required', () => {
    expect(
      renderDqdl({
        database: 'features',
        table: 't',
        minimumRowCount: 10,
        requiredColumns: ['a'],
        minimumCompleteness: 1,
        uniqueColumns: [],
      }),
    ).toBe('Rules = [\n  ColumnCount > 0,\n  RowCount >= 10,\n  IsComplete "a"\n]');
  });

  it('protects the databases in production only', () => {
    const prod = synthStack(testConfiguration(), 'prod').json;
    for (const database of atLeast(2, values(prod, 'aws_glue_catalog_database'), 'databases')) {
      expect(database.lifecycle).toEqual({ prevent_destroy: true });
    }
    for (const database of atLeast(2, values(json, 'aws_glue_catalog_database'), 'databases')) {
      expect(database.lifecycle).toBeUndefined();
    }
  });

  it('declares described snake_case outputs', () => {
    expect(Object.keys(json.output ?? {}).sort()).toEqual([
      'athena_results_location',
      'athena_workgroup_name',
      'catalog_role_arn',
      'crawler_names',
      'data_quality_ruleset_names',
      'features_database_name',
      'processed_database_name',
      'processing_role_arn',
    ]);
  });
});

describe('data-preprocessing app', () => {
  const example = loadPlatformConfiguration(EXAMPLE);

  it('gives no stack to a project whose profile does not include the blueprint', () => {
    expect(planStacks([platformApp], example).map((stack) => stack.name)).toEqual([
      'data-preprocessing-fraud-detection-dev',
      'data-preprocessing-fraud-detection-test',
      'data-preprocessing-fraud-detection-prod',
    ]);
  });

  it.each(['dev', 'test', 'prod'])('matches the snapshot of the example %s stack', (name) => {
    expect(synthStack(example, name).json).toMatchSnapshot();
  });

  it('fails with the file, path, value and fix when settings are invalid', () => {
    expect(() =>
      testConfiguration((fixture) => {
        (fixture.environments.prod as Record<string, unknown>).blueprints = {
          dataPreprocessing: { crawlerSchedule: 'daily' },
        };
      }),
    ).toThrow(ConfigError);
    try {
      testConfiguration((fixture) => {
        (fixture.environments.prod as Record<string, unknown>).blueprints = {
          dataPreprocessing: { crawlerSchedule: 'daily' },
        };
      });
    } catch (error) {
      expect((error as Error).message).toMatch(
        /prod\.json \$\.blueprints\.dataPreprocessing\.crawlerSchedule \(received "daily"\): expected cron\(\.\.\.\) with six fields; use .*cron\(0 3 \* \* \? \*\)/,
      );
    }
  });
});
