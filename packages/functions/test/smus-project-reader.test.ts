import { createSmusProjectReader } from '../src/smus-project-reader/handler';
import {
  parseProjectReaderSetting,
  projectReaderEnvironment,
  PROJECT_READER_ENVIRONMENT_VARIABLE,
} from '../src/smus-project-reader/reader-setting';
import { ORCHESTRATION_ERRORS } from '../src';
import {
  DEV_ACCOUNT,
  DOMAIN,
  OrchestrationWorld,
  projectCreated,
  READER_SETTING,
  TEST_ACCOUNT,
} from './orchestration-world';

/**
 * The project reader with the real DataZone client (SigV4, REST-JSON, error parsing) against the
 * local server: from DataZone's project-creation event to the platform's project entry.
 */
const world = new OrchestrationWorld();
let logs: string[] = [];
const reader = (client = world.dataZoneClient()) =>
  createSmusProjectReader({
    client,
    setting: READER_SETTING,
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });

beforeAll(() => world.start());
afterAll(() => world.stop());
beforeEach(() => {
  world.reset();
  logs = [];
});

describe('smus-project-reader', () => {
  it('maps a new project to its environment, platform name, profile and project role', async () => {
    await expect(reader()(projectCreated('prj-churn'))).resolves.toEqual({
      environment: 'dev',
      name: 'churn-model',
      profile: 'genai-full',
      blueprints: ['data-preprocessing', 'model-training', 'inference-realtime'],
      smusProjectId: 'prj-churn',
      smusProjectName: 'Churn Model',
      smusProjectRoleArn: `arn:aws:iam::${DEV_ACCOUNT}:role/datazone_usr_role_prj-churn_tooling`,
    });
    // One environment per page: the role is found on the second page, after the Lakehouse one.
    expect(world.aws.trace()).toEqual([
      'datazone GetProject prj-churn',
      'datazone GetProjectProfile pp-full',
      `datazone ListEnvironments ${DOMAIN}`,
      'datazone GetEnvironment env-prj-churn-lakehouse',
      `datazone ListEnvironments ${DOMAIN}`,
      'datazone GetEnvironment env-prj-churn-tooling',
    ]);
    expect(logs.join('\n')).not.toContain('datazone_usr_role');
  });

  it('picks the environment by the account of the project role', async () => {
    world.addProject('prj-eval', 'eval_bench', 'pp-full', TEST_ACCOUNT);
    await expect(reader()(projectCreated('prj-eval'))).resolves.toMatchObject({
      environment: 'test',
      name: 'eval-bench',
    });
  });

  it('takes the environment of a per-environment profile, and refuses a role of another account', async () => {
    world.addProject('prj-serve', 'Serve', 'pp-test', TEST_ACCOUNT);
    await expect(reader()(projectCreated('prj-serve'))).resolves.toMatchObject({
      environment: 'test',
      profile: 'inference-only',
    });
    world.addProject('prj-odd', 'Odd', 'pp-test', DEV_ACCOUNT);
    await expect(reader()(projectCreated('prj-odd'))).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.projectNotProvisionable,
      message: expect.stringContaining(
        'account 111111111111, but its project profile "inference-only-test" is the one of test (222222222222)',
      ),
    });
  });

  it('fails as not ready, for the state machine to retry, while the project has no role yet', async () => {
    world.addProject('prj-new', 'New One', 'pp-full');
    await expect(reader()(projectCreated('prj-new'))).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.projectNotReady,
      message: expect.stringContaining('no environment of project prj-new lists a userRoleArn'),
    });
  });

  it.each([
    [
      'a profile the platform does not have',
      () => world.addProject('prj-x', 'Sql Team', 'pp-other', DEV_ACCOUNT),
      /project profile "sql-analytics", which is not one of the platform's \(genai-full, inference-only-test, inference-only\); add the profile to environments\/platform.json/,
    ],
    [
      'no profile at all',
      () => world.addProject('prj-x', 'Legacy', undefined, DEV_ACCOUNT),
      /has no project profile/,
    ],
    [
      'a name that is no platform name',
      () => world.addProject('prj-x', 'A very long project name for sure', 'pp-full', DEV_ACCOUNT),
      /gives the platform name "a-very-long-project-name-for-sure", which is not 2-20 lower-case letters/,
    ],
    [
      'a role in an account of no environment',
      () => world.addProject('prj-x', 'Elsewhere', 'pp-full', '999999999999'),
      /account 999999999999, which is no platform environment's \(dev: 111111111111, test: 222222222222\)/,
    ],
  ])('fails as not provisionable for %s', async (_case, arrange, message) => {
    arrange();
    await expect(reader()(projectCreated('prj-x'))).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.projectNotProvisionable,
      message: expect.stringMatching(message),
    });
  });

  it.each([
    ['source', { source: 'aws.sagemaker' }, 'source is "aws.sagemaker", expected "aws.datazone"'],
    [
      'detail-type',
      { 'detail-type': 'Project Deletion Succeeded' },
      'detail-type is "Project Deletion Succeeded", expected "Project Creation Succeeded"',
    ],
    [
      'detail.metadata.domain',
      { detail: { metadata: { id: 'prj-churn', domain: 'dzd_other' } } },
      `detail.metadata.domain is "dzd_other", expected the platform's domain "${DOMAIN}"`,
    ],
    [
      'detail.metadata.id',
      { detail: { metadata: { id: 42, domain: DOMAIN } } },
      'detail.metadata.id is 42, expected a DataZone project ID',
    ],
  ])(
    'fails when the event has a wrong %s, naming the field, and calls nothing',
    async (_field, overrides, message) => {
      await expect(reader()(projectCreated('prj-churn', overrides))).rejects.toMatchObject({
        name: ORCHESTRATION_ERRORS.invalidInput,
        message: expect.stringContaining(message),
      });
      expect(world.aws.calls).toEqual([]);
    },
  );

  it('fails when the event is no object at all', async () => {
    await expect(reader()('hello')).rejects.toThrow(/source is nothing, expected "aws.datazone"/);
  });

  it('passes DataZone refusals on with their name', async () => {
    await expect(
      reader(world.dataZoneClient('AKIATESTOTHERROLE000'))(projectCreated('prj-churn')),
    ).rejects.toMatchObject({
      name: 'AccessDeniedException',
    });
    world.aws.resetCalls();
    await expect(reader()(projectCreated('prj-gone'))).rejects.toMatchObject({
      name: 'ResourceNotFoundException',
    });
  });

  it('encodes and decodes its setting with the same checks', () => {
    const environment = projectReaderEnvironment(READER_SETTING);
    expect(parseProjectReaderSetting(environment[PROJECT_READER_ENVIRONMENT_VARIABLE])).toEqual(
      READER_SETTING,
    );
    expect(() => projectReaderEnvironment({ ...READER_SETTING, domainId: 'domain-1' })).toThrow(
      /domainId is "domain-1"; expected "dzd_<id>"/,
    );
    expect(() => parseProjectReaderSetting('{')).toThrow(/SMUS_PROJECT_READER is not JSON/);
  });
});
