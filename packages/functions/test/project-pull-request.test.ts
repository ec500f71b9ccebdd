import { ORCHESTRATION_ERRORS } from '../src';
import { withProject } from '../src/project-pull-request/environment-file';
import { createProjectPullRequest } from '../src/project-pull-request/handler';
import {
  parsePullRequestSetting,
  pullRequestEnvironment,
  PULL_REQUEST_ENVIRONMENT_VARIABLE,
} from '../src/project-pull-request/pull-request-setting';
import { createSmusProjectReader } from '../src/smus-project-reader/handler';
import {
  DEV_FILE,
  GITHUB_TOKEN,
  OrchestrationWorld,
  projectCreated,
  READER_SETTING,
  REPOSITORY,
  TEST_ACCOUNT,
  TOKEN_SECRET,
} from './orchestration-world';

/**
 * The pull-request function with the real Secrets Manager client and the real `fetch` against
 * the local server's GitHub REST API, fed by the project reader (real DataZone client) the way
 * the state machine chains them: the project lands in the right file of the right environment,
 * and a second event for the same project opens no second pull request.
 */
const world = new OrchestrationWorld();
let logs: string[] = [];
const log = (level: string, event: string, fields = {}) =>
  logs.push(JSON.stringify({ level, event, ...fields }));
const setting = () =>
  parsePullRequestSetting(
    pullRequestEnvironment({
      repository: REPOSITORY,
      tokenSecretId: TOKEN_SECRET,
      apiUrl: world.aws.endpoint,
    })[PULL_REQUEST_ENVIRONMENT_VARIABLE],
  );
const pullRequest = (secrets = world.secretsClient()) =>
  createProjectPullRequest({ secrets, setting: setting(), log });
/** The state machine's two steps: read the project, then request its deployment. */
const orchestrate = async (event: unknown) =>
  pullRequest()(
    await createSmusProjectReader({ client: world.dataZoneClient(), setting: READER_SETTING, log })(
      event,
    ),
  );

beforeAll(() => world.start());
afterAll(() => world.stop());
beforeEach(() => {
  world.reset();
  logs = [];
});

