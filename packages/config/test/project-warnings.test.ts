import { formatWarnings, loadPlatformConfiguration, projectsWithNothingToDeploy } from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

/** The fixture plus a project whose profile names only inference blueprints. */
function config() {
  const fixture = configurationFixture();
  fixture.platform.profiles['inference-only'] = {
    description: 'Serve approved models',
    blueprints: ['inference-realtime', 'inference-serverless'],
  };
  for (const environment of Object.values(fixture.environments)) {
    environment.projects = [
      ...(environment.projects ?? []),
      { name: 'support-assistant', profile: 'inference-only' },
    ];
  }
  return loadPlatformConfiguration(writeConfigurationFixture(fixture));
}

const APPS = ['bootstrap', 'data-preprocessing', 'foundation', 'model-training'];

describe('projectsWithNothingToDeploy', () => {
  it('warns about a project none of whose profile blueprints has an app, naming file, path, value and fix', () => {
    const warnings = projectsWithNothingToDeploy(config(), APPS);
    expect(warnings.map((warning) => warning.file.split('/').pop())).toEqual([
      'dev.json',
      'test.json',
      'prod.json',
    ]);
    expect(warnings[0]).toMatchObject({
      path: '$.projects[1].profile',
      received: '"inference-only"',
      message: expect.stringMatching(
        /^project "support-assistant" has nothing to deploy in dev: the profile's blueprints \(inference-realtime, inference-serverless\) have no app in this repository \(project apps: data-preprocessing, model-training\).*add a blueprint that has an app to the profile, or remove the project\.$/,
      ),
    });
    expect(formatWarnings(warnings)).toMatch(
      /^Configuration 3 warnings \(synthesis goes on\):\n {2}- /,
    );
  });

  it('goes away as soon as an app of the profile exists', () => {
    expect(projectsWithNothingToDeploy(config(), [...APPS, 'inference-serverless'])).toEqual([]);
  });

  it('does not warn about a project with an app, nor about environments and projects filtered out', () => {
    const all = config();
    expect(
      projectsWithNothingToDeploy(all, APPS).map((warning) => warning.message),
    ).not.toContainEqual(expect.stringContaining('fraud-detection'));
    expect(projectsWithNothingToDeploy(all, APPS, { environments: ['test'] })).toHaveLength(1);
    expect(projectsWithNothingToDeploy(all, APPS, { projects: ['fraud-detection'] })).toEqual([]);
  });
});
