import { ConfigError, loadPlatformConfiguration } from '../src';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

type Settings = Record<string, unknown>;

/** Writes the fixture with dev's `blueprints.dataPreprocessing` set to `settings`. */
function withSettings(settings: Settings, change?: (fixture: ConfigurationFixture) => void) {
  const fixture = configurationFixture();
  (fixture.environments.dev as Record<string, unknown>).blueprints = {
    dataPreprocessing: settings,
  };
  change?.(fixture);
  return writeConfigurationFixture(fixture);
}

function problemsOf(settings: Settings) {
  const dir = withSettings(settings);
  try {
    loadPlatformConfiguration(dir);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({
      ...problem,
      file: problem.file.slice(dir.length + 1),
    }));
  }
  throw new Error('expected the configuration to be rejected');
}

const dev = (dir: string) => loadPlatformConfiguration(dir).environments[0];

describe('blueprints.dataPreprocessing', () => {
  it('defaults every field when the environment has no blueprints section', () => {
    const environment = dev(writeConfigurationFixture());
    expect(environment.blueprints).toMatchObject({
      dataPreprocessing: {
        crawlerSchedule: 'cron(0 3 * * ? *)',
        athenaBytesScannedCutoffPerQuery: 10737418240,
        dataQualityRulesets: [],
        sharedProducerTables: [],
      },
    });
  });

  it('accepts a complete section and defaults the fields of a ruleset', () => {
    const settings = dev(
      withSettings({
        crawlerSchedule: 'cron(15 2 ? * MON-FRI *)',
        athenaBytesScannedCutoffPerQuery: 10485760,
        dataQualityRulesets: [
          { database: 'processed', table: 'transactions', uniqueColumns: ['id'] },
        ],
        sharedProducerTables: [
          { catalogId: '555555555555', database: 'sales_db', table: 'orders' },
        ],
      }),
    ).blueprints.dataPreprocessing;
    expect(settings.crawlerSchedule).toBe('cron(15 2 ? * MON-FRI *)');
    expect(settings.dataQualityRulesets).toEqual([
      {
        database: 'processed',
        table: 'transactions',
        minimumRowCount: 1,
        requiredColumns: [],
        minimumCompleteness: 1,
        uniqueColumns: ['id'],
      },
    ]);
  });

  it.each([
    ['cron(0 3 * * *)', 'six fields'],
    ['0 3 * * ? *', 'six fields'],
    ['rate(1 day)', 'six fields'],
    ['cron(0 3 * * MON *)', 'exactly one of day-of-month'],
    ['cron(0 3 ? * ? *)', 'exactly one of day-of-month'],
    ['cron(0 3 * * ? $)', 'characters cron does not allow'],
  ])('fails when the crawler schedule is %s', (schedule, message) => {
    expect(problemsOf({ crawlerSchedule: schedule })).toEqual([
      {
        file: 'dev.json',
        path: '$.blueprints.dataPreprocessing.crawlerSchedule',
        received: JSON.stringify(schedule),
        message: expect.stringMatching(
          new RegExp(`${message}[\\s\\S]*cron\\(0 3 \\* \\* \\? \\*\\)`),
        ),
      },
    ]);
  });

  it('fails when the Athena cutoff is below the Athena minimum or not whole', () => {
    expect(problemsOf({ athenaBytesScannedCutoffPerQuery: 1000 })).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.athenaBytesScannedCutoffPerQuery',
        received: '1000',
        message: expect.stringContaining('at least 10485760 bytes'),
      }),
    ]);
    expect(problemsOf({ athenaBytesScannedCutoffPerQuery: 10485760.5 })).toEqual([
      expect.objectContaining({ message: expect.stringContaining('whole number of bytes') }),
    ]);
  });

  it('fails when a shared producer table has a malformed account or name', () => {
    expect(
      problemsOf({
        sharedProducerTables: [{ catalogId: '5555', database: 'Sales DB', table: 'orders' }],
      }),
    ).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.sharedProducerTables[0].catalogId',
        received: '"5555"',
        message: expect.stringContaining('12-digit AWS account ID'),
      }),
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.sharedProducerTables[0].database',
        received: '"Sales DB"',
        message: expect.stringContaining('Glue catalog name'),
      }),
    ]);
  });

  it('fails when a ruleset names another database, a bad column or an out-of-range ratio', () => {
    expect(
      problemsOf({
        dataQualityRulesets: [
          {
            database: 'raw',
            table: 'transactions',
            requiredColumns: ['amount"]'],
            minimumCompleteness: 1.5,
          },
        ],
      }),
    ).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.dataQualityRulesets[0].database',
        received: '"raw"',
        message: expect.stringContaining('processed, features'),
      }),
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.dataQualityRulesets[0].requiredColumns[0]',
        message: expect.stringContaining('letters, digits and underscores'),
      }),
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.dataQualityRulesets[0].minimumCompleteness',
        received: '1.5',
        message: expect.stringContaining('at most 1'),
      }),
    ]);
  });

  it('fails when a completeness ratio has no columns to apply to', () => {
    expect(
      problemsOf({
        dataQualityRulesets: [{ database: 'features', table: 'f', minimumCompleteness: 0.9 }],
      }),
    ).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.dataQualityRulesets[0].minimumCompleteness',
        message: expect.stringContaining('list the columns or remove minimumCompleteness'),
      }),
    ]);
  });

  it('fails when a table is listed twice', () => {
    const table = { catalogId: '555555555555', database: 'sales_db', table: 'orders' };
    expect(problemsOf({ sharedProducerTables: [table, table] })).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing.sharedProducerTables[1].table',
        message: expect.stringContaining('listed twice'),
      }),
    ]);
  });

  it('fails when a field or a blueprint section is unknown, listing the allowed ones', () => {
    expect(problemsOf({ crawlerSchedul: 'cron(0 3 * * ? *)' })).toEqual([
      expect.objectContaining({
        path: '$.blueprints.dataPreprocessing',
        received: '"crawlerSchedul"',
        message: expect.stringContaining('crawlerSchedule'),
      }),
    ]);
    const dir = withSettings({}, (fixture) => {
      (fixture.environments.dev as Record<string, unknown>).blueprints = { modelTrainin: {} };
    });
    expect(() => loadPlatformConfiguration(dir)).toThrow(/\$\.blueprints.*modelTrainin/);
  });
});
