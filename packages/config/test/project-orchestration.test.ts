import { ConfigError, type ConfigProblem, loadPlatformConfiguration } from '../src';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

/** The fields the project orchestration reads and writes: the domain ID and a project's SMUS identity. */
function problemsOf(change: (fixture: ConfigurationFixture) => void): ConfigProblem[] {
  const fixture = configurationFixture();
  change(fixture);
  try {
    loadPlatformConfiguration(writeConfigurationFixture(fixture));
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({
      ...problem,
      file: problem.file.slice(problem.file.lastIndexOf('/') + 1),
    }));
  }
  return [];
}

const withDomain = (domainId: string) => (fixture: ConfigurationFixture) => {
  (fixture.platform as Record<string, unknown>).sharedServices = {
    region: 'eu-west-1',
    stateBackend: { bucket: 'genai-tfstate-444444444444' },
    tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
    domain: {
      name: 'genai-sandbox',
      singleSignOn: { type: 'IAM_IDC' },
      projectEnvironments: ['dev'],
      domainId,
    },
  };
};

const withProject = (project: Record<string, unknown>) => (fixture: ConfigurationFixture) => {
  const dev = fixture.environments.dev as { projects: Record<string, unknown>[] };
  dev.projects = [...dev.projects, project];
};

describe('project orchestration configuration', () => {
  it('accepts a domain ID and a project written by the orchestration', () => {
    expect(
      problemsOf((fixture) => {
        withDomain('dzd_a1b2c3d4e5f6g7')(fixture);
        withProject({
          name: 'churn-model',
          profile: 'genai-full',
          smusProjectId: 'prj-churn_01',
          smusProjectRoleArn: 'arn:aws:iam::111111111111:role/datazone_usr_role_prj-churn_01',
        })(fixture);
      }),
    ).toEqual([]);
  });

  it('fails when the domain ID is no DataZone domain ID', () => {
    expect(problemsOf(withDomain('domain-1'))).toEqual([
      expect.objectContaining({
        file: 'platform.json',
        path: '$.sharedServices.domain.domainId',
        received: '"domain-1"',
        message: expect.stringContaining('expected a domain ID such as "dzd_a1b2c3d4e5f6g7"'),
      }),
    ]);
  });

  it('fails when a project has an SMUS project ID DataZone cannot have', () => {
    expect(
      problemsOf(withProject({ name: 'churn-model', profile: 'genai-full', smusProjectId: 'p/1' })),
    ).toEqual([
      expect.objectContaining({
        file: 'dev.json',
        path: expect.stringMatching(/^\$\.projects\[\d\]\.smusProjectId$/),
        received: '"p/1"',
        message: expect.stringContaining('expected a SageMaker Unified Studio project ID'),
      }),
    ]);
  });
});
