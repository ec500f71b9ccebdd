import { GlueCrawler } from '@cdktf/provider-aws/lib/glue-crawler';
import { ConstructEnvironment } from '@genai-sandbox/core';
import type { ServiceRole } from '@genai-sandbox/security';
import type { Construct } from 'constructs';
import type { IMlBucket } from './ml-bucket-interface';

export interface PrefixCrawlerProps {
  /** Purpose, the last part of the crawler's name `<platform>-<env>[-<project>]-<purpose>`. */
  readonly purpose: string;
  /** Shown in the Glue console. */
  readonly description: string;
  /** The Glue database the crawler writes its tables into. */
  readonly databaseName: string;
  /** The project's ML bucket. */
  readonly bucket: IMlBucket;
  /** The folder crawled; each folder directly below it becomes one table. */
  readonly prefix: string;
  /** The catalog role (Glue-trusted) that reads the folder and writes the tables. */
  readonly role: ServiceRole;
  /** A six-field `cron(...)` in UTC, checked by the configuration schema. */
  readonly schedule: string;
  /** Name of the Glue security configuration (CatalogSecurityConfiguration). */
  readonly securityConfiguration: string;
}

/** `data/processed/` -> 4: bucket (1), two folders (2, 3), then each table folder (4). */
export function tableLevelOf(prefix: string): number {
  return prefix.split('/').filter(Boolean).length + 2;
}

/**
 * A Glue crawler over one folder of the project's ML bucket: one table per folder directly below
 * it (deeper folders become partitions that inherit the table's schema), schema changes updated
 * in place, deletions only marked deprecated, the KMS security configuration, and a schedule.
 * It waits for its role's policy: a crawl started before Glue may read the folder fails.
 *
 * The resource itself, not a wrapper: its Terraform address is the ID given here, as it was when
 * the data-preprocessing stack created it inline.
 */
export class PrefixCrawler extends GlueCrawler {
  constructor(scope: Construct, id: string, props: PrefixCrawlerProps) {
    const stack = ConstructEnvironment.of(scope);
    super(scope, id, {
      name: stack.naming.name('glue', props.purpose),
      description: props.description,
      databaseName: props.databaseName,
      role: props.role.roleArn,
      schedule: props.schedule,
      securityConfiguration: props.securityConfiguration,
      s3Target: [{ path: props.bucket.s3Uri(props.prefix) }],
      schemaChangePolicy: {
        updateBehavior: 'UPDATE_IN_DATABASE',
        deleteBehavior: 'DEPRECATE_IN_DATABASE',
      },
      configuration: JSON.stringify({
        Version: 1.0,
        Grouping: { TableLevelConfiguration: tableLevelOf(props.prefix) },
        CrawlerOutput: { Partitions: { AddOrUpdateBehavior: 'InheritFromTable' } },
      }),
      dependsOn: [props.role.policy],
    });
  }
}
