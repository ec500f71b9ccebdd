import { AthenaWorkgroup } from '@cdktf/provider-aws/lib/athena-workgroup';
import { GlueDataQualityRuleset } from '@cdktf/provider-aws/lib/glue-data-quality-ruleset';
import { LakeformationPermissions } from '@cdktf/provider-aws/lib/lakeformation-permissions';
import {
  DATA_PREPROCESSING_DATABASES,
  type DataPreprocessingDatabase,
  type DataPreprocessingSettings,
  type SharedProducerTable,
} from '@genai-sandbox/config';
import {
  addOutput,
  PlatformStack,
  type PolicyStatement,
  type StackContext,
  assertProjectContext,
} from '@genai-sandbox/core';
import {
  addStatements,
  type ExternalRole,
  GLUE_CATALOG_READ_ACTIONS,
  grantProjectMembers,
  grantVpcNetworkInterfaces,
  type IGrantable,
  PlatformKey,
  ServiceRole,
} from '@genai-sandbox/security';
import {
  CatalogDatabase,
  CatalogSecurityConfiguration,
  catalogTableWriteStatement,
  ML_BUCKET_LAYOUT,
  MlBucketReference,
  PrefixCrawler,
} from '@genai-sandbox/storage';
import type { Construct } from 'constructs';
import { renderDqdl } from './data-quality';

export const DATA_PREPROCESSING_APP = 'data-preprocessing';

/**
 * Athena query results are a by-product of exploration, kept under the blueprint's log folder of
 * the ML bucket layout so the `logs/` lifecycle rule archives them, rather than a new top-level
 * folder that every foundation bucket would grow.
 */
export const ATHENA_RESULTS_PREFIX = `${ML_BUCKET_LAYOUT.logs.preprocessing}athena/`;

/** Where each database's crawler looks: one table per folder below it. */
export const DATABASE_PREFIXES: Readonly<Record<DataPreprocessingDatabase, string>> = {
  processed: ML_BUCKET_LAYOUT.data.processed,
  features: ML_BUCKET_LAYOUT.data.features,
};

/**
 * Folders of the ML bucket the project's members read and write through this blueprint: raw data
 * in, processed data and features out, the processing scripts, and Athena's results (written and
 * read back with the caller's credentials).
 */
export const MEMBER_READ_WRITE_PREFIXES = [
  ML_BUCKET_LAYOUT.data.raw,
  ...Object.values(DATABASE_PREFIXES),
  ML_BUCKET_LAYOUT.configs.preprocessing,
  ATHENA_RESULTS_PREFIX,
] as const;

/** Actions the processing role (and a project member) needs on the blueprint's Athena workgroup. */
export const ATHENA_QUERY_ACTIONS = [
  'athena:GetWorkGroup',
  'athena:StartQueryExecution',
  'athena:StopQueryExecution',
  'athena:GetQueryExecution',
  'athena:GetQueryResults',
  'athena:GetQueryResultsStream',
  'athena:BatchGetQueryExecution',
  'athena:ListQueryExecutions',
] as const;
/** Lake Formation vends temporary credentials for tables it governs; the action has no resource type. */
export const LAKE_FORMATION_DATA_ACCESS_ACTIONS = ['lakeformation:GetDataAccess'] as const;
/** What a Glue Data Quality evaluation run needs on the rulesets it evaluates. */
export const DATA_QUALITY_RUN_ACTIONS = [
  'glue:GetDataQualityRuleset',
  'glue:PublishDataQuality',
] as const;

/**
 * Blueprint 1, data discovery and preprocessing, for one project: the Glue databases
 * and crawlers that catalog `data/processed/` and `data/features/` of the project's ML bucket
 * (owned by the foundation stack), an Athena workgroup with enforced, KMS-encrypted results and a
 * scan cutoff, Lake Formation grants on shared producer tables, Glue Data Quality rulesets, and
 * two roles: the processing role (SageMaker Processing and Data Wrangler jobs, Athena queries)
 * and the catalog role (Glue crawlers and data-quality runs).
 */
export class DataPreprocessingStack extends PlatformStack {
  readonly settings: DataPreprocessingSettings;
  readonly bucket: MlBucketReference;
  readonly databases: Readonly<Record<DataPreprocessingDatabase, CatalogDatabase>>;
  readonly crawlers: Readonly<Record<DataPreprocessingDatabase, PrefixCrawler>>;
  readonly securityConfiguration: CatalogSecurityConfiguration;
  readonly workgroup: AthenaWorkgroup;
  readonly processingRole: ServiceRole;
  readonly catalogRole: ServiceRole;
  readonly rulesets: readonly GlueDataQualityRuleset[];
  readonly lakeFormationGrants: readonly LakeformationPermissions[];
  /** The project's SageMaker Unified Studio role, when configured: what its members get here. */
  readonly projectRole?: ExternalRole;
  private readonly workgroupArn: string;

