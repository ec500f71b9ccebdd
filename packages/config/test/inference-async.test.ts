import { basename } from 'node:path';
import { ConfigError, loadPlatformConfiguration } from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

function load(inferenceAsync?: Record<string, unknown>) {
  const fixture = configurationFixture();
  if (inferenceAsync)
    (fixture.environments.dev as Record<string, unknown>).blueprints = { inferenceAsync };
  return loadPlatformConfiguration(writeConfigurationFixture(fixture)).environments[0];
}

/** `<file> <path> (received <value>): <message>` of every problem. */
function problems(inferenceAsync: Record<string, unknown>): string[] {
  try {
    load(inferenceAsync);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (problem) =>
        `${basename(problem.file)} ${problem.path} (received ${problem.received}): ${problem.message}`,
    );
  }
  throw new Error('expected the configuration to be rejected');
}

const PATH = 'dev.json $.blueprints.inferenceAsync';

describe('blueprints.inferenceAsync', () => {
  it('defaults every field: scale to zero, the real-time rollout, no webhook', () => {
    expect(load().blueprints.inferenceAsync).toEqual({
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      maxConcurrentInvocationsPerInstance: 4,
      rollout: {
        strategy: 'canary',
        stepPercent: 10,
        waitIntervalSeconds: 600,
        terminationWaitSeconds: 300,
        maximumExecutionTimeoutSeconds: 3600,
      },
      autoScaling: {
        minCapacity: 0,
        maxCapacity: 2,
        targetBacklogPerInstance: 5,
        scaleInCooldownSeconds: 600,
        scaleOutCooldownSeconds: 300,
      },
      callback: {
        maximumRetryAttempts: 2,
        maximumEventAgeSeconds: 3600,
        deliveryTimeoutSeconds: 10,
      },
      api: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it.each([0, 1001, 2.5])('refuses a maximum concurrency of %s outside 1 to 1000', (value) => {
    expect(problems({ maxConcurrentInvocationsPerInstance: value })).toEqual([
      `${PATH}.maxConcurrentInvocationsPerInstance (received ${value}): expected ${Number.isInteger(value) ? '' : 'a whole number of '}concurrent invocations per instance from 1 to 1000 (the SageMaker limit)`,
    ]);
  });

  it('refuses a webhook that is not https, and one that carries credentials', () => {
    expect(problems({ callback: { webhookUrl: 'http://hooks.example.com/x' } })).toEqual([
      `${PATH}.callback.webhookUrl (received "http://hooks.example.com/x"): expected an https:// URL such as "https://hooks.example.com/inference" (results are delivered only over TLS)`,
    ]);
    expect(problems({ callback: { webhookUrl: 'https://user:pw@hooks.example.com/x' } })).toEqual([
      `${PATH}.callback.webhookUrl (received "https://user:pw@hooks.example.com/x"): the URL carries credentials, which would land in Terraform state; remove them and put the signing secret into the Secrets Manager secret of the stack`,
    ]);
  });

  it('refuses warm-capacity schedules that are not valid cron expressions', () => {
    expect(
      problems({ warmCapacity: { start: 'rate(1 day)', stop: 'cron(0 19 * * * *)' } }),
    ).toEqual([
      `${PATH}.warmCapacity.start (received "rate(1 day)"): expected cron(...) with six fields; use a cron expression with six fields and "?" in day-of-month or day-of-week, such as "cron(0 3 * * ? *)" (03:00 UTC daily)`,
      `${PATH}.warmCapacity.stop (received "cron(0 19 * * * *)"): exactly one of day-of-month (3rd field) and day-of-week (5th field) must be "?"; use a cron expression with six fields and "?" in day-of-month or day-of-week, such as "cron(0 3 * * ? *)" (03:00 UTC daily)`,
    ]);
  });

  it('refuses bounds that contradict each other', () => {
    expect(
      problems({
        initialInstanceCount: 3,
        autoScaling: { minCapacity: 3, maxCapacity: 2 },
        warmCapacity: { start: 'cron(0 7 ? * MON-FRI *)', stop: 'cron(0 19 ? * MON-FRI *)' },
      }),
    ).toEqual([
      `${PATH}.autoScaling.minCapacity (received 3): must be at most maxCapacity (2); lower minCapacity or raise maxCapacity`,
      `${PATH}.initialInstanceCount (received 3): must be at most autoScaling.maxCapacity (2); lower initialInstanceCount or raise maxCapacity`,
      `${PATH}.warmCapacity.instances (received 1): must lie above autoScaling.minCapacity (3) and at most maxCapacity (2), or the schedule changes nothing; adjust instances or the bounds`,
    ]);
  });

  it('refuses Lambda retry settings outside Lambda limits', () => {
    expect(problems({ callback: { maximumRetryAttempts: 3, maximumEventAgeSeconds: 30 } })).toEqual(
      [
        `${PATH}.callback.maximumRetryAttempts (received 3): expected attempts from 0 to 2 (the Lambda limit)`,
        `${PATH}.callback.maximumEventAgeSeconds (received 30): expected seconds from 60 to 21600 (the Lambda limit)`,
      ],
    );
  });
});
