import {
  loadPlatformConfiguration,
  mlBucketName,
  platformRoleArn,
  promotionBusArn,
  promotionHops,
} from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

describe('promotion names', () => {
  const config = loadPlatformConfiguration(writeConfigurationFixture());
  const [dev, test] = config.environments;

  it('derives bus, role and bucket names from configuration', () => {
    expect(promotionBusArn(config, test)).toBe(
      'arn:aws:events:eu-west-1:222222222222:event-bus/genai-test-promotion',
    );
    expect(platformRoleArn(config, test, 'promotion')).toBe(
      'arn:aws:iam::222222222222:role/genai-test-promotion',
    );
    expect(mlBucketName(config, dev, 'fraud-detection')).toBe(
      'genai-dev-fraud-detection-ml-111111111111',
    );
  });

  it('lists the hops of the chain in order, and none for a single environment', () => {
    expect(promotionHops(config).map(({ from, to }) => `${from.name}->${to.name}`)).toEqual([
      'dev->test',
      'test->prod',
    ]);
    const single = configurationFixture();
    single.platform.promotionChain = ['dev'];
    single.environments = { dev: single.environments.dev };
    expect(promotionHops(loadPlatformConfiguration(writeConfigurationFixture(single)))).toEqual([]);
  });
});
