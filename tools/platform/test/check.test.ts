import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, withoutConfigurationWarnings, workspace } from './helpers';

const POLICY_APPS = join(__dirname, 'fixtures', 'policy-apps');

/** Synthesizes the guarded fixture (broken as asked) into a fresh workspace, then runs check. */
async function synthAndCheck(breakage?: string, checkArgs: string[] = []) {
  const cwd = workspace();
  const saved = process.env.POLICY_FIXTURE_BREAK;
  if (breakage) process.env.POLICY_FIXTURE_BREAK = breakage;
  else delete process.env.POLICY_FIXTURE_BREAK;
  try {
    const synth = await runCli(['synth'], { cwd, appsDir: POLICY_APPS });
    expect(withoutConfigurationWarnings(synth.stderr)).toBe('');
    expect(synth.code).toBe(0);
  } finally {
    if (saved === undefined) delete process.env.POLICY_FIXTURE_BREAK;
    else process.env.POLICY_FIXTURE_BREAK = saved;
  }
  return runCli(['check', ...checkArgs], { cwd, appsDir: POLICY_APPS });
}

describe('platform check', () => {
  test('passes the real constructs with zero errors, listing the suppression with its reason', async () => {
    const result = await synthAndCheck();
    expect(result.stdout).toMatch(/guarded-prod \(baseline \+ prod, synth\): ok/);
    expect(result.stdout).toMatch(
      /suppressed s3-bucket-access-logging aws_s3_bucket\.AccessLogs_Bucket_\w+: this is the access-log bucket itself/,
    );
    expect(result.stdout).toMatch(/policy check: 3 stacks, \d+ rules, 0 errors/);
    expect(result.code).toBe(0);
    // The first test of the file loads the real constructs and the IAM catalogue: seconds on a busy machine.
  }, 30_000);

  test.each([
    [
      'bucket-encryption',
      's3-bucket-kms-encryption',
      /aws_s3_bucket\.MlBucket_\w+[^\n]*\n\s+no aws_s3_bucket_server_side_encryption_configuration refers to this bucket/,
    ],
    [
      'role-wildcard-action',
      'iam-no-wildcard-action',
      /aws_iam_role_policy\.GithubDeploy_Policy_\w+[^\n]*\n\s+[^\n]*"Everything"/,
    ],
    [
      'oidc-wildcard-subject',
      'oidc-subject-pinned',
      /aws_iam_role\.GithubDeploy_\w+[^\n]*\n\s+[^\n]*repo:example-org\/\*/,
    ],
    [
      'misspelled-action',
      'iam-actions-exist',
      /aws_iam_role_policy\.GithubDeploy_Policy_\w+[^\n]*\n\s+[^\n]*s3:GetObjects[^\n]*did you mean s3:GetObject\?/,
    ],
  ])(
    'fails when a user breaks the constructs: %s is reported by %s',
    async (breakage, ruleId, message) => {
      const result = await synthAndCheck(breakage);
      expect(result.code).toBe(1);
      expect(result.stdout).toContain(`ERROR ${ruleId} `);
      expect(result.stdout).toMatch(message);
    },
  );

  test('writes SARIF 2.1.0 that locates each finding where the app creates the construct, and in the synthesized file', async () => {
    const result = await synthAndCheck('bucket-encryption', ['--format', 'sarif', '--env', 'dev']);
    const sarif = JSON.parse(result.stdout);
    expect(sarif.version).toBe('2.1.0');
    const findings = sarif.runs[0].results.filter(
      (entry: { suppressions?: unknown }) => !entry.suppressions,
    );
    const appSource = join(POLICY_APPS, 'guarded', 'src', 'index.ts');
    const createsBucket =
      readFileSync(appSource, 'utf8')
        .split('\n')
        .findIndex((line) => line.includes("new MlBucket(stack, 'MlBucket'")) + 1;
    expect(createsBucket).toBeGreaterThan(0);
    expect(findings).toEqual([
      expect.objectContaining({
        ruleId: 's3-bucket-kms-encryption',
        level: 'error',
        locations: [
          expect.objectContaining({
            physicalLocation: {
              artifactLocation: {
                uri: expect.stringMatching(/\/policy-apps\/guarded\/src\/index\.ts$/),
              },
              region: { startLine: createsBucket },
            },
          }),
        ],
        relatedLocations: [
          {
            id: 1,
            physicalLocation: {
              artifactLocation: { uri: 'cdktf.out/stacks/guarded-dev/cdk.tf.json' },
              region: { startLine: expect.any(Number) },
            },
            message: {
              text: expect.stringMatching(
                /^the synthesized resource aws_s3_bucket\.MlBucket_\w+ \(construct guarded-dev\/MlBucket\/.+\)$/,
              ),
            },
          },
        ],
      }),
    ]);
    expect(findings[0].relatedLocations[0].physicalLocation.region.startLine).toBeGreaterThan(1);
    expect(sarif.runs[0].tool.driver.rules.map((rule: { id: string }) => rule.id)).toContain(
      's3-bucket-kms-encryption',
    );
    expect(result.code).toBe(1);
  });

  test('writes a JSON report', async () => {
    const result = await synthAndCheck(undefined, ['--format', 'json']);
    const report = JSON.parse(result.stdout);
    expect(report.errors).toBe(0);
    expect(report.stacks.map((stack: { name: string }) => stack.name)).toEqual([
      'guarded-dev',
      'guarded-test',
      'guarded-prod',
    ]);
  });

  test('fails when the stacks were not synthesized, saying to run synth', async () => {
    const result = await runCli(['check'], { cwd: workspace(), appsDir: POLICY_APPS });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /3 stacks not synthesized in cdktf\.out: guarded-dev, guarded-test, guarded-prod\. check reads the output of synth/,
    );
  });

  test('fails with exit 2 on an unknown format', async () => {
    const result = await runCli(['check', '--format', 'xml'], {
      cwd: workspace(),
      appsDir: POLICY_APPS,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'Option --format received "xml"; allowed formats: text, json, sarif.',
    );
  });
});
