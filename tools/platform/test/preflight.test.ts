import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { runPreflight } from '../src/preflight/preflight';
import { runCli, tempDir, workspace } from './helpers';

/**
 * `platform preflight` runs the real AWS SDK client against a local server that speaks the STS
 * Query protocol (form-encoded POST in, XML out), on 127.0.0.1 and a random port. The SDK signs,
 * serializes, retries and parses as it would against AWS; only the endpoint is local, given
 * through AWS_ENDPOINT_URL_STS in the CLI's context like any user would.
 */

const DEV = '111111111111';
const TEST = '222222222222';
const CALLER_KEY = 'AKIAPREFLIGHTCALLER1';
const ASSUMED_KEY = 'ASIAPREFLIGHTASSUMED';
const ASSUMED_TOKEN = 'FwoGZXIvYXdzEPreflightSessionToken';
const DEPLOY_SESSION = `arn:aws:sts::${DEV}:assumed-role/genai-dev-github-deploy/GitHubActions`;
const PROMOTION_ROLE = `arn:aws:iam::${DEV}:role/genai-dev-promotion`;

/** What the server received: the form parameters and who signed the request. */
interface StsRequest {
  readonly params: Record<string, string>;
  readonly accessKeyId: string | undefined;
  /** The region in the signature's credential scope. */
  readonly signingRegion: string | undefined;
  readonly securityToken: string | undefined;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

function callerIdentityReply(arn: string, account: string): Reply {
  return {
    status: 200,
    body:
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${arn}</Arn>` +
      `<UserId>AROAPREFLIGHT:session</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>req-gci</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

function assumeRoleReply(roleArn: string, session: string): Reply {
  const [, account, name] = /^arn:aws:iam::(\d+):role\/(?:.*\/)?([^/]+)$/.exec(roleArn) ?? [];
  const expiration = new Date(Date.now() + 15 * 60_000).toISOString();
  return {
    status: 200,
    body:
      `<AssumeRoleResponse xmlns="${NS}"><AssumeRoleResult><AssumedRoleUser>` +
      `<Arn>arn:aws:sts::${account}:assumed-role/${name}/${session}</Arn><AssumedRoleId>AROAPROMOTION:${session}</AssumedRoleId>` +
      `</AssumedRoleUser><Credentials><AccessKeyId>${ASSUMED_KEY}</AccessKeyId><SecretAccessKey>assumed-secret</SecretAccessKey>` +
      `<SessionToken>${ASSUMED_TOKEN}</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
      `</AssumeRoleResult><ResponseMetadata><RequestId>req-ar</RequestId></ResponseMetadata></AssumeRoleResponse>`,
  };
}

function errorReply(status: number, code: string, message: string): Reply {
  return {
    status,
    body:
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message>` +
      `</Error><RequestId>req-err</RequestId></ErrorResponse>`,
  };
}

/** AWS's behaviour for the keys of these tests: the caller is dev's deploy role; the assumed key its session. */
function awsLike(request: StsRequest): Reply {
  const action = request.params.Action;
  if (action === 'GetCallerIdentity' && request.accessKeyId === CALLER_KEY)
    return callerIdentityReply(DEPLOY_SESSION, DEV);
  if (action === 'GetCallerIdentity' && request.accessKeyId === ASSUMED_KEY)
    return callerIdentityReply(
      `arn:aws:sts::${DEV}:assumed-role/genai-dev-promotion/${request.params.RoleSessionName ?? 'platform-preflight-dev'}`,
      DEV,
    );
  if (action === 'AssumeRole')
    return assumeRoleReply(request.params.RoleArn, request.params.RoleSessionName);
  return errorReply(
    403,
    'InvalidClientTokenId',
    'The security token included in the request is invalid.',
  );
}

let server: Server;
let endpoint: string;
let received: StsRequest[] = [];
let respond: (request: StsRequest) => Reply = awsLike;

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const params = Object.fromEntries(
        new URLSearchParams(Buffer.concat(chunks).toString('utf8')),
      );
      const credential = /Credential=([^/]+)\/\d{8}\/([^/]+)\/sts\/aws4_request/.exec(
        request.headers.authorization ?? '',
      );
      const seen: StsRequest = {
        params,
        accessKeyId: credential?.[1],
        signingRegion: credential?.[2],
        securityToken: request.headers['x-amz-security-token'] as string | undefined,
      };
      received.push(seen);
      const reply = respond(seen);
      if (reply.status === 0) return; // never answer: the client's request timeout must end it
      response.writeHead(reply.status, { 'content-type': 'text/xml' });
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  received = [];
  respond = awsLike;
});

/** The environment of a job after aws-actions/configure-aws-credentials, pointed at the fake STS. */
function jobEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    AWS_ENDPOINT_URL_STS: endpoint,
    AWS_ACCESS_KEY_ID: CALLER_KEY,
    AWS_SECRET_ACCESS_KEY: 'caller-secret',
    AWS_SESSION_TOKEN: 'caller-session-token',
    ...extra,
  };
}

