import { z } from 'zod';
import { accountId, reportDuplicates } from '../common';

/**
 * Settings of the data-preprocessing blueprint (blueprint 1, data discovery and
 * Preprocessing"), under `blueprints.dataPreprocessing` of an environment file. Every field has a
 * default, so an environment without the section is valid.
 */

/** Athena's smallest bytes-scanned cutoff (the provider and the API refuse less than 10 MB). */
export const ATHENA_MIN_BYTES_SCANNED_CUTOFF = 10_485_760;
/** 1 TiB: above it a runaway query costs more than a sandbox should risk. */
export const ATHENA_MAX_BYTES_SCANNED_CUTOFF = 1_099_511_627_776;

/**
 * A Glue/EventBridge cron expression, checked by shape: `cron(min hour day-of-month month
 * day-of-week year)`, six fields, with "?" in exactly one of day-of-month and day-of-week.
 */
export const cronExpression = z.string().superRefine((text, ctx) => {
  const fields = /^cron\((.*)\)$/.exec(text)?.[1]?.trim().split(/\s+/);
  const fix =
    'use a cron expression with six fields and "?" in day-of-month or day-of-week, such as "cron(0 3 * * ? *)" (03:00 UTC daily)';
  if (!fields || fields.length !== 6) {
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: `expected cron(...) with six fields; ${fix}`,
    });
    return;
  }
  if (!fields.every((field) => /^[\w*?,/#L-]+$/.test(field))) {
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: `a field holds characters cron does not allow (allowed: letters, digits and , - * ? / L #); ${fix}`,
    });
    return;
  }
  if ((fields[2] === '?') === (fields[4] === '?')) {
    ctx.addIssue({
      code: 'custom',
      input: text,
      message: `exactly one of day-of-month (3rd field) and day-of-week (5th field) must be "?"; ${fix}`,
    });
  }
});

/** Glue catalog names: Athena only reads lower-case names; hyphens are legal in other catalogs. */
const catalogName = z.string().regex(/^[a-z0-9_][a-z0-9_-]{0,254}$/, {
  error: 'expected 1-255 lower-case letters, digits, underscores or hyphens (a Glue catalog name)',
});

/** Column names are quoted into DQDL rules, so they are restricted to plain identifiers. */
const columnName = z.string().regex(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/, {
  error:
    'expected a column name of letters, digits and underscores, starting with a letter or underscore',
});

export const DATA_PREPROCESSING_DATABASES = ['processed', 'features'] as const;
export type DataPreprocessingDatabase = (typeof DATA_PREPROCESSING_DATABASES)[number];

export const sharedProducerTableSchema = z.strictObject({
  catalogId: accountId.describe('Account of the producer whose Glue Data Catalog holds the table.'),
  database: catalogName.describe('Database of the shared table in the producer catalog.'),
  table: catalogName.describe('The shared table.'),
});

export const dataQualityRulesetSchema = z.strictObject({
  database: z
    .enum(DATA_PREPROCESSING_DATABASES, {
      error: `expected one of the blueprint's databases: ${DATA_PREPROCESSING_DATABASES.join(', ')}`,
    })
    .describe('Which blueprint database holds the table: processed or features.'),
  table: catalogName.describe(
    'Table the crawler created (named after the folder under data/processed/ or data/features/); it must exist before the ruleset is applied.',
  ),
  minimumRowCount: z
    .number()
    .int({ error: 'expected a whole number of rows' })
    .min(0)
    .default(1)
    .describe('RowCount >= this; 1 catches an empty table.'),
  requiredColumns: z
    .array(columnName)
    .default([])
    .describe('Columns whose completeness must reach minimumCompleteness.'),
  minimumCompleteness: z
    .number()
    .gt(0, { error: 'expected a ratio above 0 and at most 1, such as 0.95' })
    .lte(1, { error: 'expected a ratio above 0 and at most 1, such as 0.95' })
    .default(1)
    .describe('Share of non-null values required in requiredColumns; 1 means IsComplete.'),
  uniqueColumns: z.array(columnName).default([]).describe('Columns whose values must be unique.'),
});

export const dataPreprocessingSchema = z
  .strictObject({
    crawlerSchedule: cronExpression
      .default('cron(0 3 * * ? *)')
      .describe('When the Glue crawlers catalog data/processed/ and data/features/ (UTC).'),
    athenaBytesScannedCutoffPerQuery: z
      .number()
      .int({ error: 'expected a whole number of bytes' })
      .min(ATHENA_MIN_BYTES_SCANNED_CUTOFF, {
        error: `expected at least ${ATHENA_MIN_BYTES_SCANNED_CUTOFF} bytes (10 MiB, the Athena minimum)`,
      })
      .max(ATHENA_MAX_BYTES_SCANNED_CUTOFF, {
        error: `expected at most ${ATHENA_MAX_BYTES_SCANNED_CUTOFF} bytes (1 TiB); split larger scans`,
      })
      .default(10_737_418_240)
      .describe('Athena cancels a query of the workgroup that scans more bytes; default 10 GiB.'),
    dataQualityRulesets: z
      .array(dataQualityRulesetSchema)
      .default([])
      .describe('Glue Data Quality rulesets on crawled tables, one per table.'),
    sharedProducerTables: z
      .array(sharedProducerTableSchema)
      .default([])
      .describe(
        'Tables shared through Lake Formation that the processing role may SELECT and DESCRIBE.',
      ),
  })
  .superRefine((settings, ctx) => {
    reportDuplicates(
      ctx,
      settings.dataQualityRulesets,
      (ruleset) => `${ruleset.database}.${ruleset.table}`,
      ['dataQualityRulesets'],
      ['table'],
    );
    reportDuplicates(
      ctx,
      settings.sharedProducerTables,
      (table) => `${table.catalogId}:${table.database}.${table.table}`,
      ['sharedProducerTables'],
      ['table'],
    );
    settings.dataQualityRulesets.forEach((ruleset, index) => {
      if (ruleset.requiredColumns.length === 0 && ruleset.minimumCompleteness !== 1) {
        ctx.addIssue({
          code: 'custom',
          path: ['dataQualityRulesets', index, 'minimumCompleteness'],
          input: ruleset.minimumCompleteness,
          message:
            'minimumCompleteness applies to requiredColumns, which is empty; list the columns or remove minimumCompleteness',
        });
      }
    });
  })
  .describe('Blueprint 1: Glue crawlers, Athena, Lake Formation grants and Glue Data Quality.');

export type DataPreprocessingSettings = z.infer<typeof dataPreprocessingSchema>;
export type DataQualityRulesetSettings = z.infer<typeof dataQualityRulesetSchema>;
export type SharedProducerTable = z.infer<typeof sharedProducerTableSchema>;
