import { DataZoneClient } from '@aws-sdk/client-datazone';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import {
  AwsTestServer,
  DataZoneService,
  GitHubService,
  SecretsManagerService,
} from '@genai-sandbox/aws-test-server';
import type { ProjectReaderSetting } from '../src/smus-project-reader/reader-setting';

/**
 * The world of the project orchestration's tests: one local server speaking DataZone (the
 * shared-services account's domain with a project of each kind), Secrets Manager (the GitHub
 * token) and GitHub's REST API (the platform repository with its environment files).
 */
export const DOMAIN = 'dzd_a1b2c3d4e5f6g7';
export const READER_KEY = 'AKIATESTSMUSREADER00';
export const PULL_REQUEST_KEY = 'AKIATESTPULLREQUEST0';
export const GITHUB_TOKEN = 'ghp_test_token_never_logged';
export const TOKEN_SECRET = 'genai-shared-orchestration-github-token';
export const REPOSITORY = 'example-org/genai-sandbox';
export const DEV_ACCOUNT = '111111111111';
export const TEST_ACCOUNT = '222222222222';

export const DEV_FILE = `{
  "$schema": "./schema/environment.schema.json",
  "accountId": "111111111111",
  "region": "eu-west-1",
  "availabilityZones": ["eu-west-1a", "eu-west-1b", "eu-west-1c"],
  "projects": [
    { "name": "fraud-detection", "profile": "genai-full" },
    { "name": "support-assistant", "profile": "inference-only" }
  ],
  "preventDestroy": false
}
`;
export const TEST_FILE = `{
  "accountId": "222222222222",
  "projects": []
}
`;

export const READER_SETTING: ProjectReaderSetting = {
  domainId: DOMAIN,
  profiles: {
    'genai-full': {
      profile: 'genai-full',
      blueprints: ['data-preprocessing', 'model-training', 'inference-realtime'],
    },
    'inference-only-test': {
      profile: 'inference-only',
      blueprints: ['inference-realtime', 'inference-serverless'],
      environment: 'test',
    },
    'inference-only': {
      profile: 'inference-only',
      blueprints: ['inference-realtime', 'inference-serverless'],
    },
  },
  environments: [
    { name: 'dev', accountId: DEV_ACCOUNT },
    { name: 'test', accountId: TEST_ACCOUNT },
  ],
};

export const projectCreated = (projectId: string, overrides: Record<string, unknown> = {}) => ({
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'Project Creation Succeeded',
  source: 'aws.datazone',
  account: '444444444444',
  time: '2026-12-02T07:00:00Z',
  region: 'eu-west-1',
  resources: [],
  detail: {
    version: '1',
    metadata: { id: projectId, domain: DOMAIN, user: 'smus-user', awsAccountId: '444444444444' },
    data: {},
  },
  ...overrides,
});

export class OrchestrationWorld {
  readonly datazone = new DataZoneService([READER_KEY], 1);
  readonly secrets = new SecretsManagerService();
  readonly github = new GitHubService(REPOSITORY, GITHUB_TOKEN);
  readonly aws = new AwsTestServer([this.datazone, this.secrets, this.github]);

  async start(): Promise<void> {
    await this.aws.start();
  }

  stop(): Promise<void> {
    return this.aws.stop();
  }

  /** The domain with two profiles and a project "Churn Model" (genai-full) whose role is in dev. */
  reset(): void {
    this.aws.resetCalls();
    this.datazone.clear();
    this.github.clear();
    this.secrets.putSecret(TOKEN_SECRET, GITHUB_TOKEN, [PULL_REQUEST_KEY]);
    this.github.putBranch('main', {
      'environments/dev.json': DEV_FILE,
      'environments/test.json': TEST_FILE,
    });
    this.datazone.addProjectProfile({ domainId: DOMAIN, id: 'pp-full', name: 'genai-full' });
    this.datazone.addProjectProfile({ domainId: DOMAIN, id: 'pp-other', name: 'sql-analytics' });
    this.datazone.addProjectProfile({
      domainId: DOMAIN,
      id: 'pp-test',
      name: 'inference-only-test',
    });
    this.addProject('prj-churn', 'Churn Model', 'pp-full', DEV_ACCOUNT);
  }

  /** A project with a Tooling environment (its project role) in `account`, after a Lakehouse one. */
  addProject(id: string, name: string, profileId: string | undefined, account?: string): void {
    this.datazone.addProject({ domainId: DOMAIN, id, name, projectProfileId: profileId });
    if (!account) return;
    this.datazone.addEnvironment({
      domainId: DOMAIN,
      projectId: id,
      id: `env-${id}-lakehouse`,
      name: 'Lakehouse Database',
      awsAccountId: account,
      awsAccountRegion: 'eu-west-1',
      provisionedResources: [{ name: 'glueDbName', value: `${id}_db`, type: 'GLUE_DATABASE' }],
    });
    this.datazone.addEnvironment({
      domainId: DOMAIN,
      projectId: id,
      id: `env-${id}-tooling`,
      name: 'Tooling',
      awsAccountId: account,
      awsAccountRegion: 'eu-west-1',
      provisionedResources: [
        {
          name: 'userRoleArn',
          value: `arn:aws:iam::${account}:role/datazone_usr_role_${id}_tooling`,
          type: 'IAM_ROLE',
        },
      ],
    });
  }

  dataZoneClient(accessKeyId = READER_KEY): DataZoneClient {
    return new DataZoneClient({
      endpoint: this.aws.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId, secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  }

  secretsClient(accessKeyId = PULL_REQUEST_KEY): SecretsManagerClient {
    return new SecretsManagerClient({
      endpoint: this.aws.endpoint,
      region: 'eu-west-1',
      credentials: { accessKeyId, secretAccessKey: 'secret' },
      maxAttempts: 1,
    });
  }
}
