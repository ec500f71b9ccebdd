import { ConfigError, loadPlatformConfiguration } from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

function load(settings?: Record<string, unknown>) {
  const fixture = configurationFixture();
  if (settings)
    (fixture.environments.dev as Record<string, unknown>).blueprints = { inferenceBatch: settings };
  return loadPlatformConfiguration(writeConfigurationFixture(fixture)).environments[0];
}

interface Problem {
  readonly file: string;
  readonly path: string;
  readonly received?: string;
  readonly message: string;
}

function problems(settings: Record<string, unknown>): readonly Problem[] {
  try {
    load(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems;
  }
  throw new Error('expected the configuration to be rejected');
}

const messages = (settings: Record<string, unknown>) =>
  problems(settings).map((problem) => `${problem.path}: ${problem.message}`);

describe('blueprints.inferenceBatch', () => {
  it('defaults every field when the environment has no section', () => {
    expect(load().blueprints.inferenceBatch).toEqual({
      instanceType: 'ml.m5.xlarge',
      instanceCount: 1,
      batchStrategy: 'MultiRecord',
      maxPayloadMb: 6,
      maxConcurrentTransforms: 1,
      invocationTimeoutSeconds: 600,
      invocationMaxRetries: 3,
      data: {
        contentType: 'application/jsonlines',
        accept: 'application/jsonlines',
        splitType: 'Line',
        assembleWith: 'Line',
        inputFilter: '$',
        outputFilter: '$',
        joinSource: 'None',
      },
      crawlerSchedule: 'cron(0 * * * ? *)',
      api: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it('fails when max concurrency is outside 1 to 1000, with the file, path, value and fix', () => {
    expect(problems({ maxConcurrentTransforms: 0 })).toEqual([
      {
        file: expect.stringMatching(/dev\.json$/),
        path: '$.blueprints.inferenceBatch.maxConcurrentTransforms',
        received: '0',
        message: 'expected requests per instance from 1 to 1000',
      },
    ]);
    expect(messages({ maxConcurrentTransforms: 1001, maxPayloadMb: 1 })).toEqual([
      expect.stringContaining('from 1 to 1000'),
      expect.stringContaining('must be at most 100 MB'),
    ]);
  });

  it('fails when concurrency times payload exceeds SageMaker 100 MB', () => {
    expect(messages({ maxConcurrentTransforms: 20, maxPayloadMb: 6 })).toEqual([
      "$.blueprints.inferenceBatch.maxConcurrentTransforms: maxConcurrentTransforms times maxPayloadMb (6) must be at most 100 MB (SageMaker's limit); lower one of them",
    ]);
    expect(load({ maxConcurrentTransforms: 16, maxPayloadMb: 6 })).toBeTruthy();
  });

  it('fails when MultiRecord has nothing to split records by', () => {
    expect(messages({ data: { splitType: 'None' } })).toEqual([
      expect.stringMatching(/data\.splitType: MultiRecord batches records/),
    ]);
    expect(load({ batchStrategy: 'SingleRecord', data: { splitType: 'None' } })).toBeTruthy();
  });

  it('fails when spot is asked for, saying batch transform has none', () => {
    expect(messages({ useSpotInstances: true })).toEqual([
      expect.stringMatching(
        /useSpotInstances: SageMaker batch transform has no managed spot option/,
      ),
    ]);
  });

  it('fails on unknown strategies, split types, filters and content types', () => {
    expect(
      messages({
        batchStrategy: 'Mini',
        data: { splitType: 'Comma', inputFilter: 'features', accept: 'json' },
      }),
    ).toEqual([
      expect.stringMatching(/batchStrategy: expected one of MultiRecord, SingleRecord/),
      expect.stringMatching(/data\.accept: expected a MIME type/),
      expect.stringMatching(/data\.splitType: expected one of None, Line, RecordIO, TFRecord/),
      expect.stringMatching(/data\.inputFilter: expected a JSONPath starting with "\$"/),
    ]);
  });

  it('accepts a schedule over a folder of the input prefix and defaults its retries', () => {
    expect(
      load({
        schedule: {
          expression: 'cron(0 2 * * ? *)',
          inputPrefix: 'inference/batch/input/nightly/',
        },
      }).blueprints.inferenceBatch.schedule,
    ).toEqual({
      expression: 'cron(0 2 * * ? *)',
      timezone: 'UTC',
      inputPrefix: 'inference/batch/input/nightly/',
      maximumRetryAttempts: 3,
      maximumEventAgeSeconds: 3600,
    });
  });

  it('fails when the schedule is not a cron or rate expression, or reads outside the input folder', () => {
    expect(problems({ schedule: { expression: 'nightly' } })).toEqual([
      expect.objectContaining({
        path: '$.blueprints.inferenceBatch.schedule.expression',
        received: '"nightly"',
        message: expect.stringContaining('expected "rate(...)" or "cron(...)"'),
      }),
    ]);
    expect(messages({ schedule: { expression: 'rate(1 day)', inputPrefix: 'data/raw/' } })).toEqual(
      [
        expect.stringMatching(
          /schedule\.inputPrefix: expected a folder under inference\/batch\/input\//,
        ),
      ],
    );
  });
});
