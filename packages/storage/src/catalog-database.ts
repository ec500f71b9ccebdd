import { GlueCatalogDatabase } from '@cdktf/provider-aws/lib/glue-catalog-database';
import { ConstructEnvironment, type PolicyStatement } from '@genai-sandbox/core';
import {
  addStatements,
  GLUE_CATALOG_READ_ACTIONS,
  GLUE_TABLE_WRITE_ACTIONS,
  type IGrantable,
} from '@genai-sandbox/security';
import type { Construct } from 'constructs';
import { type IMlBucket, sidLabel } from './ml-bucket-interface';

export interface CatalogDatabaseProps {
  /** Purpose, the last part of the name (Glue databases use underscores). */
  readonly purpose: string;
  /** Shown in the Glue console. */
  readonly description: string;
  /** The project's ML bucket and the folder whose tables the database holds. */
  readonly bucket: IMlBucket;
  readonly prefix: string;
}

/**
 * A Glue database for the tables crawled from one folder of the project's ML bucket. Table
 * definitions are rebuilt by a crawl, but downstream blueprints, Lake Formation grants and SMUS
 * shares refer to the database by name: where the environment protects resources, it is kept
 * from being destroyed.
 *
 * The resource itself, not a wrapper: its Terraform address is the ID given here, as it was when
 * the data-preprocessing stack created it inline.
 */
export class CatalogDatabase extends GlueCatalogDatabase {
  /** The name known at synth, for policies (`name` is a reference to the resource). */
  readonly databaseName: string;
  private readonly purpose: string;

  constructor(scope: Construct, id: string, props: CatalogDatabaseProps) {
    const stack = ConstructEnvironment.of(scope);
    const databaseName = stack.naming.name('glue-database', props.purpose);
    super(scope, id, {
      name: databaseName,
      description: props.description,
      locationUri: props.bucket.s3Uri(props.prefix),
    });
    this.databaseName = databaseName;
    this.purpose = props.purpose;
    stack.protect(this);
  }

  /**
   * Read the definitions of this database, its tables and their partitions (what Athena and
   * SageMaker Unified Studio's data explorer call), and nothing of another database. The data
   * itself is read from S3 with the bucket's grants. Returns the statements added.
   */
  grantRead(grantee: IGrantable): PolicyStatement[] {
    const stack = ConstructEnvironment.of(this);
    const glueArn = `arn:aws:glue:${stack.region}:${stack.accountId}`;
    return addStatements(grantee, [
      {
        Sid: `Read${sidLabel(this.purpose)}Database`,
        Effect: 'Allow',
        Action: [...GLUE_CATALOG_READ_ACTIONS],
        Resource: [
          `${glueArn}:catalog`,
          `${glueArn}:database/${this.databaseName}`,
          `${glueArn}:table/${this.databaseName}/*`,
        ],
      },
    ]);
  }
}

/**
 * What a catalog role needs to write the tables and partitions of the given databases (crawlers
 * create, update and deprecate them), and nothing in any other database. Names, not resource
 * attributes: reviewers and the policy gate read them as is.
 */
export function catalogTableWriteStatement(
  scope: Construct,
  databaseNames: readonly string[],
): PolicyStatement {
  const stack = ConstructEnvironment.of(scope);
  const glueArn = `arn:aws:glue:${stack.region}:${stack.accountId}`;
  return {
    Sid: 'WriteOwnTables',
    Effect: 'Allow',
    Action: [...GLUE_TABLE_WRITE_ACTIONS],
    Resource: [
      `${glueArn}:catalog`,
      ...databaseNames.map((name) => `${glueArn}:database/${name}`),
      ...databaseNames.map((name) => `${glueArn}:table/${name}/*`),
    ],
  };
}
