import { data, Evaluator, Lexer, Parser } from '@actions/expressions';
import { truthy } from '@actions/expressions/result';
import {
  convertWorkflowTemplate,
  NoOperationTraceWriter,
  parseWorkflow,
  type WorkflowTemplate,
} from '@actions/workflow-parser';
import {
  type EnvironmentDefinition,
  loadPlatformConfiguration,
  type PlatformConfiguration,
} from '@genai-sandbox/config';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { EXIT_FAILURE, EXIT_OK } from '../src/errors';
import {
  generateWorkflows,
  WORKFLOW_FILES,
  type WorkflowFile,
  writeWorkflows,
} from '../src/workflows';
import { publishedPackages } from '../src/published-packages';
import { checkedInPlatform } from './checked-in-platform';
import { tempDir } from './helpers';

const repositoryRoot = join(__dirname, '..', '..', '..');
const config = loadPlatformConfiguration(join(repositoryRoot, 'environments'));
const committed = Object.fromEntries(
  WORKFLOW_FILES.map((file) => [
    file,
    readFileSync(join(repositoryRoot, '.github', 'workflows', file), 'utf8'),
  ]),
) as Record<WorkflowFile, string>;

interface Step {
  name?: string;
  id?: string;
  if?: string;
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
  env?: Record<string, string>;
}
interface Job {
  name?: string;
  needs?: string | string[];
  if?: string;
  environment?: string;
  concurrency?: { group: string; 'cancel-in-progress': boolean };
  permissions?: Record<string, string>;
  env?: Record<string, string>;
  strategy?: { matrix: { include: Record<string, string>[] } };
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: Record<string, unknown>;
  permissions?: Record<string, string>;
  jobs: Record<string, Job>;
}

/** Parsed once per text (a parse of the committed files was 1.8 s of the file); a copy per call. */
const parsedWorkflows = new Map<string, Workflow>();
const workflow = (file: WorkflowFile, text = committed[file]): Workflow => {
  let parsed = parsedWorkflows.get(text);
  if (!parsed) parsedWorkflows.set(text, (parsed = parse(text) as Workflow));
  return structuredClone(parsed);
};
const chain = (configuration: PlatformConfiguration = config) =>
  configuration.platform.promotionChain.map(
    (name) => configuration.environments.find((environment) => environment.name === name)!,
  );
/** The bootstrap stacks' role names (contract): `<platform>-<env>-github-plan|deploy`, `-promotion`. */
const role = (
  environment: EnvironmentDefinition,
  purpose: 'github-plan' | 'github-deploy' | 'promotion',
  platform = config.platform.name,
) => `arn:aws:iam::${environment.accountId}:role/${platform}-${environment.name}-${purpose}`;
const needsOf = (job: Job) => (job.needs === undefined ? [] : [job.needs].flat());
const credentialSteps = (job: Job) =>
  job.steps.filter((step) => step.uses?.startsWith('aws-actions/configure-aws-credentials@'));
/** Steps that run Terraform against an account: platform deploy or diff, or a terraform command. */
const isTerraformCommand = (step: Step) =>
  step.run !== undefined && /\bterraform\b|platform -- (deploy|diff)\b/.test(step.run);
/** npm trusted publishing: the job's OIDC token is its publish credential. */
const publishesToNpm = (job: Job) =>
  job.steps.some((step) => /\b(npm publish|nx release publish)\b/.test(step.run ?? ''));
const isPreflight = (step: Step) => /npm run platform -- preflight --env /.test(step.run ?? '');

/** GitHub's own parser, then its converter, as the Actions service runs them. */
async function githubParse(
  name: string,
  content: string,
): Promise<{ errors: string[]; template?: WorkflowTemplate }> {
  const result = parseWorkflow({ name, content }, new NoOperationTraceWriter());
  const parseErrors = result.context.errors.getErrors().map((error) => error.message);
  if (!result.value) return { errors: parseErrors };
  const template = await convertWorkflowTemplate(result.context, result.value);
  return { errors: template.errors?.map((error) => error.Message) ?? parseErrors, template };
}