describe('project-pull-request', () => {
  it('opens a pull request adding the project to its environment file, and only there', async () => {
    const outcome = await orchestrate(projectCreated('prj-churn'));
    expect(outcome).toEqual({
      outcome: 'opened',
      branch: 'smus/dev/churn-model',
      pullRequestNumber: 1,
      pullRequestUrl: `https://github.com/${REPOSITORY}/pull/1`,
    });
    const file = world.github.fileOn('smus/dev/churn-model', 'environments/dev.json') ?? '';
    expect(JSON.parse(file).projects).toEqual([
      { name: 'fraud-detection', profile: 'genai-full' },
      { name: 'support-assistant', profile: 'inference-only' },
      {
        name: 'churn-model',
        profile: 'genai-full',
        smusProjectId: 'prj-churn',
        smusProjectRoleArn: 'arn:aws:iam::111111111111:role/datazone_usr_role_prj-churn_tooling',
      },
    ]);
    // The rest of the file is untouched, byte for byte; the test file and main are unchanged.
    expect(file.startsWith(DEV_FILE.slice(0, DEV_FILE.indexOf('    { "name": "support')))).toBe(
      true,
    );
    expect(file.endsWith('  ],\n  "preventDestroy": false\n}\n')).toBe(true);
    expect(world.github.fileOn('smus/dev/churn-model', 'environments/test.json')).toBe(
      world.github.fileOn('main', 'environments/test.json'),
    );
    expect(world.github.fileOn('main', 'environments/dev.json')).toBe(DEV_FILE);
    expect(world.github.pulls).toEqual([
      expect.objectContaining({
        title: 'Add SMUS project churn-model to dev',
        head: 'smus/dev/churn-model',
        base: 'main',
        state: 'open',
        body: expect.stringContaining('- model-training'),
      }),
    ]);
    expect(logs.join('\n')).not.toContain(GITHUB_TOKEN);
  });

  it('opens no second pull request for a second event of the same project', async () => {
    await orchestrate(projectCreated('prj-churn'));
    world.aws.resetCalls();
    await expect(orchestrate(projectCreated('prj-churn'))).resolves.toMatchObject({
      outcome: 'exists',
      pullRequestNumber: 1,
    });
    expect(world.github.pulls).toHaveLength(1);
    expect(world.aws.trace().filter((call) => call.startsWith('github'))).toEqual([
      'github GetContent /contents/environments/dev.json',
      'github ListPullRequests /pulls',
    ]);
  });

  it('opens none either once the pull request is closed, or once main has the project', async () => {
    await orchestrate(projectCreated('prj-churn'));
    world.github.pulls[0].state = 'closed';
    await expect(orchestrate(projectCreated('prj-churn'))).resolves.toMatchObject({
      outcome: 'exists',
    });

    const merged = world.github.fileOn('smus/dev/churn-model', 'environments/dev.json') ?? '';
    world.github.clear();
    world.github.putBranch('main', { 'environments/dev.json': merged });
    await expect(orchestrate(projectCreated('prj-churn'))).resolves.toEqual({
      outcome: 'merged-already',
      branch: 'smus/dev/churn-model',
    });
    expect(world.github.pulls).toEqual([]);
  });

  it('finishes the work of an interrupted run: reuses its branch and commit', async () => {
    world.aws.failNext({
      service: 'github',
      action: 'CreatePullRequest',
      code: 'BadGateway',
      status: 502,
    });
    await expect(orchestrate(projectCreated('prj-churn'))).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.gitHubUnavailable,
      message: expect.stringContaining('GitHub POST /pulls answered 502'),
    });
    world.aws.resetCalls();
    await expect(orchestrate(projectCreated('prj-churn'))).resolves.toMatchObject({
      outcome: 'opened',
    });
    const trace = world.aws.trace();
    expect(trace).not.toContain('github CreateRef /git/refs');
    expect(trace).not.toContain('github PutContent /contents/environments/dev.json');
    const file = world.github.fileOn('smus/dev/churn-model', 'environments/dev.json') ?? '';
    expect(JSON.parse(file).projects).toHaveLength(3);
  });

  it('writes the project of the test account into environments/test.json', async () => {
    world.addProject('prj-eval', 'Eval Bench', 'pp-full', TEST_ACCOUNT);
    await orchestrate(projectCreated('prj-eval'));
    const file = world.github.fileOn('smus/test/eval-bench', 'environments/test.json') ?? '';
    expect(JSON.parse(file).projects).toEqual([
      expect.objectContaining({ name: 'eval-bench', smusProjectId: 'prj-eval' }),
    ]);
    expect(world.github.fileOn('smus/test/eval-bench', 'environments/dev.json')).toBe(DEV_FILE);
  });

  it('fails when the name is taken by another SMUS project, and opens nothing', async () => {
    world.github.putBranch('main', {
      'environments/dev.json': withProject(
        DEV_FILE,
        {
          name: 'churn-model',
          profile: 'genai-full',
          smusProjectId: 'prj-older',
          smusProjectRoleArn: 'arn:aws:iam::111111111111:role/older',
        },
        'environments/dev.json',
      ),
    });
    await expect(orchestrate(projectCreated('prj-churn'))).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.projectNotProvisionable,
      message: expect.stringContaining(
        'already has a project "churn-model" (SMUS project prj-older)',
      ),
    });
    expect(world.github.pulls).toEqual([]);
  });

  it('fails as refused, naming the secret, when the token cannot be read', async () => {
    const reader = createSmusProjectReader({
      client: world.dataZoneClient(),
      setting: READER_SETTING,
      log,
    });
    const request = await reader(projectCreated('prj-churn'));
    await expect(
      pullRequest(world.secretsClient('AKIATESTOTHERROLE000'))(request),
    ).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.gitHubRefused,
      message: expect.stringContaining(
        `the GitHub token secret ${TOKEN_SECRET} cannot be read (AccessDeniedException)`,
      ),
    });
    world.secrets.putSecret(TOKEN_SECRET, 'ghp_revoked', ['AKIATESTPULLREQUEST0']);
    await expect(pullRequest()(request)).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.gitHubRefused,
      message: expect.stringMatching(
        /answered 401: Bad credentials; check the token in the secret/,
      ),
    });
  });

  it('fails when its input is not a project request, naming each field', async () => {
    await expect(
      pullRequest()({ environment: 'dev', name: 'Churn Model', profile: 'genai-full' }),
    ).rejects.toMatchObject({
      name: ORCHESTRATION_ERRORS.invalidInput,
      message: expect.stringContaining(
        'name is "Churn Model"; blueprints is nothing; smusProjectId is nothing',
      ),
    });
    expect(world.aws.calls).toEqual([]);
  });

  it('checks its setting', () => {
    expect(() =>
      pullRequestEnvironment({ repository: 'genai-sandbox', tokenSecretId: '' }),
    ).toThrow(
      /repository is "genai-sandbox"; expected "<owner>\/<name>"\n {2}tokenSecretId is empty/,
    );
    expect(setting()).toMatchObject({ baseBranch: 'main', environmentsDirectory: 'environments' });
  });
});

describe('withProject', () => {
  const entry = {
    name: 'churn-model',
    profile: 'genai-full',
    smusProjectId: 'prj-churn',
    smusProjectRoleArn: 'arn:aws:iam::111111111111:role/r',
  };

  it('adds the first project to an empty list', () => {
    expect(withProject('{\n  "projects": []\n}\n', entry, 'x.json')).toBe(
      '{\n  "projects": [\n    {\n      "name": "churn-model",\n      "profile": "genai-full",\n      "smusProjectId": "prj-churn",\n      "smusProjectRoleArn": "arn:aws:iam::111111111111:role/r"\n    }\n  ]\n}\n',
    );
  });

  it('writes the whole file when it has no projects list', () => {
    expect(JSON.parse(withProject('{"accountId":"1"}', entry, 'x.json'))).toEqual({
      accountId: '1',
      projects: [entry],
    });
  });
});
