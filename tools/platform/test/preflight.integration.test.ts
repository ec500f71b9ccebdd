import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { callerIdentityReply, closedPort, DEV, TEST, useFakeSts } from './fake-sts';
import { REPOSITORY_ROOT, SOURCE_CLI_ARGS, tempDir, workspace } from './helpers';

/**
 * The CLI as `npm run platform` starts it, in its own process, against the local STS of
 * fake-sts.ts: outside Jest's sandbox, Node's socket errors reach the SDK unwrapped, and the exit
 * code and streams are the real ones. preflight.test.ts holds the rest of preflight's tests.
 */

const sts = useFakeSts();

function platformProcess(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, [...SOURCE_CLI_ARGS, ...args], {
    cwd: REPOSITORY_ROOT,
    env: { PATH: process.env.PATH, HOME: tempDir('preflight-home-'), ...env },
  });
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

describe('platform preflight, as its own process', () => {
  test('exits 1 on a mismatched account, naming both accounts on stderr', async () => {
    sts.respond = () => callerIdentityReply(`arn:aws:sts::${TEST}:assumed-role/x/y`, TEST);
    const configDir = join(workspace(), 'environments');
    const result = await platformProcess(
      ['preflight', '--env', 'dev', '--config-dir', configDir],
      sts.jobEnv(),
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
      sts.jobEnv({ AWS_ENDPOINT_URL_STS: unreachable }),
    );

    expect(result.stderr).toContain(
      `preflight: cannot reach the STS endpoint ${unreachable} (from AWS_ENDPOINT_URL_STS) for GetCallerIdentity (ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:`,
    );
    expect(result.stderr).toContain('after 2 attempts');
    expect(result.code).toBe(1);
    expect(Date.now() - started).toBeLessThan(15_000);
  }, 30_000);
});
