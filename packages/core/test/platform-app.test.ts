import { assertProjectContext, planStacks, type PlatformApp, PlatformStack } from '../src';
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

describe('planStacks for the shared-services account', () => {
  const shared: PlatformApp = {
    name: 'shared-services',
    scope: 'shared-services',
    createStack: (parent, context) =>
      new PlatformStack(parent, {
        ...context,
        app: 'shared-services',
        stackName: 'shared-services',
      }),
  };
  const withShared = testConfiguration((fixture) => {
    fixture.platform.sharedServices = {
      region: 'eu-west-1',
      stateBackend: { bucket: 'genai-tfstate-444444444444' },
      tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
    };
  });

  it('plans one stack named after the app, in the shared-services account', () => {
    const planned = planStacks([app('foundation', 'account'), shared], withShared);
    expect(planned.map((stack) => stack.name)).toEqual([
      'foundation-dev',
      'foundation-test',
      'foundation-prod',
      'shared-services',
    ]);
    expect(planned[3].context.environment).toMatchObject({
      name: 'shared',
      accountId: '444444444444',
    });
  });

  it("plans nothing without a sharedServices section, or under an environment's --env or a --project filter", () => {
    expect(planStacks([shared], testConfiguration())).toEqual([]);
    expect(planStacks([shared], withShared, { environments: ['dev'] })).toEqual([]);
    expect(planStacks([shared], withShared, { projects: ['fraud-detection'] })).toEqual([]);
    expect(planStacks([shared], withShared, { apps: ['shared-services'] })).toHaveLength(1);
    expect(planStacks([shared], withShared, { environments: ['shared'] })).toHaveLength(1);
  });

  it('plans an every-account app in each environment and, as <app>-shared-services, in the shared-services account', () => {
    const bootstrap = app('bootstrap', 'every-account');
    const names = (filter = {}) =>
      planStacks([bootstrap, shared], withShared, filter).map((stack) => stack.name);
    expect(names()).toEqual([
      'bootstrap-dev',
      'bootstrap-test',
      'bootstrap-prod',
      'bootstrap-shared-services',
      'shared-services',
    ]);
    expect(names({ environments: ['shared'] })).toEqual([
      'bootstrap-shared-services',
      'shared-services',
    ]);
    expect(names({ environments: ['dev'] })).toEqual(['bootstrap-dev']);
    expect(planStacks([bootstrap], testConfiguration()).map((stack) => stack.name)).toEqual([
      'bootstrap-dev',
      'bootstrap-test',
      'bootstrap-prod',
    ]);
    const [sharedBootstrap] = planStacks([bootstrap], withShared, { environments: ['shared'] });
    expect(sharedBootstrap.context.environment).toMatchObject({
      name: 'shared',
      accountId: '444444444444',
    });
  });
});

describe('assertProjectContext', () => {
  const config = testConfiguration();
  const environment = config.environments[0];

  it('lets a context with a project through', () => {
    const project = environment.projects[0];
    expect(() => assertProjectContext({ config, environment, project }, 'demo')).not.toThrow();
  });

  it('fails when a project blueprint is built without a project', () => {
    expect(() => assertProjectContext({ config, environment }, 'demo')).toThrow(
      'demo is a project blueprint; its stacks need a project (PlatformApp scope "project")',
    );
  });
});
