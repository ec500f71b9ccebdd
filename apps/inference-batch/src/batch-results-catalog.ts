import { ML_BUCKET_LAYOUT } from '@genai-sandbox/config';
import { PlatformStack } from '@genai-sandbox/core';
import { ServiceRole } from '@genai-sandbox/security';
import {
  CatalogDatabase,
  CatalogSecurityConfiguration,
  catalogTableWriteStatement,
  type IMlBucket,
  PrefixCrawler,
} from '@genai-sandbox/storage';
import { Construct } from 'constructs';

export interface BatchResultsCatalogProps {
  readonly bucket: IMlBucket;
  /** When the crawler runs: a six-field `cron(...)` in UTC. */
  readonly crawlerSchedule: string;
}

/**
 * Makes the results of the batch jobs queryable in Athena: a Glue database and a crawler on
 * `inference/batch/output/` (one table per dataset folder, one partition per job) with the
 * platform's KMS security configuration, and the Glue-trusted catalog role that may read only that
 * folder and write only that database's tables. The same constructs as the data-preprocessing
 * blueprint's catalog.
 */
export class BatchResultsCatalog extends Construct {
  readonly role: ServiceRole;
  readonly database: CatalogDatabase;
  readonly securityConfiguration: CatalogSecurityConfiguration;
  readonly crawler: PrefixCrawler;

  constructor(scope: Construct, id: string, props: BatchResultsCatalogProps) {
    super(scope, id);
    const project = PlatformStack.of(this).project?.name;
    const prefix = ML_BUCKET_LAYOUT.inference.batchOutput;
    this.role = new ServiceRole(this, 'Role', {
      purpose: 'batch-catalog',
      description: `Glue crawler of ${project}: catalogs ${prefix}`,
      service: 'glue.amazonaws.com',
    });
    this.role.grantBaseExecution();
    props.bucket.grantRead(this.role, prefix);
    this.database = new CatalogDatabase(this, 'Database', {
      purpose: 'batch-results',
      description: `${project}: batch transform results crawled from ${prefix}`,
      bucket: props.bucket,
      prefix,
    });
    this.role.addToPolicy(catalogTableWriteStatement(this, [this.database.databaseName]));
    this.securityConfiguration = new CatalogSecurityConfiguration(this, 'SecurityConfiguration', {
      purpose: 'batch',
    });
    this.crawler = new PrefixCrawler(this, 'Crawler', {
      purpose: 'batch-results',
      description: `Catalogs ${prefix} of the ${project} ML bucket`,
      databaseName: this.database.name,
      bucket: props.bucket,
      prefix,
      role: this.role,
      schedule: props.crawlerSchedule,
      securityConfiguration: this.securityConfiguration.name,
    });
  }
}
