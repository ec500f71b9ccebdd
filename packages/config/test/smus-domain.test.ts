import {
  ConfigError,
  type ConfigProblem,
  loadPlatformConfiguration,
  missingBlueprintIds,
  parseSmusProjectProfileName,
  profileEnvironments,
  smusProjectProfileName,
} from '../src';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

const DOMAIN = {
  name: 'genai-sandbox',
  singleSignOn: { type: 'IAM_IDC' },
  projectEnvironments: ['dev'],
};

function fixtureWithDomain(domain: Record<string, unknown> = DOMAIN): ConfigurationFixture {
  const fixture = configurationFixture();
  (fixture.platform as Record<string, unknown>).sharedServices = {
    region: 'eu-west-1',
    stateBackend: { bucket: 'genai-tfstate-444444444444' },
    tags: { owner: 'ml-platform-team', costCenter: 'cc-4711' },
    domain,
  };
  return fixture;
}

function load(fixture: ConfigurationFixture) {
  return loadPlatformConfiguration(writeConfigurationFixture(fixture));
}

/** The problems of a configuration that must be rejected, with the file name only. */
function problemsOf(fixture: ConfigurationFixture): ConfigProblem[] {
  try {
    load(fixture);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => ({
      ...problem,
      file: problem.file.slice(problem.file.lastIndexOf('/') + 1),
    }));
  }
  throw new Error('expected the configuration to be rejected');
}

describe('SageMaker Unified Studio domain settings', () => {
  it('defaults single sign-on to manual user assignment', () => {
    const domain = load(fixtureWithDomain()).platform.sharedServices?.domain;
    expect(domain?.singleSignOn).toEqual({ type: 'IAM_IDC', userAssignment: 'MANUAL' });
  });

  it('fails when the domain region is not a platform region, naming file, path, value and fix', () => {
    const fixture = fixtureWithDomain();
    (fixture.platform.sharedServices as { region: string }).region = 'us-east-1';
    expect(problemsOf(fixture)).toContainEqual({
      file: 'platform.json',
      path: '$.sharedServices.region',
      received: '"us-east-1"',
      message: expect.stringContaining(
        'not a platform region (the environments run in eu-west-1); SMUS enables blueprints in the domain',
      ),
    });
  });

  it('fails when a project environment is not the platform’s', () => {
    const problems = problemsOf(
      fixtureWithDomain({
        ...DOMAIN,
        projectEnvironments: ['dev', 'qa'],
      }),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        {
          file: 'platform.json',
          path: '$.sharedServices.domain.projectEnvironments[1]',
          received: '"qa"',
          message: 'no environment file qa.json; name one of: dev, test, prod',
        },
      ]),
    );
  });

  it('fails when a profile lists Tooling, which is always first, or an unknown blueprint', () => {
    const fixture = fixtureWithDomain();
    fixture.platform.profiles['genai-full'].managedBlueprints = [
      { blueprint: 'Tooling', deployment: 'on-create' },
    ];
    const [problem] = problemsOf(fixture);
    expect(problem).toMatchObject({
      file: 'platform.json',
      path: '$.profiles["genai-full"].managedBlueprints[0].blueprint',
      received: '"Tooling"',
    });
    expect(problem.message).toContain('(Tooling is always included, first)');
  });
});

describe('profileEnvironments', () => {
  const profile = (
    managedBlueprints: ConfigurationFixture['platform']['profiles'][string]['managedBlueprints'],
  ) => ({
    description: 'x',
    blueprints: ['model-training' as const],
    managedBlueprints,
  });

  it('puts Tooling first, on create, and keeps one fixed order whatever the file says', () => {
    const reordered = profileEnvironments(
      profile([
        { blueprint: 'MLExperiments', deployment: 'on-demand' },
        { blueprint: 'DataLake', deployment: 'on-create' },
      ]),
    );
    expect(reordered).toEqual([
      { blueprint: 'Tooling', deployment: 'on-create' },
      { blueprint: 'DataLake', deployment: 'on-create' },
      { blueprint: 'MLExperiments', deployment: 'on-demand' },
    ]);
    expect(profileEnvironments(profile(undefined))).toEqual([
      { blueprint: 'Tooling', deployment: 'on-create' },
    ]);
  });

  it('expands the console group AmazonBedrockGenerativeAI into its seven blueprints', () => {
    const names = profileEnvironments(
      profile([{ blueprint: 'AmazonBedrockGenerativeAI', deployment: 'on-demand' }]),
    ).map((entry) => entry.blueprint);
    expect(names).toEqual([
      'Tooling',
      'AmazonBedrockChatAgent',
      'AmazonBedrockKnowledgeBase',
      'AmazonBedrockGuardrail',
      'AmazonBedrockFunction',
      'AmazonBedrockFlow',
      'AmazonBedrockPrompt',
      'AmazonBedrockEvaluation',
    ]);
  });
});

describe('SMUS project profile names', () => {
  it('round-trips <profile>-<environment> for the domain’s environments only', () => {
    const config = load(fixtureWithDomain());
    const name = smusProjectProfileName('genai-full', 'dev');
    expect(name).toBe('genai-full-dev');
    expect(parseSmusProjectProfileName(config, name)).toEqual({
      profile: 'genai-full',
      environment: 'dev',
    });
    expect(parseSmusProjectProfileName(config, 'genai-full-prod')).toBeUndefined();
    expect(parseSmusProjectProfileName(config, 'unknown-dev')).toBeUndefined();
  });

  it('lists the blueprints that still need an ID before profiles can be created', () => {
    const config = load(fixtureWithDomain({ ...DOMAIN, blueprintIds: { Tooling: 'abc123' } }));
    const domain = config.platform.sharedServices?.domain;
    if (!domain) throw new Error('the fixture has a domain');
    expect(missingBlueprintIds(domain, config.platform.profiles)).toEqual([]);
    config.platform.profiles['genai-full'].managedBlueprints = [
      { blueprint: 'DataLake', deployment: 'on-create' },
    ];
    expect(missingBlueprintIds(domain, config.platform.profiles)).toEqual(['DataLake']);
  });
});

describe('smusProjectRoleArn', () => {
  it('fails when the project role belongs to another account than the environment’s', () => {
    const fixture = configurationFixture();
    ((fixture.environments.dev.projects ?? [])[0] as Record<string, unknown>).smusProjectRoleArn =
      'arn:aws:iam::222222222222:role/datazone_usr_role_abc';
    expect(problemsOf(fixture)).toEqual([
      {
        file: 'dev.json',
        path: '$.projects[0].smusProjectRoleArn',
        received: '"arn:aws:iam::222222222222:role/datazone_usr_role_abc"',
        message: expect.stringContaining(
          "the project role must be a role of this environment's account 111111111111, not 222222222222",
        ),
      },
    ]);
  });

  it('fails when the value is not a role ARN', () => {
    const fixture = configurationFixture();
    ((fixture.environments.dev.projects ?? [])[0] as Record<string, unknown>).smusProjectRoleArn =
      'arn:aws:iam::111111111111:user/alice';
    expect(problemsOf(fixture)[0]).toMatchObject({
      path: '$.projects[0].smusProjectRoleArn',
      message: expect.stringContaining('expected the ARN of an IAM role'),
    });
  });
});
