import { join } from 'node:path';
import {
  ConfigError,
  type ConfigProblem,
  DEFAULT_ALARM_THRESHOLDS,
  loadPlatformConfiguration,
  sharedServicesEnvironment,
} from '../src';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

function load(change?: (fixture: ConfigurationFixture) => void) {
  const fixture = configurationFixture();
  change?.(fixture);
  const dir = writeConfigurationFixture(fixture);
  return { dir, config: loadPlatformConfiguration(dir) };
}

/** Sets `observability` of dev and returns the problems, with the file name only. */
function problemsOf(change: (fixture: ConfigurationFixture) => void): ConfigProblem[] {
  try {
    load(change);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({
      ...problem,
      file: problem.file.slice(problem.file.lastIndexOf('/') + 1),
    }));
  }
  throw new Error('expected the configuration to be rejected');
}

const devObservability = (value: Record<string, unknown>) => (fixture: ConfigurationFixture) => {
  (fixture.environments.dev as Record<string, unknown>).observability = value;
};

describe('observability settings', () => {
  it('defaults to the thresholds of the design: 5 % errors, 2 s p99 latency', () => {
    const dev = load().config.environments[0];
    expect(dev.observability.thresholds).toEqual(DEFAULT_ALARM_THRESHOLDS);
    expect(dev.observability.thresholds.errorRatePercent).toBe(5);
    expect(dev.observability.thresholds.latencyP99Seconds).toBe(2);
    expect(dev.observability).toMatchObject({
      idleEndpointHours: 24,
      subscriptions: [],
      crossAccount: true,
      budgets: { actualPercentages: [80, 100], forecastPercentages: [100] },
    });
  });

  it('takes per-environment overrides', () => {
    const dev = load(
      devObservability({ thresholds: { errorRatePercent: 10 }, idleEndpointHours: 72 }),
    ).config.environments[0];
    expect(dev.observability.thresholds.errorRatePercent).toBe(10);
    expect(dev.observability.thresholds.latencyP99Seconds).toBe(2);
    expect(dev.observability.idleEndpointHours).toBe(72);
  });

  it('fails when a threshold is negative, naming file, path, value and fix', () => {
    expect(problemsOf(devObservability({ thresholds: { latencyP99Seconds: -1 } }))).toEqual([
      {
        file: 'dev.json',
        path: '$.observability.thresholds.latencyP99Seconds',
        received: '-1',
        message: 'expected a number above 0 (seconds)',
      },
    ]);
  });

  it('fails when an email subscription is not an email address', () => {
    expect(
      problemsOf(
        devObservability({ subscriptions: [{ protocol: 'email', endpoint: 'ml-oncall' }] }),
      ),
    ).toEqual([
      {
        file: 'dev.json',
        path: '$.observability.subscriptions[0].endpoint',
        received: '"ml-oncall"',
        message: 'expected an email address such as "ml-oncall@example.com"',
      },
    ]);
  });

  it('fails when an https subscription is plain http', () => {
    expect(
      problemsOf(
        devObservability({
          subscriptions: [{ protocol: 'https', endpoint: 'http://hooks.example.com/alarms' }],
        }),
      ),
    ).toEqual([
      expect.objectContaining({
        path: '$.observability.subscriptions[0].endpoint',
        message: expect.stringMatching(/expected an https:\/\/ URL/),
      }),
    ]);
  });

  it('fails when a budget is 0', () => {
    expect(problemsOf(devObservability({ budgets: { projectMonthlyUsd: 0 } }))).toEqual([
      {
        file: 'dev.json',
        path: '$.observability.budgets.projectMonthlyUsd',
        received: '0',
        message: 'expected a number above 0 (US dollars per month)',
      },
    ]);
  });

  it('fails when a budget override names a project the environment does not have', () => {
    expect(
      problemsOf(devObservability({ budgets: { projectOverrides: { 'fraud-detectoin': 50 } } })),
    ).toEqual([
      {
        file: 'dev.json',
        path: '$.observability.budgets.projectOverrides["fraud-detectoin"]',
        received: '"fraud-detectoin"',
        message:
          'no project "fraud-detectoin" in this environment; use one of fraud-detection or remove the override',
      },
    ]);
  });

  it('fails when the dashboard names an unknown blueprint', () => {
    expect(
      problemsOf(
        devObservability({ dashboard: { blueprints: ['inference-realtime', 'realtime'] } }),
      ),
    ).toEqual([
      {
        file: 'dev.json',
        path: '$.observability.dashboard.blueprints[1]',
        received: '"realtime"',
        message: expect.stringMatching(/^expected a blueprint name: one of data-preprocessing, /),
      },
    ]);
  });

  it('fails when the idle window is longer than CloudWatch can evaluate', () => {
    expect(problemsOf(devObservability({ idleEndpointHours: 200 }))).toEqual([
      expect.objectContaining({
        path: '$.observability.idleEndpointHours',
        received: '200',
        message: 'expected 1 to 168 hours (CloudWatch evaluates at most 7 days)',
      }),
    ]);
  });
});

