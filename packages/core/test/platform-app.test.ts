import { planStacks, type PlatformApp, PlatformStack } from '../src';
import { testConfiguration } from '../src/testing';

const app = (name: string, scope: PlatformApp['scope']): PlatformApp => ({
  name,
  scope,
  createStack: (parent, context) => new PlatformStack(parent, { ...context, app: name }),
});

describe('planStacks', () => {
  const config = testConfiguration((fixture) => {
    fixture.platform.profiles['serve-only'] = {
      description: 'Serving',
      blueprints: ['inference-realtime'],
    };
    fixture.environments.dev.projects = [
      { name: 'fraud-detection', profile: 'genai-full' },
      { name: 'chatbot', profile: 'serve-only' },
    ];
  });
  const apps = [
    app('foundation', 'account'),
    app('model-training', 'project'),
    app('inference-realtime', 'project'),
  ];

  it('plans one account stack per environment and one project stack per project whose profile has the app', () => {
    expect(planStacks(apps, config).map((stack) => stack.name)).toEqual([
      'foundation-dev',
      'foundation-test',
      'foundation-prod',
      'model-training-fraud-detection-dev',
      'model-training-fraud-detection-test',
      'model-training-fraud-detection-prod',
      'inference-realtime-fraud-detection-dev',
      'inference-realtime-chatbot-dev',
      'inference-realtime-fraud-detection-test',
      'inference-realtime-fraud-detection-prod',
    ]);
  });

  it('gives a project no stack for a blueprint its profile lacks', () => {
    const names = planStacks(apps, config, { projects: ['chatbot'] }).map((stack) => stack.name);
    expect(names).toEqual(['inference-realtime-chatbot-dev']);
  });

  it('combines filters with AND', () => {
    expect(
      planStacks(apps, config, {
        apps: ['foundation', 'model-training'],
        environments: ['prod'],
      }).map((stack) => stack.name),
    ).toEqual(['foundation-prod', 'model-training-fraud-detection-prod']);
  });
});