function preflight(args: string[], env: NodeJS.ProcessEnv = jobEnv(), cwd = workspace()) {
  return runCli(['preflight', ...args], { cwd, env });
}

/**
 * The CLI as `npm run platform` starts it, in its own process: outside Jest's sandbox, Node's
 * socket errors reach the SDK unwrapped, and the exit code and streams are the real ones.
 */
function platformProcess(args: string[], env: NodeJS.ProcessEnv) {
  const repositoryRoot = join(__dirname, '..', '..', '..');
  const child = spawn(
    process.execPath,
    [
      '--conditions=@genai-sandbox/source',
      '--import',
      'tsx',
      'tools/platform/src/main.ts',
      ...args,
    ],
    {
      cwd: repositoryRoot,
      env: { PATH: process.env.PATH, HOME: tempDir('preflight-home-'), ...env },
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const timer = setTimeout(() => child.kill(), 25_000);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/**
 * The parts of the SDK's default chain that only read process.env (files, web identity, container
 * and instance metadata) are pointed at nothing for one test, then restored.
 */
async function withIsolatedProcessEnv<T>(changes: NodeJS.ProcessEnv, body: () => Promise<T>) {
  const names = [
    'AWS_ACCESS_KEY_ID',
    'AWS_SECRET_ACCESS_KEY',
    'AWS_SESSION_TOKEN',
    'AWS_PROFILE',
    'AWS_DEFAULT_PROFILE',
    'AWS_WEB_IDENTITY_TOKEN_FILE',
    'AWS_ROLE_ARN',
    'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
    'AWS_CONTAINER_CREDENTIALS_FULL_URI',
    'AWS_CONFIG_FILE',
    'AWS_SHARED_CREDENTIALS_FILE',
    'AWS_EC2_METADATA_DISABLED',
    ...Object.keys(changes),
  ];
  const saved = new Map(names.map((name) => [name, process.env[name]]));
  const empty = tempDir('preflight-aws-');
  for (const name of names) delete process.env[name];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: join(empty, 'config'),
    AWS_SHARED_CREDENTIALS_FILE: join(empty, 'credentials'),
    AWS_EC2_METADATA_DISABLED: 'true',
    ...changes,
  });
  try {
    return await body();
  } finally {
    for (const [name, value] of saved) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

describe('platform preflight', () => {
  test('passes when the caller is in the environment account, printing its ARN and account', async () => {
    const result = await preflight(['--env', 'dev']);

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      `preflight: caller ${DEPLOY_SESSION} is in account ${DEV}, the account of environment "dev" (environments/dev.json accountId). OK.`,
    );
    expect(result.stdout).toContain(`STS endpoint ${endpoint} (from AWS_ENDPOINT_URL_STS)`);
    expect(received).toEqual([
      {
        params: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        accessKeyId: CALLER_KEY,
        signingRegion: 'eu-west-1',
        securityToken: 'caller-session-token',
      },
    ]);
  });

  test('fails when the caller is in another account, naming both accounts and the environment', async () => {
    respond = () =>
      callerIdentityReply(
        `arn:aws:sts::${TEST}:assumed-role/genai-test-github-deploy/GitHubActions`,
        TEST,
      );
    const result = await preflight(['--env', 'dev']);

    expect(result.code).toBe(1);
    expect(result.stdout).not.toContain('OK.');
    expect(result.stderr).toContain(
      `preflight: the caller arn:aws:sts::${TEST}:assumed-role/genai-test-github-deploy/GitHubActions is in account ${TEST}, ` +
        `but environment "dev" is account ${DEV} (environments/dev.json accountId). Refusing to continue: check the role this job assumed`,
    );
    expect(result.stderr).toContain('AWS_ACCESS_KEY_ID AKIA...LER1 with AWS_SESSION_TOKEN');
    expect(result.stderr).not.toContain('caller-secret');
  });

  test('fails when STS denies GetCallerIdentity, naming the call, the principal and the explicit deny', async () => {
    respond = () =>
      errorReply(
        403,
        'AccessDenied',
        `User: ${DEPLOY_SESSION} is not authorized to perform: sts:GetCallerIdentity with an explicit deny in a service control policy`,
      );
    const result = await preflight(['--env', 'dev']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `preflight: STS GetCallerIdentity at ${endpoint} (from AWS_ENDPOINT_URL_STS) was denied for the credentials from AWS_ACCESS_KEY_ID AKIA...LER1`,
    );
    expect(result.stderr).toContain(`(AccessDenied: User: ${DEPLOY_SESSION} is not authorized`);
    expect(result.stderr).toContain(
      'GetCallerIdentity needs no permission, so an explicit deny blocks it',
    );
    // A 403 is not retried: one request only.
    expect(received).toHaveLength(1);
  });

  test.each([
    [400, 'ExpiredToken', 'The security token included in the request is expired'],
    [400, 'ExpiredTokenException', 'Token expired'],
    [400, 'RequestExpired', 'Request has expired.'],
  ])(
    'fails when the credentials have expired (HTTP %i %s), saying how to refresh them',
    async (status, code, message) => {
      respond = () => errorReply(status, code, message);
      const result = await preflight(['--env', 'dev']);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `preflight: STS GetCallerIdentity at ${endpoint} (from AWS_ENDPOINT_URL_STS) refused the credentials from AWS_ACCESS_KEY_ID AKIA...LER1 with AWS_SESSION_TOKEN: the credentials have expired (${code}: ${message}).`,
      );
      expect(result.stderr).toContain('run aws-actions/configure-aws-credentials again');
      expect(result.stderr).toContain('aws sso login');
      expect(result.stderr.includes('clock of this machine')).toBe(code === 'RequestExpired');
    },
  );

  test('fails within seconds when the endpoint is unreachable, naming the endpoint', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const result = await preflight(['--env', 'dev'], jobEnv({ AWS_ENDPOINT_URL_STS: unreachable }));

    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      new RegExp(
        `^preflight: cannot reach the STS endpoint ${unreachable} \\(from AWS_ENDPOINT_URL_STS\\) for GetCallerIdentity ` +
          `\\(ECONNREFUSED: connect ECONNREFUSED 127\\.0\\.0\\.1:\\d+\\) after 2 attempts\\.`,
      ),
    );
    expect(result.stderr).toContain('or correct or unset AWS_ENDPOINT_URL_STS');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  test('fails after the request timeout when the endpoint accepts but never answers', async () => {
    respond = () => ({ status: 0, body: '' });
    const output: string[] = [];
    const started = Date.now();
    const error = await runPreflight({
      configDir: join(workspace(), 'environments'),
      environment: 'dev',
      env: jobEnv(),
      cwd: '/',
      output: { out: (text) => output.push(text), err: (text) => output.push(text) },
      timeouts: { connectionMs: 300, requestMs: 300 },
    }).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^preflight: cannot reach the STS endpoint ${endpoint} .*\\(ETIMEDOUT: .*300 ms requestTimeout.*\\) after 2 attempts`,
      ),
    );
    expect(received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('fails when no credentials can be found, saying how to provide them, before any request', async () => {
    const result = await withIsolatedProcessEnv({}, () =>
      preflight(['--env', 'dev'], { AWS_ENDPOINT_URL_STS: endpoint }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'preflight: no AWS credentials found (CredentialsProviderError: ',
    );
    expect(result.stderr).toContain("looked in the AWS SDK's default credential chain");
    expect(result.stderr).toContain(`Provide credentials for account ${DEV} (environment "dev")`);
    expect(result.stderr).toContain('aws-actions/configure-aws-credentials with role-to-assume');
    expect(received).toEqual([]);
  });

  test('takes AWS_PROFILE from the CLI context, over static keys, as the SDK does', async () => {
    const dir = tempDir('preflight-profile-');
    writeFileSync(
      join(dir, 'credentials'),
      '[genai-dev]\naws_access_key_id = AKIAPREFLIGHTPROFILE\naws_secret_access_key = profile-secret\n',
    );
    respond = (request) =>
      request.accessKeyId === 'AKIAPREFLIGHTPROFILE'
        ? callerIdentityReply(DEPLOY_SESSION, DEV)
        : errorReply(403, 'InvalidClientTokenId', 'unknown key');
    const result = await withIsolatedProcessEnv(
      { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      () => preflight(['--env', 'dev'], jobEnv({ AWS_PROFILE: 'genai-dev' })),
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(received.map((request) => request.accessKeyId)).toEqual(['AKIAPREFLIGHTPROFILE']);
  });

  describe('as its own process', () => {
    test('exits 1 on a mismatched account, naming both accounts on stderr', async () => {
      respond = () => callerIdentityReply(`arn:aws:sts::${TEST}:assumed-role/x/y`, TEST);
      const configDir = join(workspace(), 'environments');
      const result = await platformProcess(
        ['preflight', '--env', 'dev', '--config-dir', configDir],
        jobEnv(),
      );

      expect(result.stderr).toContain(
        `preflight: the caller arn:aws:sts::${TEST}:assumed-role/x/y is in account ${TEST}, but environment "dev" is account ${DEV}`,
      );
      // The SDK's warning about future Node versions is silenced; nothing else is.
      expect(result.stderr).not.toContain('NodeVersionSupportWarning');
      expect(result.code).toBe(1);
    }, 30_000);

    test('exits 1 within seconds on an unreachable endpoint, after 2 attempts', async () => {
      const unreachable = `http://127.0.0.1:${await closedPort()}`;
      const configDir = join(workspace(), 'environments');
      const started = Date.now();
      const result = await platformProcess(
        ['preflight', '--env', 'dev', '--config-dir', configDir],
        jobEnv({ AWS_ENDPOINT_URL_STS: unreachable }),
      );

      expect(result.stderr).toContain(
        `preflight: cannot reach the STS endpoint ${unreachable} (from AWS_ENDPOINT_URL_STS) for GetCallerIdentity (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:`,
      );
      expect(result.stderr).toContain('after 2 attempts');
      expect(result.code).toBe(1);
      expect(Date.now() - started).toBeLessThan(15_000);
    }, 30_000);
  });

  describe('--assume-role', () => {
    test('assumes the role with the caller credentials, then checks the session signed with the assumed ones', async () => {
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `preflight: assumed ${PROMOTION_ROLE} as arn:aws:sts::${DEV}:assumed-role/genai-dev-promotion/platform-preflight-dev (account ${DEV}, 900 s session). OK.`,
      );
      expect(received).toEqual([
        expect.objectContaining({
          params: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
          accessKeyId: CALLER_KEY,
        }),
        {
          params: {
            Action: 'AssumeRole',
            Version: '2011-06-15',
            RoleArn: PROMOTION_ROLE,
            RoleSessionName: 'platform-preflight-dev',
            DurationSeconds: '900',
          },
          accessKeyId: CALLER_KEY,
          signingRegion: 'eu-west-1',
          securityToken: 'caller-session-token',
        },
        {
          params: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
          accessKeyId: ASSUMED_KEY,
          signingRegion: 'eu-west-1',
          securityToken: ASSUMED_TOKEN,
        },
      ]);
    });

    test('refuses a role in another account before any call to AWS', async () => {
      const result = await preflight([
        '--env',
        'dev',
        '--assume-role',
        `arn:aws:iam::${TEST}:role/genai-test-promotion`,
      ]);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `Option --assume-role received arn:aws:iam::${TEST}:role/genai-test-promotion, a role in account ${TEST}, ` +
          `but environment "dev" is account ${DEV} (environments/dev.json accountId). Refusing to assume it`,
      );
      expect(received).toEqual([]);
    });

    test.each([
      'genai-dev-promotion',
      `arn:aws:iam::${DEV}:user/alice`,
      `arn:aws:iam::1111:role/x`,
    ])('refuses %s, which is not a role ARN, before any call to AWS', async (arn) => {
      const result = await preflight(['--env', 'dev', '--assume-role', arn]);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain(
        `Option --assume-role received "${arn}", which is not an IAM role ARN.`,
      );
      expect(received).toEqual([]);
    });

    test('fails when the trust policy refuses the caller, naming the role, the caller and the trust policy', async () => {
      respond = (request) =>
        request.params.Action === 'AssumeRole'
          ? errorReply(
              403,
              'AccessDenied',
              `User: ${DEPLOY_SESSION} is not authorized to perform: sts:AssumeRole on resource: ${PROMOTION_ROLE}`,
            )
          : awsLike(request);
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `preflight: STS AssumeRole of ${PROMOTION_ROLE} was denied for the caller ${DEPLOY_SESSION} (AccessDenied: User:`,
      );
      expect(result.stderr).toContain(
        `the role's trust policy does not trust the caller: its Principal must name arn:aws:iam::${DEV}:role/genai-dev-github-deploy`,
      );
      expect(received.map((request) => request.params.Action)).toEqual([
        'GetCallerIdentity',
        'AssumeRole',
      ]);
    });

    test('does not assume the role when the caller is already in another account', async () => {
      respond = (request) =>
        request.params.Action === 'GetCallerIdentity'
          ? callerIdentityReply(`arn:aws:sts::${TEST}:assumed-role/other/x`, TEST)
          : awsLike(request);
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `is in account ${TEST}, but environment "dev" is account ${DEV}`,
      );
      expect(received.map((request) => request.params.Action)).toEqual(['GetCallerIdentity']);
    });

    test('fails when the assumed session is not in the environment account', async () => {
      respond = (request) =>
        request.accessKeyId === ASSUMED_KEY
          ? callerIdentityReply(
              `arn:aws:sts::${TEST}:assumed-role/genai-dev-promotion/platform-preflight-dev`,
              TEST,
            )
          : awsLike(request);
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `preflight: after assuming ${PROMOTION_ROLE}, the caller is arn:aws:sts::${TEST}:assumed-role/genai-dev-promotion/platform-preflight-dev in account ${TEST}, ` +
          `but environment "dev" is account ${DEV}`,
      );
    });
  });

  describe('command line and configuration', () => {
    test('fails with exit code 2 when --env names no environment, listing those that exist', async () => {
      const result = await preflight(['--env', 'qa']);

      expect(result.code).toBe(2);
      expect(result.stderr).toContain('Unknown name "qa" in --env.');
      expect(result.stderr).toContain('Environments in environments: dev, test, prod.');
      expect(received).toEqual([]);
    });

    test('fails with exit code 2 when --env is missing or lists several', async () => {
      const missing = await preflight([]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('"platform preflight" needs --env <name>');

      const several = await preflight(['--env', 'dev,test']);
      expect(several.code).toBe(2);
      expect(several.stderr).toContain('Unknown name "dev,test" in --env.');
      expect(received).toEqual([]);
    });

    test('fails with exit code 1 and the problems when the configuration is invalid', async () => {
      const cwd = workspace((fixture) => {
        fixture.environments.dev.accountId = '1234';
      });
      const result = await preflight(['--env', 'dev'], jobEnv(), cwd);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/dev\.json[\s\S]*accountId/);
      expect(received).toEqual([]);
    });

    test('fails when AWS_ENDPOINT_URL_STS is not a URL', async () => {
      const result = await preflight(
        ['--env', 'dev'],
        jobEnv({ AWS_ENDPOINT_URL_STS: 'sts.local' }),
      );

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        'preflight: AWS_ENDPOINT_URL_STS is "sts.local", which is not an http(s) URL.',
      );
    });

    test('documents itself in --help', async () => {
      const result = await runCli(['preflight', '--help']);

      expect(result.code).toBe(0);
      expect(result.stdout).toContain('Usage: npm run platform -- preflight [options]');
      expect(result.stdout).toMatch(
        /--env <name>\s+the environment whose account the credentials must be in \(required\)/,
      );
      expect(result.stdout).toContain('--assume-role <arn>');
    });
  });
});
