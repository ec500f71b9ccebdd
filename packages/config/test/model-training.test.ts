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