describe('sharedServices', () => {
  const SINK = 'arn:aws:oam:eu-west-1:444444444444:sink/0f1e2d3c-4b5a-6978-8a9b-0c1d2e3f4a5b';
  const withShared =
    (oamSinkArn?: string, region = 'eu-west-1') =>
    (fixture: ConfigurationFixture) => {
      (fixture.platform as Record<string, unknown>).sharedServices = {
        region,
        stateBackend: { bucket: 'genai-tfstate-444444444444' },
        tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
        ...(oamSinkArn ? { oamSinkArn } : {}),
      };
    };

  it('gives the shared-services account an environment of its own, without projects or links', () => {
    const { config, dir } = load(withShared(SINK));
    expect(sharedServicesEnvironment(config)).toMatchObject({
      name: 'shared',
      accountId: '444444444444',
      region: 'eu-west-1',
      stateBackend: { bucket: 'genai-tfstate-444444444444' },
      preventDestroy: true,
      projects: [],
      observability: { crossAccount: false },
      file: join(dir, 'platform.json'),
    });
  });

  it('has no environment when platform.json has no sharedServices section', () => {
    expect(sharedServicesEnvironment(load().config)).toBeUndefined();
  });

  it('fails when the sink ARN is of another account than sharedServicesAccountId', () => {
    const other = SINK.replace('444444444444', '555555555555');
    expect(problemsOf(withShared(other))).toEqual([
      {
        file: 'platform.json',
        path: '$.sharedServices.oamSinkArn',
        received: JSON.stringify(other),
        message: expect.stringMatching(
          /^the sink is in account 555555555555, region eu-west-1; expected account 444444444444/,
        ),
      },
    ]);
  });

  it('fails when the sink ARN is not an ARN', () => {
    expect(problemsOf(withShared('sink-123'))).toEqual([
      expect.objectContaining({
        path: '$.sharedServices.oamSinkArn',
        received: '"sink-123"',
        message: expect.stringMatching(/^expected the ARN of an observability sink/),
      }),
    ]);
  });

  it('fails when an environment that links is in another region than the sink', () => {
    const problems = problemsOf((fixture) => {
      withShared(SINK.replace('eu-west-1', 'us-east-1'), 'us-east-1')(fixture);
    });
    expect(problems.map((problem) => `${problem.file} ${problem.path}`)).toEqual([
      'dev.json $.observability.crossAccount',
      'test.json $.observability.crossAccount',
      'prod.json $.observability.crossAccount',
    ]);
    expect(problems[0].message).toMatch(/set crossAccount to false, or move the sink/);
  });

  it('fails when an environment file takes the name of the shared-services account', () => {
    const problems = problemsOf((fixture) => {
      fixture.environments.shared = { ...fixture.environments.dev, accountId: '555555555555' };
      fixture.environments.shared.network = { vpcCidr: '10.40.0.0/16' };
    });
    expect(problems).toEqual([
      expect.objectContaining({ file: 'shared.json', path: '$', received: '"shared.json"' }),
    ]);
  });
});