describe('generated workflows', () => {
  it.each(WORKFLOW_FILES)(
    '%s is what the configuration generates (run `npm run platform -- workflows` if this fails)',
    (file) => {
      expect(committed[file]).toBe(generateWorkflows(config)[file]);
    },
  );

  it.each(WORKFLOW_FILES)(
    "%s parses with GitHub's workflow parser without errors",
    async (file) => {
      const { errors, template } = await githubParse(file, committed[file]);
      expect(errors).toEqual([]);
      expect(template?.jobs.length).toBe(Object.keys(workflow(file).jobs).length);
    },
  );

  it("fails when a workflow has a mistake GitHub's parser catches", async () => {
    const broken = committed['deploy.yml'].replace('    permissions:\n', '    permisions:\n');
    const { errors } = await githubParse('deploy.yml', broken);
    expect(errors.join('\n')).toMatch(/Unexpected value 'permisions'/);
  });

  it('is the same text on every run', () => {
    expect(generateWorkflows(config)).toEqual(generateWorkflows(config));
  });

  it('writes the files, and with check fails until they are up to date', () => {
    const cwd = tempDir('workflows-');
    const workflowsDir = join(cwd, '.github', 'workflows');
    const messages: string[] = [];
    const output = {
      out: (text: string) => messages.push(text),
      err: (text: string) => messages.push(text),
    };
    const options = { configDir: join(repositoryRoot, 'environments'), workflowsDir, cwd, output };

    expect(writeWorkflows({ ...options, check: true })).toBe(EXIT_FAILURE);
    expect(existsSync(workflowsDir)).toBe(false);
    expect(messages.pop()).toBe(
      'Out of date: .github/workflows/ci.yml, .github/workflows/deploy.yml, .github/workflows/promote.yml, .github/workflows/release.yml ' +
        '(they differ from what the configuration generates). Run "npm run platform -- workflows" and commit the result.',
    );
    expect(writeWorkflows({ ...options, check: false })).toBe(EXIT_OK);
    for (const file of WORKFLOW_FILES) {
      expect(readFileSync(join(workflowsDir, file), 'utf8')).toBe(committed[file]);
    }
    writeFileSync(join(workflowsDir, 'deploy.yml'), 'edited by hand\n');
    expect(writeWorkflows({ ...options, check: true })).toBe(EXIT_FAILURE);
    expect(messages.pop()).toMatch(/^Out of date: \.github\/workflows\/deploy\.yml \(/);
    expect(writeWorkflows({ ...options, check: false })).toBe(EXIT_OK);
    expect(writeWorkflows({ ...options, check: true })).toBe(EXIT_OK);
    expect(messages.pop()).toBe('Workflows in .github/workflows are up to date.');
  });
});

describe.each(WORKFLOW_FILES)('%s: pins and permissions', (file) => {
  const parsed = workflow(file);
  const jobs = Object.entries(parsed.jobs);

  it('grants nothing at the top level', () => {
    expect(parsed.permissions).toEqual({});
  });

  it('pins every action to a full commit SHA with its release tag in a comment', () => {
    const lines = committed[file].split('\n').filter((line) => /^\s*(- )?uses:/.test(line));
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) {
      expect(line).toMatch(/uses: [\w.-]+\/[\w.-]+(\/[\w./-]+)?@[0-9a-f]{40} # v\d+\.\d+\.\d+$/);
    }
  });

  it('sets permissions on every job, with id-token: write exactly where a role is assumed or npm publishes', () => {
    expect(jobs.length).toBeGreaterThan(0);
    for (const [id, job] of jobs) {
      expect({ id, permissions: job.permissions }).toEqual({ id, permissions: expect.any(Object) });
      const assumesRole = credentialSteps(job).length > 0;
      expect({ id, idToken: job.permissions?.['id-token'] }).toEqual({
        id,
        idToken: assumesRole || publishesToNpm(job) ? 'write' : undefined,
      });
    }
  });

  it('runs platform preflight after the credentials and before any Terraform command', () => {
    for (const [id, job] of jobs.filter(([, job]) => credentialSteps(job).length > 0)) {
      const credentials = job.steps.indexOf(credentialSteps(job)[0]);
      const preflight = job.steps.findIndex(isPreflight);
      const firstTerraform = job.steps.findIndex(isTerraformCommand);
      expect({ id, preflightAfterCredentials: preflight > credentials }).toEqual({
        id,
        preflightAfterCredentials: true,
      });
      expect({ id, terraformAfterPreflight: firstTerraform > preflight }).toEqual({
        id,
        terraformAfterPreflight: true,
      });
    }
  });

  it('never interpolates event data or inputs into a script (they reach it as variables)', () => {
    for (const [, job] of jobs) {
      for (const step of job.steps) {
        expect(step.run ?? '').not.toMatch(/\$\{\{[^}]*(github\.event|inputs\.|needs\.)/);
      }
    }
  });
});

describe('ci.yml', () => {
  const ci = workflow('ci.yml');
  const { verify, policy, plan } = ci.jobs;
  const runs = (job: Job) => job.steps.map((step) => step.run ?? '');
  const indexOfRun = (job: Job, pattern: RegExp) => runs(job).findIndex((run) => pattern.test(run));

  it('runs on pull requests and on pushes to main, cancelling superseded pull request runs only', () => {
    expect(ci.on).toEqual({ pull_request: {}, push: { branches: ['main'] } });
    expect((ci as unknown as { concurrency: unknown }).concurrency).toEqual({
      group: 'ci-${{ github.event.pull_request.number || github.ref }}',
      'cancel-in-progress': "${{ github.event_name == 'pull_request' }}",
    });
  });

  it('lints, type-checks and tests the affected projects of a pull request, every project on main', () => {
    expect(verify.permissions).toEqual({ contents: 'read' });
    expect(verify.steps[0].with).toMatchObject({ 'fetch-depth': 0 });
    const affected = verify.steps.find((step) => /nx affected/.test(step.run ?? ''))!;
    expect(affected.run).toContain(
      'npx nx affected -t lint typecheck test --base="$BASE_SHA" --head=HEAD',
    );
    // Empty on a push to main, which then runs every project.
    expect(affected.env?.BASE_SHA).toBe('${{ github.event.pull_request.base.sha }}');
    expect(affected.run).toContain('npx nx run-many -t lint typecheck test');
    expect(runs(verify)).toEqual(expect.arrayContaining(['npm ci --no-audit --no-fund']));
  });

  it('synthesizes, then validates and plans offline from a provider mirror filled first', () => {
    const providerVersion = (
      JSON.parse(readFileSync(require.resolve('@cdktf/provider-aws/package.json'), 'utf8')) as {
        cdktf: { provider: { version: string } };
      }
    ).cdktf.provider.version;
    const synth = indexOfRun(verify, /^npm run synth$/);
    const cache = verify.steps.findIndex((step) => step.uses?.startsWith('actions/cache@'));
    const fill = indexOfRun(verify, /providers mirror/);
    const validate = indexOfRun(verify, /^npm run platform -- validate/);
    const offlinePlan = indexOfRun(verify, /^npm run platform -- plan/);
    expect(synth).toBeGreaterThan(-1);
    expect([synth < validate, cache < fill, fill < validate, validate < offlinePlan]).toEqual([
      true,
      true,
      true,
      true,
    ]);
    const mirror = verify.steps[cache].with?.path;
    expect(verify.steps[cache].with?.key).toContain(`aws-${providerVersion}`);
    expect(verify.steps[fill].run).toContain(`"version":"${providerVersion}"`);
    expect(verify.steps[fill].if).toBe("${{ steps.provider-cache.outputs.cache-hit != 'true' }}");
    for (const step of [verify.steps[fill], verify.steps[validate], verify.steps[offlinePlan]]) {
      expect(step.env?.TF_PROVIDER_MIRROR).toBe(mirror);
    }
    const terraform = verify.steps.find((step) =>
      step.uses?.startsWith('hashicorp/setup-terraform@'),
    )!;
    expect(terraform.with).toMatchObject({ terraform_wrapper: false });
  });

  it('uploads the policy gate as SARIF from the only job that may write security events', () => {
    expect(policy.permissions).toEqual({
      contents: 'read',
      'security-events': 'write',
      actions: 'read',
    });
    for (const [id, job] of Object.entries(ci.jobs)) {
      if (id !== 'policy') expect(job.permissions?.['security-events']).toBeUndefined();
    }
    const check = policy.steps.find((step) => step.id === 'check')!;
    expect(check.run).toBe('npm run --silent platform -- check --format sarif > policy.sarif');
    const upload = policy.steps.find((step) =>
      step.uses?.startsWith('github/codeql-action/upload-sarif@'),
    )!;
    expect(upload.with).toMatchObject({ sarif_file: 'policy.sarif' });
    expect(upload.if).toMatch(/^\$\{\{ always\(\) && /);
    expect(policy.steps[policy.steps.length - 1].if).toBe(
      "${{ steps.check.outcome == 'failure' }}",
    );
  });

  it('plans each environment of the chain with its plan role, only when the accounts exist', () => {
    expect(plan.if).toContain("vars.AWS_ACCOUNTS_CONFIGURED == 'true'");
    expect(plan.if).toContain(
      `github.repository == '${config.platform.github.organization}/${config.platform.github.repository}'`,
    );
    expect(plan.environment).toBeUndefined();
    expect(needsOf(plan)).toEqual(['verify']);
    expect(plan.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(plan.strategy?.matrix.include).toEqual([
      ...chain().map((environment) => ({
        environment: environment.name,
        account: environment.accountId,
        region: environment.region,
        role: role(environment, 'github-plan'),
      })),
      // The shared-services account, with the plan role of bootstrap-shared-services.
      {
        environment: 'shared',
        account: '444444444444',
        region: 'eu-west-1',
        role: 'arn:aws:iam::444444444444:role/genai-shared-github-plan',
      },
    ]);
    const [credentials] = credentialSteps(plan);
    expect(credentials.with).toMatchObject({
      'role-to-assume': '${{ matrix.role }}',
      'aws-region': '${{ matrix.region }}',
      'role-duration-seconds': 3600,
    });
    expect(runs(plan)).toEqual(
      expect.arrayContaining([
        'npm run platform -- preflight --env ${{ matrix.environment }}',
        'npm run platform -- diff --env ${{ matrix.environment }}',
      ]),
    );
  });
});

describe('deploy.yml', () => {
  const deploy = workflow('deploy.yml');

  it('runs on pushes to main and by hand', () => {
    expect(deploy.on).toEqual({ push: { branches: ['main'] }, workflow_dispatch: {} });
  });

  it('has one job per environment, dev -> test -> prod, each waiting for the previous one, and one for the shared-services account', async () => {
    expect(Object.keys(deploy.jobs)).toEqual([
      ...chain().map((environment) => `deploy-${environment.name}`),
      'deploy-shared-services',
    ]);
    expect(chain().map((environment) => environment.name)).toEqual(['dev', 'test', 'prod']);
    const { template } = await githubParse('deploy.yml', committed['deploy.yml']);
    expect(
      template?.jobs.map((job) => [job.id.value, job.needs?.map((need) => need.value) ?? []]),
    ).toEqual([
      ['deploy-dev', []],
      ['deploy-test', ['deploy-dev']],
      ['deploy-prod', ['deploy-test']],
      ['deploy-shared-services', []],
    ]);
  });

  it('deploys the shared-services account in its GitHub environment with its own deploy role', () => {
    const job = deploy.jobs['deploy-shared-services'];
    expect(job.environment).toBe('shared-services');
    expect(job.concurrency).toEqual({ group: 'deploy-shared', 'cancel-in-progress': false });
    expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(job.if).toContain("github.ref == 'refs/heads/main'");
    const credentials = credentialSteps(job);
    expect(credentials).toHaveLength(1);
    expect(credentials[0].with).toMatchObject({
      'role-to-assume': 'arn:aws:iam::444444444444:role/genai-shared-github-deploy',
      'aws-region': 'eu-west-1',
    });
    expect(job.steps.flatMap((step) => step.run ?? [])).toEqual([
      'npm ci --no-audit --no-fund',
      'npm run synth -- --env shared',
      'npm run platform -- check --env shared',
      'npm run platform -- preflight --env shared',
      'npm run platform -- deploy --env shared --auto-approve',
    ]);
  });

  it('has no shared-services job without a sharedServices section', () => {
    const platform = { ...config.platform, sharedServices: undefined };
    const without = workflow(
      'deploy.yml',
      generateWorkflows({ ...config, platform })['deploy.yml'],
    );
    expect(Object.keys(without.jobs)).not.toContain('deploy-shared-services');
  });

  it.each(chain().map((environment) => [environment.name, environment] as const))(
    'deploys %s in its GitHub environment with its deploy role, one run at a time',
    (name, environment) => {
      const job = deploy.jobs[`deploy-${name}`];
      expect(job.environment).toBe(name);
      expect(job.concurrency).toEqual({ group: `deploy-${name}`, 'cancel-in-progress': false });
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(job.if).toContain("github.ref == 'refs/heads/main'");
      const credentials = credentialSteps(job);
      expect(credentials).toHaveLength(1);
      expect(credentials[0].with).toMatchObject({
        'role-to-assume': role(environment, 'github-deploy'),
        'aws-region': environment.region,
        'role-duration-seconds': 3600,
      });
      const runs = job.steps.map((step) => step.run);
      const order = [
        `npm run synth -- --env ${name}`,
        `npm run platform -- check --env ${name}`,
        `npm run platform -- preflight --env ${name}`,
        `npm run platform -- deploy --env ${name} --auto-approve`,
      ].map((run) => runs.indexOf(run));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
    },
  );

  it('documents where the last environment gets its required reviewers', () => {
    expect(committed['deploy.yml']).toMatch(
      /# .*required reviewers are set in GitHub, not here:\n\s+# Settings > Environments > prod > Required reviewers/,
    );
  });
});

describe('release.yml', () => {
  const release = workflow('release.yml');
  const { verify, publish } = release.jobs;
  const runs = (job: Job) => job.steps.map((step) => step.run ?? '');
  const registries = publishedPackages(join(repositoryRoot, 'packages')).map(
    (pkg) => (pkg.manifest as { publishConfig?: { registry?: string } }).publishConfig?.registry,
  );

  it('runs on release tags only, publishing after the verify job, one release at a time', () => {
    expect(release.on).toEqual({ push: { tags: ['v*'] } });
    expect(needsOf(publish)).toEqual(['verify']);
    expect((release as unknown as { concurrency: unknown }).concurrency).toEqual({
      group: 'release',
      'cancel-in-progress': false,
    });
  });

  it('checks the tag, then lints, type-checks, tests, checks the API reports and the tarballs before any publish', () => {
    expect(verify.permissions).toEqual({ contents: 'read' });
    expect(verify.steps[0].with).toMatchObject({ 'fetch-depth': 0 });
    const order = [
      /git merge-base --is-ancestor "\$GITHUB_SHA" origin\/main/,
      /scripts\/release-check\.ts "\$TAG"$/,
      /^npx nx run-many -t lint typecheck test /,
      /^npm run api:check$/,
      /^npm run pack:check$/,
    ].map((pattern) => runs(verify).findIndex((run) => pattern.test(run)));
    expect(order.every((index) => index >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('publishes with the OIDC token of its environment only: no npm token, no cache', () => {
    expect(publish.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(publish.environment).toBe('npm');
    expect(publish.if).toBe(
      `\${{ github.repository == '${config.platform.github.organization}/${config.platform.github.repository}' }}`,
    );
    expect(committed['release.yml']).not.toMatch(/secrets\.|NODE_AUTH_TOKEN|NPM_TOKEN/);
    const node = publish.steps.find((step) => step.uses?.startsWith('actions/setup-node@'))!;
    expect(node.with?.cache).toBeUndefined();
    expect(runs(publish)).toContain('npm ci --ignore-scripts --no-audit --no-fund');
    // Trusted publishing needs Node.js 22.14 and npm 11.5.1 or later.
    const [major, minor] = String(node.with?.['node-version']).split('.').map(Number);
    expect(major > 22 || (major === 22 && minor >= 14)).toBe(true);
    const npm = /^npm install --global npm@(\d+)\.(\d+)\.(\d+)$/m.exec(runs(publish).join('\n'));
    expect(npm).not.toBeNull();
    expect(Number(npm![1]) * 1000 + Number(npm![2])).toBeGreaterThanOrEqual(11005);
    // The registry the token is minted for is the one every package publishes to.
    expect(new Set(registries)).toEqual(new Set([node.with?.['registry-url']]));
    const publishRun = runs(publish).findIndex((run) => run === 'npx nx release publish');
    const build = runs(publish).findIndex((run) => run === 'npm run build');
    expect([build >= 0, publishRun > build]).toEqual([true, true]);
  });
});

describe('promote.yml', () => {
  const promote = workflow('promote.yml');
  const targets = chain().slice(1);

  it('runs on the model-approved dispatch and by hand with a source environment and an ARN', () => {
    expect(promote.on.repository_dispatch).toEqual({ types: ['model-approved'] });
    expect(promote.on.workflow_dispatch).toMatchObject({
      inputs: {
        source_environment: { type: 'choice', options: ['dev', 'test'], required: true },
        model_package_arn: { type: 'string', required: false },
        asset: {
          type: 'choice',
          options: ['model-package', 'genai-settings'],
          default: 'model-package',
        },
      },
    });
  });

  it('checks the request without any permission, then promotes test and prod in order', async () => {
    expect(promote.jobs.resolve.permissions).toEqual({});
    const { template } = await githubParse('promote.yml', committed['promote.yml']);
    expect(
      template?.jobs.map((job) => [job.id.value, job.needs?.map((need) => need.value) ?? []]),
    ).toEqual([
      ['resolve', []],
      ['promote-test', ['resolve']],
      ['promote-prod', ['resolve', 'promote-test']],
      ['record-releases', ['resolve', 'promote-test', 'promote-prod']],
      ['genai-next-hop', []],
      ['promote-genai-test', ['genai-next-hop']],
      ['promote-genai-prod', ['genai-next-hop']],
      ['record-genai-release', ['promote-genai-test', 'promote-genai-prod']],
    ]);
  });

  it.each(targets.map((environment) => [environment.name, environment] as const))(
    'promotes into %s in its environment: credentials, preflight, promote, apply inference, smoke test',
    (name, environment) => {
      const previous = chain()[chain().indexOf(environment) - 1].name;
      const job = promote.jobs[`promote-${name}`];
      expect(job.environment).toBe(name);
      expect(job.concurrency).toEqual({ group: `deploy-${name}`, 'cancel-in-progress': false });
      expect(job.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
      expect(job.if).toMatch(/^\$\{\{ !cancelled\(\) && !failure\(\) && /);
      expect(credentialSteps(job)[0].with).toMatchObject({
        'role-to-assume': role(environment, 'github-deploy'),
        'aws-region': environment.region,
        'role-duration-seconds': 3600,
      });
      const runs = job.steps.map((step) => step.run ?? '');
      const order = [
        `npm run platform -- preflight --env ${name} --assume-role ${role(environment, 'promotion')}`,
        `npm run platform -- promote --from ${previous} --to ${name} --model-package-arn "$MODEL_PACKAGE_ARN"`,
        `bash tools/platform/scripts/record-release.sh ${name} "$MODEL_PACKAGE_ARN"`,
        `echo "names=$(node --conditions=@genai-sandbox/source --import tsx tools/platform/scripts/release-stacks.ts ${name} "$PROMOTED_ARN")" >> "$GITHUB_OUTPUT"`,
        `npm run synth -- --env ${name}`,
        `npm run platform -- check --env ${name}`,
        `npm run platform -- deploy --env ${name} --stack "$STACK_NAMES" --auto-approve`,
        `bash tools/platform/scripts/smoke-release.sh ${name}`,
        `node --conditions=@genai-sandbox/source --import tsx tools/platform/scripts/smoke-invoke.ts ${name} "$PROMOTED_ARN"`,
        `npm run platform -- approve --env ${name} --model-package-arn "$PROMOTED_ARN"`,
      ].map((run) => runs.indexOf(run));
      expect(order.every((index) => index >= 0)).toBe(true);
      expect([...order].sort((a, b) => a - b)).toEqual(order);
      // The approval is the last step: nothing after it may fail once the next hop has started.
      expect(runs.at(-1)).toContain('platform -- approve');
      const step = (id: string) => job.steps.find((candidate) => candidate.id === id);
      expect(step('release')).toBeDefined();
      // The apply runs only when a stack serves the group: with no name it would apply every stack.
      const apply = job.steps.find((candidate) =>
        (candidate.run ?? '').includes('platform -- deploy'),
      );
      expect(apply?.if).toBe("steps.stacks.outputs.names != ''");
      // Step outputs reach the shell through the environment only.
      expect(apply?.env).toEqual({ STACK_NAMES: '${{ steps.stacks.outputs.names }}' });
      expect(runs.join('\n')).not.toContain('${{');
    },
  );

  it('promotes from what the previous job registered, or from the requested package', () => {
    expect(promote.jobs['promote-test'].env?.MODEL_PACKAGE_ARN).toBe(
      '${{ needs.resolve.outputs.model-package-arn }}',
    );
    expect(promote.jobs['promote-prod'].env?.MODEL_PACKAGE_ARN).toBe(
      '${{ needs.promote-test.outputs.model-package-arn || needs.resolve.outputs.model-package-arn }}',
    );
    expect(promote.jobs['promote-prod'].if).toContain(`fromJSON('["dev","test"]')`);
  });

  it('records the new releases in a pull request from a job without cloud credentials', () => {
    const record = promote.jobs['record-releases'];
    expect(record.permissions).toEqual({ contents: 'write', 'pull-requests': 'write' });
    expect(credentialSteps(record)).toHaveLength(0);
    for (const [id, job] of Object.entries(promote.jobs)) {
      if (!id.startsWith('record-')) expect(job.permissions?.contents ?? 'none').not.toBe('write');
    }
  });
});

describe('workflows of another configuration', () => {
  // Four environments: the workflows follow the chain and accounts of whatever configuration is given.
  const fixture = configurationFixture();
  fixture.platform.name = 'acme';
  fixture.platform.github = { organization: 'acme-corp', repository: 'ml-platform' };
  fixture.platform.promotionChain = ['dev', 'qa', 'staging', 'prod'];
  fixture.environments.qa = {
    ...fixture.environments.test,
    accountId: '555555555555',
    region: 'eu-central-1',
    availabilityZones: ['eu-central-1a', 'eu-central-1b'],
    network: { vpcCidr: '10.40.0.0/16' },
    stateBackend: { bucket: 'acme-tfstate-555555555555' },
  };
  fixture.environments.staging = fixture.environments.test;
  delete fixture.environments.test;
  const other = loadPlatformConfiguration(writeConfigurationFixture(fixture));
  const files = generateWorkflows(other);

  it("chains a job per environment and assumes each account's own roles", async () => {
    for (const file of WORKFLOW_FILES)
      expect((await githubParse(file, files[file])).errors).toEqual([]);
    const deploy = workflow('deploy.yml', files['deploy.yml']);
    expect(Object.entries(deploy.jobs).map(([id, job]) => [id, needsOf(job)])).toEqual([
      ['deploy-dev', []],
      ['deploy-qa', ['deploy-dev']],
      ['deploy-staging', ['deploy-qa']],
      ['deploy-prod', ['deploy-staging']],
    ]);
    const qa = other.environments.find((environment) => environment.name === 'qa')!;
    expect(credentialSteps(deploy.jobs['deploy-qa'])[0].with).toMatchObject({
      'role-to-assume': 'arn:aws:iam::555555555555:role/acme-qa-github-deploy',
      'aws-region': 'eu-central-1',
    });
    expect(role(qa, 'github-deploy', 'acme')).toBe(
      'arn:aws:iam::555555555555:role/acme-qa-github-deploy',
    );
    expect(deploy.jobs['deploy-prod'].if).toContain("github.repository == 'acme-corp/ml-platform'");

    const promote = workflow('promote.yml', files['promote.yml']);
    expect(Object.keys(promote.jobs)).toEqual([
      'resolve',
      'promote-qa',
      'promote-staging',
      'promote-prod',
      'record-releases',
      'genai-next-hop',
      'promote-genai-qa',
      'promote-genai-staging',
      'promote-genai-prod',
      'record-genai-release',
    ]);
    expect(promote.jobs['promote-staging'].steps.map((step) => step.run)).toContain(
      'npm run platform -- promote --from qa --to staging --model-package-arn "$MODEL_PACKAGE_ARN"',
    );
    const ci = workflow('ci.yml', files['ci.yml']);
    expect(ci.jobs.plan.strategy?.matrix.include.map((entry) => entry.role)).toEqual([
      'arn:aws:iam::111111111111:role/acme-dev-github-plan',
      'arn:aws:iam::555555555555:role/acme-qa-github-plan',
      'arn:aws:iam::222222222222:role/acme-staging-github-plan',
      'arn:aws:iam::333333333333:role/acme-prod-github-plan',
    ]);
  });
});

describe('workflows against the bootstrap stacks', () => {
  // The roles the workflows assume are created by apps/bootstrap: its stacks of the checked-in
  // platform (synthesized once per run, checked-in-platform.ts) say what it outputs and trusts,
  // to compare with what the workflows ask for.
  interface TerraformJson {
    provider: { aws: { allowed_account_ids: string[] }[] };
    resource: { aws_iam_role: Record<string, { name: string; assume_role_policy: string }> };
    output: Record<string, { value: string }>;
  }
  let stacks: Record<string, TerraformJson>;
  const repository = `${config.platform.github.organization}/${config.platform.github.repository}`;

  beforeAll(async () => {
    const platform = await checkedInPlatform();
    const stackOf = (name: string) => {
      const stack = platform.find((candidate) => candidate.name === name);
      if (!stack) throw new Error(`the checked-in platform has no stack ${name}`);
      return JSON.parse(stack.text) as TerraformJson;
    };
    stacks = Object.fromEntries([
      ...chain().map((environment) => [environment.name, stackOf(`bootstrap-${environment.name}`)]),
      ['shared', stackOf('bootstrap-shared-services')],
    ]);
  });

  /** `${aws_iam_role.X.arn}` of an output, as the ARN it becomes in the stack's account. */
  const outputArn = (environment: string, output: string) => {
    const stack = stacks[environment];
    const address = /^\$\{aws_iam_role\.([\w-]+)\.arn\}$/.exec(stack.output[output].value);
    expect(address).not.toBeNull();
    const role = stack.resource.aws_iam_role[address![1]];
    return {
      arn: `arn:aws:iam::${stack.provider.aws[0].allowed_account_ids[0]}:role/${role.name}`,
      trust: JSON.parse(role.assume_role_policy).Statement[0].Condition.StringEquals as Record<
        string,
        string | string[]
      >,
    };
  };

  it.each(chain().map((environment) => environment.name))(
    '%s: the workflows assume the roles the bootstrap stack outputs, as tokens its trust accepts',
    (name) => {
      const plan = outputArn(name, 'plan_role_arn');
      const deploy = outputArn(name, 'deploy_role_arn');

      const ci = workflow('ci.yml');
      expect(
        ci.jobs.plan.strategy?.matrix.include.find((entry) => entry.environment === name)?.role,
      ).toBe(plan.arn);
      // No environment: the token's subject is the pull request or the branch, as the plan role trusts.
      expect(ci.jobs.plan.environment).toBeUndefined();
      expect(plan.trust['token.actions.githubusercontent.com:sub']).toEqual([
        `repo:${repository}:pull_request`,
        `repo:${repository}:ref:refs/heads/main`,
      ]);

      const deployJobs = WORKFLOW_FILES.flatMap((file) =>
        Object.values(workflow(file).jobs)
          .filter((job) =>
            credentialSteps(job).some((step) => step.with?.['role-to-assume'] === deploy.arn),
          )
          .map((job) => ({ file, job })),
      );
      // The first environment of the chain is deployed, never promoted into.
      expect(deployJobs.map(({ file }) => file)).toEqual(
        // promote.yml: the model path's job and the GenAI path's.
        name === chain()[0].name ? ['deploy.yml'] : ['deploy.yml', 'promote.yml', 'promote.yml'],
      );
      for (const { job } of deployJobs) {
        expect(job.environment).toBe(name);
        expect(deploy.trust['token.actions.githubusercontent.com:sub']).toEqual([
          `repo:${repository}:environment:${job.environment}`,
        ]);
      }
      // The deploy role trusts exactly the workflows with a job that assumes it there.
      expect(deploy.trust['token.actions.githubusercontent.com:job_workflow_ref']).toEqual(
        [...new Set(deployJobs.map(({ file }) => file))].map(
          (file) => `${repository}/.github/workflows/${file}@refs/heads/main`,
        ),
      );
      expect(deploy.trust['token.actions.githubusercontent.com:aud']).toBe('sts.amazonaws.com');
    },
  );

  it('shared-services: the workflows assume the roles bootstrap-shared-services outputs, as tokens its trust accepts', () => {
    const plan = outputArn('shared', 'plan_role_arn');
    const deploy = outputArn('shared', 'deploy_role_arn');
    expect(
      workflow('ci.yml').jobs.plan.strategy?.matrix.include.find(
        (entry) => entry.environment === 'shared',
      )?.role,
    ).toBe(plan.arn);
    const deployJobs = WORKFLOW_FILES.flatMap((file) =>
      Object.values(workflow(file).jobs)
        .filter((job) =>
          credentialSteps(job).some((step) => step.with?.['role-to-assume'] === deploy.arn),
        )
        .map((job) => ({ file, job })),
    );
    expect(deployJobs.map(({ file, job }) => [file, job.environment])).toEqual([
      ['deploy.yml', 'shared-services'],
    ]);
    expect(deploy.trust['token.actions.githubusercontent.com:sub']).toEqual([
      `repo:${repository}:environment:shared-services`,
    ]);
    expect(deploy.trust['token.actions.githubusercontent.com:job_workflow_ref']).toEqual([
      `${repository}/.github/workflows/deploy.yml@refs/heads/main`,
    ]);
  });
});

describe('promote.yml, scheduled as GitHub would', () => {
  // Each job's `if:` and the model package it promotes are evaluated with GitHub's own expression
  // evaluator, job by job, with the results and outputs of the jobs before it.
  const STATUS_FUNCTIONS = ['always', 'cancelled', 'failure', 'success'].map((name) => ({
    name,
    minArgs: 0,
    maxArgs: 0,
  }));
  const DEV_PACKAGE =
    'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/7';
  const TEST_PACKAGE =
    'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/3';
  const repository = `${config.platform.github.organization}/${config.platform.github.repository}`;

  function evaluate(
    text: string,
    contexts: Record<string, unknown>,
    status: Record<string, boolean>,
  ) {
    const expression = text
      .replace(/^\$\{\{/, '')
      .replace(/\}\}$/, '')
      .trim();
    const tree = new Parser(
      new Lexer(expression).lex().tokens,
      Object.keys(contexts),
      STATUS_FUNCTIONS,
    ).parse();
    const context = JSON.parse(JSON.stringify(contexts), data.reviver) as data.Dictionary;
    const functions = new Map(
      STATUS_FUNCTIONS.map((info) => [
        info.name,
        { ...info, call: () => new data.BooleanData(status[info.name]) },
      ]),
    );
    return new Evaluator(tree, context, functions).evaluate();
  }

  interface Run {
    readonly results: Record<string, string>;
    /** MODEL_PACKAGE_ARN of each promote job that ran. */
    readonly promoted: Record<string, string>;
  }

  /** Runs promote.yml's jobs in order; `resolve` answers what its script would for valid input. */
  function simulate(
    event: {
      name: string;
      payload?: Record<string, string>;
      inputs?: Record<string, string>;
      /** On a push: the environment genai-next-hop.sh names (empty: no hop is due). */
      nextHop?: string;
    },
    options: { ref?: string; fails?: string } = {},
  ): Run {
    const promote = workflow('promote.yml');
    const results: Record<string, string> = {};
    const outputs: Record<string, Record<string, string>> = {};
    const promoted: Record<string, string> = {};
    const request = event.payload ?? event.inputs ?? {};
    const github = {
      repository,
      ref: options.ref ?? 'refs/heads/main',
      event_name: event.name,
      event: { client_payload: event.payload ?? null },
    };
    const ancestors = (id: string): string[] =>
      needsOf(promote.jobs[id]).flatMap((need) => [need, ...ancestors(need)]);
    for (const [id, job] of Object.entries(promote.jobs)) {
      const before = ancestors(id).map((ancestor) => results[ancestor]);
      const status = {
        always: true,
        cancelled: false,
        failure: before.includes('failure'),
        success: before.every((result) => result === 'success'),
      };
      const needs = Object.fromEntries(
        needsOf(job).map((need) => [need, { result: results[need], outputs: outputs[need] ?? {} }]),
      );
      const contexts = { github, inputs: event.inputs ?? {}, needs };
      // GitHub adds success() to a condition that names no status function.
      const condition = job.if ?? '${{ success() }}';
      const implicit = /\b(always|cancelled|failure|success)\(/.test(condition)
        ? ''
        : 'success() && ';
      if (
        !truthy(
          evaluate(`${implicit}(${condition.replace(/^\$\{\{|\}\}$/g, '')})`, contexts, status),
        )
      ) {
        results[id] = 'skipped';
        continue;
      }
      results[id] = options.fails === id ? 'failure' : 'success';
      if (id === 'resolve') {
        outputs[id] = {
          'source-environment': request.source_environment,
          // resolve.sh: a run by hand goes to the next environment of the chain, one hop.
          'target-environment':
            event.payload?.target_environment ??
            { dev: 'test', test: 'prod' }[request.source_environment as 'dev' | 'test'],
          'model-package-arn': request.model_package_arn,
        };
      } else if (id === 'genai-next-hop') {
        outputs[id] = { 'source-environment': event.nextHop ?? '' };
      } else if (id.startsWith('promote-') && !id.startsWith('promote-genai-')) {
        promoted[id] = evaluate(job.env!.MODEL_PACKAGE_ARN, contexts, status).coerceString();
        const environment = id.slice('promote-'.length);
        outputs[id] = { 'model-package-arn': `registered-in-${environment}` };
      }
    }
    return { results, promoted };
  }

  it('promotes one hop, into the target environment, when the promotion bus dispatches', () => {
    const hop = (source: string, target: string, arn: string) =>
      simulate({
        name: 'repository_dispatch',
        payload: { source_environment: source, target_environment: target, model_package_arn: arn },
      });
    expect(hop('dev', 'test', DEV_PACKAGE)).toEqual({
      results: {
        resolve: 'success',
        'promote-test': 'success',
        'promote-prod': 'skipped',
        'record-releases': 'success',
        'genai-next-hop': 'skipped',
        'promote-genai-test': 'skipped',
        'promote-genai-prod': 'skipped',
        'record-genai-release': 'skipped',
      },
      promoted: { 'promote-test': DEV_PACKAGE },
    });
    expect(hop('test', 'prod', TEST_PACKAGE)).toEqual({
      results: {
        resolve: 'success',
        'promote-test': 'skipped',
        'promote-prod': 'success',
        'record-releases': 'success',
        'genai-next-hop': 'skipped',
        'promote-genai-test': 'skipped',
        'promote-genai-prod': 'skipped',
        'record-genai-release': 'skipped',
      },
      promoted: { 'promote-prod': TEST_PACKAGE },
    });
  });

  it('promotes one hop when started by hand: the approval at its end starts the next one', () => {
    const manual = (source: string, arn: string, fails?: string) =>
      simulate(
        {
          name: 'workflow_dispatch',
          inputs: { source_environment: source, model_package_arn: arn },
        },
        { fails },
      );
    expect(manual('dev', DEV_PACKAGE)).toEqual({
      results: {
        resolve: 'success',
        'promote-test': 'success',
        'promote-prod': 'skipped',
        'record-releases': 'success',
        'genai-next-hop': 'skipped',
        'promote-genai-test': 'skipped',
        'promote-genai-prod': 'skipped',
        'record-genai-release': 'skipped',
      },
      promoted: { 'promote-test': DEV_PACKAGE },
    });
    expect(manual('test', TEST_PACKAGE).promoted).toEqual({ 'promote-prod': TEST_PACKAGE });
    expect(manual('dev', DEV_PACKAGE, 'promote-test').results).toEqual({
      resolve: 'success',
      'promote-test': 'failure',
      'promote-prod': 'skipped',
      'record-releases': 'skipped',
      'genai-next-hop': 'skipped',
      'promote-genai-test': 'skipped',
      'promote-genai-prod': 'skipped',
      'record-genai-release': 'skipped',
    });
  });

  it('does nothing on another branch', () => {
    const run = simulate(
      {
        name: 'workflow_dispatch',
        inputs: { source_environment: 'dev', model_package_arn: DEV_PACKAGE },
      },
      { ref: 'refs/heads/feature' },
    );
    expect(Object.values(run.results)).toEqual(Array(8).fill('skipped'));
  });

  it('promotes GenAI settings one hop by hand, in the GenAI jobs only, and records the pin', () => {
    const genai = (source: string) =>
      simulate({
        name: 'workflow_dispatch',
        inputs: { asset: 'genai-settings', source_environment: source },
      }).results;
    expect(genai('dev')).toEqual({
      resolve: 'skipped',
      'promote-test': 'skipped',
      'promote-prod': 'skipped',
      'record-releases': 'skipped',
      'genai-next-hop': 'skipped',
      'promote-genai-test': 'success',
      'promote-genai-prod': 'skipped',
      'record-genai-release': 'success',
    });
    expect(genai('test')).toMatchObject({
      resolve: 'skipped',
      'promote-genai-test': 'skipped',
      'promote-genai-prod': 'success',
      'record-genai-release': 'success',
    });
  });

  it('starts the next GenAI hop by itself when a push to main changed a pin, and nothing else', () => {
    const push = (nextHop: string, ref?: string) =>
      simulate({ name: 'push', nextHop }, { ref }).results;
    expect(push('test')).toEqual({
      resolve: 'skipped',
      'promote-test': 'skipped',
      'promote-prod': 'skipped',
      'record-releases': 'skipped',
      'genai-next-hop': 'success',
      'promote-genai-test': 'skipped',
      'promote-genai-prod': 'success',
      'record-genai-release': 'success',
    });
    expect(push('')).toMatchObject({
      'genai-next-hop': 'success',
      'promote-genai-test': 'skipped',
      'promote-genai-prod': 'skipped',
      'record-genai-release': 'skipped',
    });
    expect(Object.values(push('test', 'refs/heads/feature'))).toEqual(Array(8).fill('skipped'));
    const on = workflow('promote.yml').on as { push: unknown };
    expect(on.push).toEqual({ branches: ['main'], paths: ['environments/releases/*.json'] });
  });

  it('never runs the GenAI jobs on a dispatch of the promotion bus', () => {
    const run = simulate({
      name: 'repository_dispatch',
      payload: {
        source_environment: 'dev',
        target_environment: 'test',
        model_package_arn: DEV_PACKAGE,
        asset: 'genai-settings',
      },
    });
    expect(run.results['promote-genai-test']).toBe('skipped');
    expect(run.results['promote-test']).toBe('success');
  });
});
