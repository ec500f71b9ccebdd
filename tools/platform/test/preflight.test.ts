import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runPreflight } from '../src/preflight/preflight';
import {
  ASSUMED_KEY,
  ASSUMED_TOKEN,
  awsLike,
  CALLER_KEY,
  callerIdentityReply,
  closedPort,
  DEPLOY_SESSION,
  DEV,
  errorReply,
  PROMOTION_ROLE,
  TEST,
  useFakeSts,
} from './fake-sts';
import { runCli, tempDir, workspace } from './helpers';

/**
 * `platform preflight` called as a function, with the real AWS SDK client against a local STS
 * (fake-sts.ts). preflight.integration.test.ts runs the CLI in its own process.
 */

const sts = useFakeSts();

function preflight(args: string[], env: NodeJS.ProcessEnv = sts.jobEnv(), cwd = workspace()) {
  return runCli(['preflight', ...args], { cwd, env });
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
    expect(result.stdout).toContain(`STS endpoint ${sts.endpoint} (from AWS_ENDPOINT_URL_STS)`);
    expect(sts.received).toEqual([
      {
        params: { Action: 'GetCallerIdentity', Version: '2011-06-15' },
        accessKeyId: CALLER_KEY,
        signingRegion: 'eu-west-1',
        securityToken: 'caller-session-token',
      },
    ]);
  });

  test('fails when the caller is in another account, naming both accounts and the environment', async () => {
    sts.respond = () =>
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
    sts.respond = () =>
      errorReply(
        403,
        'AccessDenied',
        `User: ${DEPLOY_SESSION} is not authorized to perform: sts:GetCallerIdentity with an explicit deny in a service control policy`,
      );
    const result = await preflight(['--env', 'dev']);

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      `preflight: STS GetCallerIdentity at ${sts.endpoint} (from AWS_ENDPOINT_URL_STS) was denied for the credentials from AWS_ACCESS_KEY_ID AKIA...LER1`,
    );
    expect(result.stderr).toContain(`(AccessDenied: User: ${DEPLOY_SESSION} is not authorized`);
    expect(result.stderr).toContain(
      'GetCallerIdentity needs no permission, so an explicit deny blocks it',
    );
    // A 403 is not retried: one request only.
    expect(sts.received).toHaveLength(1);
  });

  test.each([
    [400, 'ExpiredToken', 'The security token included in the request is expired'],
    [400, 'ExpiredTokenException', 'Token expired'],
    [400, 'RequestExpired', 'Request has expired.'],
  ])(
    'fails when the credentials have expired (HTTP %i %s), saying how to refresh them',
    async (status, code, message) => {
      sts.respond = () => errorReply(status, code, message);
      const result = await preflight(['--env', 'dev']);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `preflight: STS GetCallerIdentity at ${sts.endpoint} (from AWS_ENDPOINT_URL_STS) refused the credentials from AWS_ACCESS_KEY_ID AKIA...LER1 with AWS_SESSION_TOKEN: the credentials have expired (${code}: ${message}).`,
      );
      expect(result.stderr).toContain('run aws-actions/configure-aws-credentials again');
      expect(result.stderr).toContain('aws sso login');
      expect(result.stderr.includes('clock of this machine')).toBe(code === 'RequestExpired');
    },
  );

  test('fails within seconds when the endpoint is unreachable, naming the endpoint', async () => {
    const unreachable = `http://127.0.0.1:${await closedPort()}`;
    const started = Date.now();
    const result = await preflight(
      ['--env', 'dev'],
      sts.jobEnv({ AWS_ENDPOINT_URL_STS: unreachable }),
    );

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
    sts.respond = () => ({ status: 0, body: '' });
    const output: string[] = [];
    const started = Date.now();
    const error = await runPreflight({
      configDir: join(workspace(), 'environments'),
      environment: 'dev',
      env: sts.jobEnv(),
      cwd: '/',
      output: { out: (text) => output.push(text), err: (text) => output.push(text) },
      timeouts: { connectionMs: 300, requestMs: 300 },
    }).catch((caught: Error) => caught);

    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^preflight: cannot reach the STS endpoint ${sts.endpoint} .*\\(ETIMEDOUT: .*300 ms requestTimeout.*\\) after 2 attempts`,
      ),
    );
    expect(sts.received).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(3000);
  });

  test('fails when no credentials can be found, saying how to provide them, before any request', async () => {
    const result = await withIsolatedProcessEnv({}, () =>
      preflight(['--env', 'dev'], { AWS_ENDPOINT_URL_STS: sts.endpoint }),
    );

    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'preflight: no AWS credentials found (CredentialsProviderError: ',
    );
    expect(result.stderr).toContain("looked in the AWS SDK's default credential chain");
    expect(result.stderr).toContain(`Provide credentials for account ${DEV} (environment "dev")`);
    expect(result.stderr).toContain('aws-actions/configure-aws-credentials with role-to-assume');
    expect(sts.received).toEqual([]);
  });

  test('takes AWS_PROFILE from the CLI context, over static keys, as the SDK does', async () => {
    const dir = tempDir('preflight-profile-');
    writeFileSync(
      join(dir, 'credentials'),
      '[genai-dev]\naws_access_key_id = AKIAPREFLIGHTPROFILE\naws_secret_access_key = profile-secret\n',
    );
    sts.respond = (request) =>
      request.accessKeyId === 'AKIAPREFLIGHTPROFILE'
        ? callerIdentityReply(DEPLOY_SESSION, DEV)
        : errorReply(403, 'InvalidClientTokenId', 'unknown key');
    const result = await withIsolatedProcessEnv(
      { AWS_SHARED_CREDENTIALS_FILE: join(dir, 'credentials') },
      () => preflight(['--env', 'dev'], sts.jobEnv({ AWS_PROFILE: 'genai-dev' })),
    );

    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(sts.received.map((request) => request.accessKeyId)).toEqual(['AKIAPREFLIGHTPROFILE']);
  });

  describe('--assume-role', () => {
    test('assumes the role with the caller credentials, then checks the session signed with the assumed ones', async () => {
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(result.stdout).toContain(
        `preflight: assumed ${PROMOTION_ROLE} as arn:aws:sts::${DEV}:assumed-role/genai-dev-promotion/platform-preflight-dev (account ${DEV}, 900 s session). OK.`,
      );
      expect(sts.received).toEqual([
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
      expect(sts.received).toEqual([]);
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
      expect(sts.received).toEqual([]);
    });

    test('fails when the trust policy refuses the caller, naming the role, the caller and the trust policy', async () => {
      sts.respond = (request) =>
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
      expect(sts.received.map((request) => request.params.Action)).toEqual([
        'GetCallerIdentity',
        'AssumeRole',
      ]);
    });

    test('does not assume the role when the caller is already in another account', async () => {
      sts.respond = (request) =>
        request.params.Action === 'GetCallerIdentity'
          ? callerIdentityReply(`arn:aws:sts::${TEST}:assumed-role/other/x`, TEST)
          : awsLike(request);
      const result = await preflight(['--env', 'dev', '--assume-role', PROMOTION_ROLE]);

      expect(result.code).toBe(1);
      expect(result.stderr).toContain(
        `is in account ${TEST}, but environment "dev" is account ${DEV}`,
      );
      expect(sts.received.map((request) => request.params.Action)).toEqual(['GetCallerIdentity']);
    });

    test('fails when the assumed session is not in the environment account', async () => {
      sts.respond = (request) =>
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
      expect(sts.received).toEqual([]);
    });

    test('fails with exit code 2 when --env is missing or lists several', async () => {
      const missing = await preflight([]);
      expect(missing.code).toBe(2);
      expect(missing.stderr).toContain('"platform preflight" needs --env <name>');

      const several = await preflight(['--env', 'dev,test']);
      expect(several.code).toBe(2);
      expect(several.stderr).toContain('Unknown name "dev,test" in --env.');
      expect(sts.received).toEqual([]);
    });

    test('fails with exit code 1 and the problems when the configuration is invalid', async () => {
      const cwd = workspace((fixture) => {
        fixture.environments.dev.accountId = '1234';
      });
      const result = await preflight(['--env', 'dev'], sts.jobEnv(), cwd);

      expect(result.code).toBe(1);
      expect(result.stderr).toMatch(/dev\.json[\s\S]*accountId/);
      expect(sts.received).toEqual([]);
    });

    test('fails when AWS_ENDPOINT_URL_STS is not a URL', async () => {
      const result = await preflight(
        ['--env', 'dev'],
        sts.jobEnv({ AWS_ENDPOINT_URL_STS: 'sts.local' }),
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
