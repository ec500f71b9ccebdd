import { ConfigError, loadPlatformConfiguration } from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

function load(settings?: Record<string, unknown>) {
  const fixture = configurationFixture();
  if (settings)
    (fixture.environments.dev as Record<string, unknown>).blueprints = { modelTraining: settings };
  return loadPlatformConfiguration(writeConfigurationFixture(fixture)).environments[0];
}

function messages(settings: Record<string, unknown>): string[] {
  try {
    load(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  throw new Error('expected the configuration to be rejected');
}

describe('blueprints.modelTraining', () => {
  it('defaults every field when the environment has no section', () => {
    expect(load().blueprints.modelTraining).toEqual({
      processingInstanceType: 'ml.m5.xlarge',
      trainingInstanceType: 'ml.m5.xlarge',
      evaluationInstanceType: 'ml.m5.large',
      trainingInstanceCount: 1,
      maxRuntimeSeconds: 86400,
      maxWaitSeconds: 172800,
      useSpotInstances: true,
      metricName: 'auc',
      metricThreshold: 0.8,
      metricComparison: 'GreaterThanOrEqualTo',
      trackingServerSize: 'Small',
    });
  });

  it('fails when an instance type is not ml.*', () => {
    expect(messages({ trainingInstanceType: 'm5.xlarge' })).toEqual([
      expect.stringMatching(/trainingInstanceType: expected a SageMaker instance type/),
    ]);
  });

  it('fails when spot max wait is below max runtime', () => {
    expect(messages({ maxRuntimeSeconds: 7200, maxWaitSeconds: 3600 })).toEqual([
      expect.stringMatching(/maxWaitSeconds: must be at least maxRuntimeSeconds \(7200\)/),
    ]);
    expect(
      load({ maxRuntimeSeconds: 7200, maxWaitSeconds: 3600, useSpotInstances: false }),
    ).toBeTruthy();
  });

  it('fails when the comparison or tracking server size is unknown', () => {
    expect(messages({ metricComparison: 'Equals', trackingServerSize: 'Huge' })).toHaveLength(2);
  });

  it('fails when the model package group is not one of platform.json', () => {
    expect(messages({ modelPackageGroup: 'genai-custom-models' })).toEqual([
      expect.stringMatching(
        /modelPackageGroup: not a model package group of platform.json; use one of: genai-llm-finetuned/,
      ),
    ]);
    expect(
      load({ modelPackageGroup: 'genai-llm-finetuned' }).blueprints.modelTraining,
    ).toMatchObject({
      modelPackageGroup: 'genai-llm-finetuned',
    });
  });
});

describe('blueprints.modelTraining.schedule', () => {
  it('accepts rate and cron expressions and defaults the rest', () => {
    expect(
      load({ schedule: { expression: 'rate(7 days)' } }).blueprints.modelTraining.schedule,
    ).toEqual({
      expression: 'rate(7 days)',
      timezone: 'UTC',
      maximumRetryAttempts: 3,
      maximumEventAgeSeconds: 3600,
    });
    expect(load({ schedule: { expression: 'rate(1 hour)' } })).toBeTruthy();
    expect(
      load({ schedule: { expression: 'cron(0 3 ? * MON *)', timezone: 'Europe/Berlin' } }),
    ).toBeTruthy();
    expect(load().blueprints.modelTraining.schedule).toBeUndefined();
  });

  it('fails when the expression is neither rate nor cron, with the file, path, value and fix', () => {
    const fixture = configurationFixture();
    (fixture.environments.dev as Record<string, unknown>).blueprints = {
      modelTraining: { schedule: { expression: 'every monday' } },
    };
    let problems: readonly { file: string; path: string; received?: string; message: string }[] =
      [];
    try {
      loadPlatformConfiguration(writeConfigurationFixture(fixture));
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems;
    }
    expect(problems).toEqual([
      {
        file: expect.stringMatching(/dev\.json$/),
        path: '$.blueprints.modelTraining.schedule.expression',
        received: '"every monday"',
        message: expect.stringContaining(
          'expected "rate(...)" or "cron(...)", such as "rate(7 days)"',
        ),
      },
    ]);
  });

  it('fails when a rate has the wrong unit number or a cron the wrong shape', () => {
    expect(messages({ schedule: { expression: 'rate(1 days)' } })).toEqual([
      expect.stringContaining('write "rate(1 day)"'),
    ]);
    expect(messages({ schedule: { expression: 'rate(2 hour)' } })).toEqual([
      expect.stringContaining('write "rate(2 hours)"'),
    ]);
    expect(messages({ schedule: { expression: 'rate(0 minutes)' } })).toEqual([
      expect.stringContaining('at least 1'),
    ]);
    expect(messages({ schedule: { expression: 'rate(5 weeks)' } })).toEqual([
      expect.stringContaining('not a rate expression'),
    ]);
    expect(messages({ schedule: { expression: 'cron(0 3 * * *)' } })).toEqual([
      expect.stringContaining('six fields'),
    ]);
    expect(messages({ schedule: { expression: 'cron(0 3 * * * *)' } })).toEqual([
      expect.stringContaining('exactly one of day-of-month'),
    ]);
  });

  it('fails when retries, event age or time zone are outside the Scheduler limits', () => {
    expect(
      messages({
        schedule: {
          expression: 'rate(1 day)',
          maximumRetryAttempts: 186,
          maximumEventAgeSeconds: 30,
          timezone: 'Mars/Olympus Mons',
        },
      }),
    ).toEqual([
      expect.stringMatching(/timezone: expected "UTC" or an IANA time zone/),
      expect.stringMatching(/maximumRetryAttempts: expected 0 to 185/),
      expect.stringMatching(/maximumEventAgeSeconds: expected 60 to 86400/),
    ]);
  });
});
