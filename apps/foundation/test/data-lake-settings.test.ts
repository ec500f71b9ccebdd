import { ConfigError } from '@genai-sandbox/config';
import { onlyResourceOfType, synthesize, testConfiguration } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { FoundationStack } from '../src';

const DEPLOY_ROLE = 'arn:aws:iam::111111111111:role/genai-dev-github-deploy';
const IAM_ONLY = [{ principal: 'IAM_ALLOWED_PRINCIPALS', permissions: ['ALL'] }];

function dataLakeSettings(administrators?: unknown[]) {
  const config = testConfiguration((fixture) => {
    if (administrators)
      (fixture.environments.dev as Record<string, unknown>).lakeFormation = { administrators };
  });
  const environment = config.environments.find((candidate) => candidate.name === 'dev');
  if (!environment) throw new Error('no dev');
  const json = synthesize(new FoundationStack(Testing.app(), { config, environment }));
  return { settings: onlyResourceOfType(json, 'aws_lakeformation_data_lake_settings'), json };
}

function problems(administrators: unknown[]): string[] {
  try {
    dataLakeSettings(administrators);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((problem) => `${problem.path}: ${problem.message}`);
  }
  throw new Error('expected the configuration to be rejected');
}

describe('Lake Formation data lake settings', () => {
  it('make the deploy role a data lake administrator, and keep IAM-only defaults for new tables', () => {
    const { settings, json } = dataLakeSettings();
    expect(settings).toMatchObject({
      admins: [DEPLOY_ROLE],
      create_database_default_permissions: IAM_ONLY,
      create_table_default_permissions: IAM_ONLY,
    });
    expect(json.output?.data_lake_admin_arns.value).toEqual([DEPLOY_ROLE]);
  });

  it('own the whole administrator list: the deploy role and exactly the configured others', () => {
    const steward = 'arn:aws:iam::111111111111:role/data-steward';
    const { settings } = dataLakeSettings([steward, DEPLOY_ROLE]);
    expect(settings.admins).toEqual([DEPLOY_ROLE, steward]);
  });

  it('fails when an administrator is of another account, listed twice or no role or user ARN', () => {
    expect(
      problems([
        'arn:aws:iam::999999999999:role/admin',
        'arn:aws:iam::111111111111:role/a',
        'arn:aws:iam::111111111111:role/a',
        'arn:aws:iam::111111111111:group/admins',
      ]),
    ).toEqual([
      expect.stringMatching(
        /^\$\.lakeFormation\.administrators\[3\]: expected the ARN of an IAM role or user/,
      ),
      expect.stringMatching(
        /^\$\.lakeFormation\.administrators\[2\]: "arn:aws:iam::111111111111:role\/a" is listed twice/,
      ),
      expect.stringMatching(
        /^\$\.lakeFormation\.administrators\[0\]: a data lake administrator must be a role or user of this environment's account 111111111111, not 999999999999/,
      ),
    ]);
  });
});
