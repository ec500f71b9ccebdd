import { basename } from 'node:path';
import { ConfigError, loadPlatformConfiguration } from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

function load(blueprints?: Record<string, unknown>) {
  const fixture = configurationFixture();
  if (blueprints) (fixture.environments.dev as Record<string, unknown>).blueprints = blueprints;
  return loadPlatformConfiguration(writeConfigurationFixture(fixture)).environments[0];
}

/** `<file> <path> (received <value>): <message>` of every problem. */
function problems(blueprints: Record<string, unknown>): string[] {
  try {
    load(blueprints);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (problem) =>
        `${basename(problem.file)} ${problem.path} (received ${problem.received}): ${problem.message}`,
    );
  }
  throw new Error('expected the configuration to be rejected');
}

describe('blueprints.inferenceRealtime and inferenceServerless', () => {
  it('defaults every field when the environment has no section', () => {
    const { inferenceRealtime, inferenceServerless } = load().blueprints;
    expect(inferenceRealtime).toEqual({
      instanceType: 'ml.m5.large',
      initialInstanceCount: 1,
      dataCaptureSamplingPercent: 20,
      rollout: {
        strategy: 'canary',
        stepPercent: 10,
        waitIntervalSeconds: 600,
        terminationWaitSeconds: 300,
        maximumExecutionTimeoutSeconds: 3600,
      },
      autoScaling: {
        minCapacity: 1,
        maxCapacity: 2,
        targetInvocationsPerInstance: 100,
        scaleInCooldownSeconds: 300,
        scaleOutCooldownSeconds: 60,
      },
      api: { rateLimit: 50, burstLimit: 100 },
    });
    expect(inferenceServerless).toEqual({
      memorySizeMb: 2048,
      maxConcurrency: 5,
      api: { rateLimit: 50, burstLimit: 100 },
    });
  });

  it('fails when the instance type is not a SageMaker one', () => {
    expect(problems({ inferenceRealtime: { instanceType: 'm5.large' } })).toEqual([
      'dev.json $.blueprints.inferenceRealtime.instanceType (received "m5.large"): expected a SageMaker instance type "ml.<family>.<size>", such as "ml.m5.large"',
    ]);
  });

  it('fails when the serverless memory is not a 1 GB step, listing the allowed values', () => {
    expect(problems({ inferenceServerless: { memorySizeMb: 3000 } })).toEqual([
      'dev.json $.blueprints.inferenceServerless.memorySizeMb (received 3000): expected one of 1024, 2048, 3072, 4096, 5120, 6144 (serverless endpoint memory in 1 GB steps)',
    ]);
  });

  it('fails when the serverless concurrency is 0 or above 200', () => {
    expect(problems({ inferenceServerless: { maxConcurrency: 0 } })).toEqual([
      'dev.json $.blueprints.inferenceServerless.maxConcurrency (received 0): expected concurrent invocations from 1 to 200 (the serverless limit)',
    ]);
    expect(problems({ inferenceServerless: { maxConcurrency: 201 } })).toHaveLength(1);
  });

  it('fails when provisioned concurrency exceeds the maximum', () => {
    expect(
      problems({ inferenceServerless: { maxConcurrency: 4, provisionedConcurrency: 5 } }),
    ).toEqual([
      'dev.json $.blueprints.inferenceServerless.provisionedConcurrency (received 5): must be at most maxConcurrency (4); lower provisionedConcurrency or raise maxConcurrency',
    ]);
  });

  it('fails when a serverless endpoint is given a rollout, which SageMaker rejects', () => {
    expect(problems({ inferenceServerless: { rollout: { strategy: 'canary' } } })).toEqual([
      expect.stringMatching(
        /^dev\.json \$\.blueprints\.inferenceServerless\.rollout \(received \{"strategy":"canary"\}\): serverless endpoints take no blue\/green .*remove rollout, or move the model to blueprints\.inferenceRealtime$/,
      ),
    ]);
  });

  it('fails when the auto scaling bounds are inverted or exclude the initial count, all at once', () => {
    expect(
      problems({
        inferenceRealtime: {
          initialInstanceCount: 5,
          autoScaling: { minCapacity: 3, maxCapacity: 2 },
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.autoScaling.minCapacity (received 3): must be at most maxCapacity (2); lower minCapacity or raise maxCapacity',
      'dev.json $.blueprints.inferenceRealtime.initialInstanceCount (received 5): must lie within autoScaling (3 to 2); change initialInstanceCount or the bounds',
    ]);
  });

  it('fails when the rollout strategy or its limits are not SageMaker values', () => {
    expect(
      problems({
        inferenceRealtime: { rollout: { strategy: 'rolling', waitIntervalSeconds: 4000 } },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.rollout.strategy (received "rolling"): expected one of canary, linear, all-at-once',
      'dev.json $.blueprints.inferenceRealtime.rollout.waitIntervalSeconds (received 4000): expected seconds from 0 to 3600 (the SageMaker limit)',
    ]);
  });

  it('fails when a canary or linear step is outside what SageMaker allows', () => {
    expect(problems({ inferenceRealtime: { rollout: { stepPercent: 60 } } })).toEqual([
      'dev.json $.blueprints.inferenceRealtime.rollout.stepPercent (received 60): a canary step is 1 to 50 percent of the fleet in SageMaker; set stepPercent within it',
    ]);
    expect(
      problems({ inferenceRealtime: { rollout: { strategy: 'linear', stepPercent: 5 } } }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.rollout.stepPercent (received 5): a linear step is 10 to 50 percent of the fleet in SageMaker; set stepPercent within it',
    ]);
  });

  it('fails when the scheduled scale-down is not a cron expression', () => {
    expect(
      problems({
        inferenceRealtime: {
          scheduledScaling: { scaleDown: '0 20 * * *', scaleUp: 'cron(0 7 ? * MON-FRI *)' },
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.inferenceRealtime.scheduledScaling.scaleDown (received "0 20 * * *"): expected a six-field Application Auto Scaling cron expression, such as "cron(0 20 ? * MON-FRI *)"',
    ]);
  });

  it('fails when the API burst is below its rate', () => {
    expect(problems({ inferenceServerless: { api: { rateLimit: 100, burstLimit: 10 } } })).toEqual([
      'dev.json $.blueprints.inferenceServerless.api.burstLimit (received 10): must be at least rateLimit (100); raise burstLimit or lower rateLimit',
    ]);
  });
});
