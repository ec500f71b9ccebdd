import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import type { ReleaseManifest } from '@genai-sandbox/config';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { parse } from 'yaml';
import { tempDir } from './helpers';

// The scripts the workflow jobs run, run here with bash as the jobs do.
const scripts = join(__dirname, '..', 'scripts');

interface ScriptResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Scripts still running: a test that timed out must not leave its script (and the AWS CLI) behind. */
const running = new Set<number>();

// Each script runs in its own process group (detached), so that the group, the AWS CLI processes
// the script started included, can be killed. A process left running would keep the Jest worker
// from exiting ("A worker process has failed to exit gracefully").
afterEach(() => {
  for (const pid of running) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  running.clear();
});

/** Asynchronous, so that a local server in this process can answer the script's AWS CLI calls. */
function runScript(
  script: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<ScriptResult> {
  return new Promise((resolve) => {
    const child = spawn('bash', [join(scripts, script), ...args], {
      cwd: options.cwd,
      env: { ...process.env, GITHUB_ACTIONS: '', ...options.env },
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    if (child.pid !== undefined) running.add(child.pid);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error) =>
      resolve({ code: 127, stdout, stderr: `${stderr}${error.message}` }),
    );
    child.on('close', (code) => {
      if (child.pid !== undefined) running.delete(child.pid);
      resolve({ code: code ?? 1, stdout, stderr });
    });
  });
}

const SOURCE = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/7';
const PROMOTED = 'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/3';

/** A configuration directory whose releases/test.json holds these releases. */
function configWithReleases(releases: ReleaseManifest['releases']): string {
  const fixture = configurationFixture();
  fixture.releases = { test: { releases } };
  return writeConfigurationFixture(fixture);
}

describe('record-release.sh', () => {
  const release = {
    project: 'fraud-detection',
    blueprint: 'inference-realtime' as const,
    modelPackageGroup: 'genai-llm-finetuned',
    modelPackageArn: PROMOTED,
    sourceModelPackageArn: SOURCE,
    sourceEnvironment: 'dev',
  };

  it('writes the promoted ARN and the release manifest as step outputs', async () => {
    const configDir = configWithReleases([
      release,
      { ...release, blueprint: 'inference-serverless' },
    ]);
    const output = join(tempDir(), 'github-output');
    writeFileSync(output, '');
    const result = await runScript('record-release.sh', ['test', SOURCE], {
      cwd: configDir,
      env: { PLATFORM_CONFIG_DIR: configDir, GITHUB_OUTPUT: output },
    });
    expect(result.code).toBe(0);
    const text = readFileSync(output, 'utf8');
    expect(text).toMatch(new RegExp(`^model-package-arn=${PROMOTED}\n`));
    const manifest = /release-manifest<<(\S+)\n([\s\S]*)\n\1\n$/.exec(text);
    expect(manifest).not.toBeNull();
    expect(JSON.parse(manifest![2])).toEqual(
      JSON.parse(readFileSync(join(configDir, 'releases', 'test.json'), 'utf8')),
    );
  });

  it('fails when promote recorded no release of that source package', async () => {
    const configDir = configWithReleases([
      { ...release, sourceModelPackageArn: SOURCE.replace(/7$/, '6') },
    ]);
    const result = await runScript('record-release.sh', ['test', SOURCE], {
      cwd: configDir,
      env: { PLATFORM_CONFIG_DIR: configDir, GITHUB_OUTPUT: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `releases/test.json has no release with sourceModelPackageArn = ${SOURCE}`,
    );
  });

  it('fails when one source package became two different packages', async () => {
    const configDir = configWithReleases([
      release,
      {
        ...release,
        blueprint: 'inference-serverless',
        modelPackageArn: PROMOTED.replace(/3$/, '4'),
      },
    ]);
    const result = await runScript('record-release.sh', ['test', SOURCE], {
      cwd: configDir,
      env: { PLATFORM_CONFIG_DIR: configDir, GITHUB_OUTPUT: '' },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('records 2 different packages promoted from');
  });
});

// The real AWS CLI against a local endpoint that answers SageMaker's and the tagging API's JSON
// protocol (AWS_ENDPOINT_URL sends every service there). Skipped where the CLI is not installed;
// the machines of this project have AWS CLI v1, GitHub's runners v2, and the script uses only
// commands and output fields both have.
const awsCli = spawnSync('aws', ['--version'], { encoding: 'utf8' }).status === 0;
/** Each smoke test starts the AWS CLI (a Python program, ~0.5 s of CPU) up to five times. */
const SMOKE_TIMEOUT = 90_000;

(awsCli ? describe : describe.skip)('smoke-release.sh (AWS CLI against a local endpoint)', () => {
  interface FakeAccount {
    approval: string;
    endpoints: string[];
    endpointStatus: string;
    servedPackage: string;
  }
  let account: FakeAccount;
  const calls: string[] = [];
  let server: Server;
  let endpointUrl: string;

  beforeAll(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        const target = String(request.headers['x-amz-target'] ?? '');
        const input = JSON.parse(body || '{}') as Record<string, unknown>;
        calls.push(`${target.split('.').pop()} ${JSON.stringify(input)}`);
        const answer = (status: number, value: unknown) => {
          response.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
          response.end(JSON.stringify(value));
        };
        switch (target) {
          case 'SageMaker.DescribeModelPackage':
            return answer(200, {
              ModelPackageArn: input.ModelPackageName,
              ModelApprovalStatus: account.approval,
            });
          case 'ResourceGroupsTaggingAPI_20170126.GetResources':
            return answer(200, {
              ResourceTagMappingList: account.endpoints.map((name) => ({
                ResourceARN: `arn:aws:sagemaker:eu-west-1:222222222222:endpoint/${name}`,
              })),
            });
          case 'SageMaker.DescribeEndpoint':
            return answer(200, {
              EndpointName: input.EndpointName,
              EndpointStatus: account.endpointStatus,
              EndpointConfigName: `${String(input.EndpointName)}-config`,
            });
          case 'SageMaker.DescribeEndpointConfig':
            return answer(200, {
              ProductionVariants: [{ VariantName: 'main', ModelName: 'model-1' }],
            });
          case 'SageMaker.DescribeModel':
            return answer(200, {
              ModelName: input.ModelName,
              PrimaryContainer: { ModelPackageName: account.servedPackage },
            });
          default:
            return answer(400, { __type: 'UnknownOperationException', message: target });
        }
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    endpointUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  // closeAllConnections: a keep-alive connection of an AWS CLI process still running (its test
  // timed out) would otherwise hold close() and the Jest worker open.
  afterAll(() => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    calls.length = 0;
    account = {
      approval: 'Approved',
      endpoints: ['genai-test-fraud-detection-realtime'],
      endpointStatus: 'InService',
      servedPackage: PROMOTED,
    };
  });

  const smoke = (releases: ReleaseManifest['releases']) => {
    const configDir = configWithReleases(releases);
    return runScript('smoke-release.sh', ['test'], {
      cwd: configDir,
      env: {
        PLATFORM_CONFIG_DIR: configDir,
        AWS_ENDPOINT_URL: endpointUrl,
        AWS_ACCESS_KEY_ID: 'AKIAEXAMPLE',
        AWS_SECRET_ACCESS_KEY: 'example',
        AWS_CONFIG_FILE: '/dev/null',
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
      },
    });
  };
  const realtime = {
    project: 'fraud-detection',
    blueprint: 'inference-realtime' as const,
    modelPackageGroup: 'genai-llm-finetuned',
    modelPackageArn: PROMOTED,
  };

  it(
    'passes when the tagged endpoint is in service and serves the released package',
    async () => {
      const result = await smoke([realtime]);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `ok   inference-realtime/fraud-detection in test: endpoint genai-test-fraud-detection-realtime (InService) serves ${PROMOTED} through model model-1.`,
      );
      expect(calls[1]).toBe(
        `GetResources ${JSON.stringify({
          TagFilters: [
            { Key: 'platform', Values: ['genai'] },
            { Key: 'environment', Values: ['test'] },
            { Key: 'project', Values: ['fraud-detection'] },
            { Key: 'blueprint', Values: ['inference-realtime'] },
          ],
          ResourceTypeFilters: ['sagemaker:endpoint'],
        })}`,
      );
    },
    SMOKE_TIMEOUT,
  );

  it(
    'fails when the endpoint serves another package, naming both',
    async () => {
      account.servedPackage = PROMOTED.replace(/3$/, '2');
      const result = await smoke([realtime]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `endpoint genai-test-fraud-detection-realtime serves ${account.servedPackage} through model model-1, but`,
      );
      expect(result.stderr).toContain(`releases/test.json says ${PROMOTED}`);
    },
    SMOKE_TIMEOUT,
  );

  it(
    'fails when the package is not approved or no endpoint carries the tags',
    async () => {
      account.approval = 'PendingManualApproval';
      const pending = await smoke([realtime]);
      expect(pending.code).toBe(1);
      expect(pending.stderr).toContain(
        `${PROMOTED} is PendingManualApproval; only Approved packages`,
      );

      account.approval = 'Approved';
      account.endpoints = [];
      const missing = await smoke([realtime]);
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain(
        'no SageMaker endpoint is tagged platform=genai environment=test project=fraud-detection blueprint=inference-realtime',
      );
    },
    SMOKE_TIMEOUT,
  );

  it(
    "fails without calling AWS when a release names another account's package",
    async () => {
      const result = await smoke([{ ...realtime, modelPackageArn: SOURCE }]);
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `${SOURCE} is in 111111111111/eu-west-1, not in test's own registry (222222222222/eu-west-1`,
      );
      expect(calls).toEqual([]);
    },
    SMOKE_TIMEOUT,
  );
});

describe("promote.yml's request check (the resolve job's script, run with bash)", () => {
  const promote = parse(
    readFileSync(join(__dirname, '..', '..', '..', '.github', 'workflows', 'promote.yml'), 'utf8'),
  ) as { jobs: { resolve: { steps: { run: string }[] } } };
  const script = promote.jobs.resolve.steps[0].run;

  function check(
    source: string,
    arn: string,
    target = '',
  ): { code: number; stderr: string; stdout: string; outputs: string } {
    const output = join(tempDir(), 'github-output');
    writeFileSync(output, '');
    // As GitHub runs a `run:` step with `shell: bash`.
    const result = spawnSync(
      'bash',
      ['--noprofile', '--norc', '-e', '-o', 'pipefail', '-c', script],
      {
        encoding: 'utf8',
        env: {
          PATH: process.env.PATH,
          SOURCE_ENVIRONMENT: source,
          TARGET_ENVIRONMENT: target,
          MODEL_PACKAGE_ARN: arn,
          GITHUB_OUTPUT: output,
        },
      },
    );
    return {
      code: result.status ?? 1,
      stderr: result.stderr,
      stdout: result.stdout,
      outputs: readFileSync(output, 'utf8'),
    };
  }

  it('passes a source environment, its next environment and a package of its account on', () => {
    expect(check('dev', SOURCE, 'test')).toEqual({
      code: 0,
      stderr: '',
      stdout: '',
      outputs: `source-environment=dev\ntarget-environment=test\nmodel-package-arn=${SOURCE}\n`,
    });
    expect(check('test', PROMOTED).outputs).toBe(
      `source-environment=test\ntarget-environment=prod\nmodel-package-arn=${PROMOTED}\n`,
    );
  });

  it('fails on the last environment or an unknown one, printing the value escaped', () => {
    const last = check('prod', SOURCE);
    expect(last.code).toBe(1);
    expect(last.stdout).toContain(
      '::error::The source environment is not one a promotion starts from. Allowed: dev, test',
    );
    const injected = check('dev\n::set-output name=x::y', SOURCE);
    expect(injected.code).toBe(1);
    expect(injected.stdout).toContain("Received: $'dev\\n::set-output name=x::y'");
    expect(injected.stdout.split('\n').some((line) => line.startsWith('::set-output'))).toBe(false);
    expect(injected.outputs).toBe('');
  });

  it('fails when the target is not the next environment of the chain', () => {
    const skipping = check('dev', SOURCE, 'prod');
    expect(skipping.code).toBe(1);
    expect(skipping.stdout).toContain(
      '::error::A promotion from dev goes to test, the next environment',
    );
  });

  it("fails on a malformed ARN or a package outside the source environment's account", () => {
    const unversioned = check('dev', SOURCE.replace(/\/7$/, ''));
    expect(unversioned.code).toBe(1);
    expect(unversioned.stdout).toContain(
      '::error::The model package ARN is not a versioned model package ARN',
    );
    const elsewhere = check('dev', PROMOTED);
    expect(elsewhere.code).toBe(1);
    expect(elsewhere.stdout).toContain(
      `::error::The model package ARN ${PROMOTED} is in account 222222222222, but dev is account 111111111111 (environments/dev.json).`,
    );
  });
});