  constructor(scope: Construct, context: StackContext) {
    assertProjectContext(context, DATA_PREPROCESSING_APP);
    super(scope, { ...context, app: DATA_PREPROCESSING_APP });
    this.settings = context.environment.blueprints.dataPreprocessing;
    const key = PlatformKey.fromEnvironment(this);
    this.bucket = MlBucketReference.ofProject(this);
    const glueArn = `arn:aws:glue:${this.region}:${this.accountId}`;

    // SageMaker Processing (and Data Wrangler, which runs as processing jobs) is the blueprint's
    // "scalable preprocessing"; Glue ETL is not part of the blueprint. Crawlers need their own
    // Glue-trusted role, and only that role writes table definitions.
    this.processingRole = new ServiceRole(this, 'ProcessingRole', {
      purpose: 'preprocessing',
      description: `Preprocessing jobs of ${context.project.name}: read data/raw, write data/processed and data/features, query Athena`,
      service: 'sagemaker.amazonaws.com',
    });
    this.catalogRole = new ServiceRole(this, 'CatalogRole', {
      purpose: 'preprocessing-catalog',
      description: `Glue crawlers and data-quality runs of ${context.project.name}: catalog data/processed and data/features`,
      service: 'glue.amazonaws.com',
    });
    this.processingRole.grantBaseExecution();
    this.catalogRole.grantBaseExecution();
    // Processing jobs run in the platform VPC (no internet egress): SageMaker creates their network
    // interfaces with this role. The crawlers read S3 through Glue's own network (no Glue
    // connection), so the catalog role needs none.
    grantVpcNetworkInterfaces(this, this.processingRole);

    this.bucket.grantRead(this.processingRole, ML_BUCKET_LAYOUT.data.raw);
    for (const prefix of Object.values(DATABASE_PREFIXES)) {
      this.bucket.grantReadWrite(this.processingRole, prefix);
      this.bucket.grantRead(this.catalogRole, prefix);
    }
    // Athena writes results with the caller's credentials and reads them back the same way.
    this.bucket.grantReadWrite(this.processingRole, ATHENA_RESULTS_PREFIX);

    const databases = {} as Record<DataPreprocessingDatabase, CatalogDatabase>;
    for (const database of DATA_PREPROCESSING_DATABASES) {
      databases[database] = new CatalogDatabase(this, `${pascal(database)}Database`, {
        purpose: database,
        description: `${context.project.name}: tables crawled from ${DATABASE_PREFIXES[database]}`,
        bucket: this.bucket,
        prefix: DATABASE_PREFIXES[database],
      });
    }
    this.databases = databases;
    this.catalogRole.addToPolicy(
      catalogTableWriteStatement(
        this,
        DATA_PREPROCESSING_DATABASES.map((database) => databases[database].databaseName),
      ),
    );
    this.securityConfiguration = new CatalogSecurityConfiguration(this, 'SecurityConfiguration', {
      purpose: 'preprocessing',
    });

    const crawlers = {} as Record<DataPreprocessingDatabase, PrefixCrawler>;
    for (const database of DATA_PREPROCESSING_DATABASES) {
      crawlers[database] = new PrefixCrawler(this, `${pascal(database)}Crawler`, {
        purpose: database,
        description: `Catalogs ${DATABASE_PREFIXES[database]} of the ${context.project.name} ML bucket`,
        databaseName: databases[database].name,
        bucket: this.bucket,
        prefix: DATABASE_PREFIXES[database],
        role: this.catalogRole,
        schedule: this.settings.crawlerSchedule,
        securityConfiguration: this.securityConfiguration.name,
      });
    }
    this.crawlers = crawlers;

    const workgroupName = this.naming.name('athena-workgroup', 'preprocessing');
    this.workgroup = new AthenaWorkgroup(this, 'Workgroup', {
      name: workgroupName,
      description: `Exploration and preprocessing queries of ${context.project.name}`,
      state: 'ENABLED',
      forceDestroy: false,
      configuration: {
        enforceWorkgroupConfiguration: true,
        publishCloudwatchMetricsEnabled: true,
        bytesScannedCutoffPerQuery: this.settings.athenaBytesScannedCutoffPerQuery,
        resultConfiguration: {
          outputLocation: this.bucket.s3Uri(ATHENA_RESULTS_PREFIX),
          expectedBucketOwner: this.accountId,
          encryptionConfiguration: { encryptionOption: 'SSE_KMS', kmsKeyArn: key.aliasArn },
        },
      },
    });
    this.workgroupArn = `arn:aws:athena:${this.region}:${this.accountId}:workgroup/${workgroupName}`;
    this.grantQueryWorkgroup(this.processingRole);

    this.lakeFormationGrants = this.settings.sharedProducerTables.map((shared, index) => {
      // The ID comes from the table, so reordering or removing another table leaves this grant
      // alone. Releases before this one used the list position: state at that address moves.
      const grant = new LakeformationPermissions(this, sharedTableGrantId(shared), {
        principal: this.processingRole.roleArn,
        permissions: ['SELECT', 'DESCRIBE'],
        table: { catalogId: shared.catalogId, databaseName: shared.database, name: shared.table },
      });
      grant.moveFromId(`aws_lakeformation_permissions.${LEGACY_SHARED_TABLE_ID}${index}`);
      return grant;
    });
    if (this.settings.sharedProducerTables.length > 0) {
      this.processingRole.addToPolicy({
        Sid: 'LakeFormationDataAccess',
        Effect: 'Allow',
        Action: [...LAKE_FORMATION_DATA_ACCESS_ACTIONS],
        Resource: '*',
      });
      // Shared tables live in the producer's catalog; reading their definitions names it.
      const tables = this.settings.sharedProducerTables;
      const producerArns = (shared: (typeof tables)[number]) => {
        const producer = `arn:aws:glue:${this.region}:${shared.catalogId}`;
        return [
          `${producer}:catalog`,
          `${producer}:database/${shared.database}`,
          `${producer}:table/${shared.database}/${shared.table}`,
        ];
      };
      this.processingRole.addToPolicy({
        Sid: 'ReadSharedProducerTables',
        Effect: 'Allow',
        Action: [...GLUE_CATALOG_READ_ACTIONS],
        Resource: [...new Set(tables.flatMap(producerArns))],
      });
    }

    this.rulesets = this.settings.dataQualityRulesets.map(
      (ruleset) =>
        new GlueDataQualityRuleset(this, `Ruleset-${ruleset.database}-${ruleset.table}`, {
          name: this.naming.name('glue', ruleset.database, ruleset.table),
          description: `Data quality of ${ruleset.table} in the ${ruleset.database} database`,
          ruleset: renderDqdl(ruleset),
          targetTable: { databaseName: databases[ruleset.database].name, tableName: ruleset.table },
        }),
    );
    if (this.rulesets.length > 0) {
      this.catalogRole.addToPolicy({
        Sid: 'RunOwnDataQualityRulesets',
        Effect: 'Allow',
        Action: [...DATA_QUALITY_RUN_ACTIONS],
        Resource: this.rulesets.map((ruleset) => `${glueArn}:dataQualityRuleset/${ruleset.name}`),
      });
    }
    this.projectRole = grantProjectMembers(this, [
      ...MEMBER_READ_WRITE_PREFIXES.map(
        (prefix) => (role: IGrantable) => this.bucket.grantReadWrite(role, prefix),
      ),
      ...DATA_PREPROCESSING_DATABASES.map(
        (database) => (role: IGrantable) => databases[database].grantRead(role),
      ),
      (role) => this.grantQueryWorkgroup(role),
    ]);
    this.declareOutputs();
  }

  /** Queries in the blueprint's workgroup, and no other. Returns the statements added. */
  private grantQueryWorkgroup(grantee: IGrantable): PolicyStatement[] {
    return addStatements(grantee, [
      {
        Sid: 'QueryOwnWorkgroup',
        Effect: 'Allow',
        Action: [...ATHENA_QUERY_ACTIONS],
        Resource: this.workgroupArn,
      },
    ]);
  }

  private declareOutputs(): void {
    addOutput(this, 'processed_database_name', {
      value: this.databases.processed.name,
      description: 'Glue database of the tables crawled from data/processed/',
    });
    addOutput(this, 'features_database_name', {
      value: this.databases.features.name,
      description: 'Glue database of the tables crawled from data/features/',
    });
    addOutput(this, 'crawler_names', {
      value: Object.fromEntries(
        DATA_PREPROCESSING_DATABASES.map((database) => [database, this.crawlers[database].name]),
      ),
      description: 'Glue crawler of each database (processed, features), by database',
    });
    addOutput(this, 'athena_workgroup_name', {
      value: this.workgroup.name,
      description:
        'Athena workgroup with enforced KMS-encrypted results and a bytes-scanned cutoff',
    });
    addOutput(this, 'athena_results_location', {
      value: this.bucket.s3Uri(ATHENA_RESULTS_PREFIX),
      description: 'S3 location of the Athena query results of the workgroup',
    });
    addOutput(this, 'processing_role_arn', {
      value: this.processingRole.roleArn,
      description: 'Role for SageMaker Processing and Data Wrangler jobs and Athena queries',
    });
    addOutput(this, 'catalog_role_arn', {
      value: this.catalogRole.roleArn,
      description: 'Role of the Glue crawlers and data-quality evaluation runs',
    });
    addOutput(this, 'data_quality_ruleset_names', {
      value: this.rulesets.map((ruleset) => ruleset.name),
      description: 'Glue Data Quality rulesets of the crawled tables',
    });
  }
}

function pascal(text: string): string {
  return text[0].toUpperCase() + text.slice(1);
}

/** Construct ID of the grant on a shared table: `SharedTable-<catalog>-<database>-<table>`. */
export function sharedTableGrantId(table: SharedProducerTable): string {
  // Catalog names hold letters, digits, "_" and "-"; anything else would not survive as an ID.
  const part = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');
  return ['SharedTable', table.catalogId, table.database, table.table].map(part).join('-');
}

/** The ID prefix grants had when they were numbered by list position (see UPGRADE.md). */
const LEGACY_SHARED_TABLE_ID = 'SharedTable';
