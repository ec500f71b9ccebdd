import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local server that speaks the STS Query protocol (form-encoded POST in, XML out), on 127.0.0.1
 * and a random port, for `platform preflight`: the real AWS SDK client signs, serializes, retries
 * and parses as it would against AWS; only the endpoint is local, given through
 * AWS_ENDPOINT_URL_STS in the CLI's context like any user would. Shared by the unit tests (the CLI
 * called as a function) and the integration tests (the CLI in its own process).
 */

export const DEV = '111111111111';
export const TEST = '222222222222';
export const CALLER_KEY = 'AKIAPREFLIGHTCALLER1';
export const ASSUMED_KEY = 'ASIAPREFLIGHTASSUMED';
export const ASSUMED_TOKEN = 'FwoGZXIvYXdzEPreflightSessionToken';
export const DEPLOY_SESSION = `arn:aws:sts::${DEV}:assumed-role/genai-dev-github-deploy/GitHubActions`;
export const PROMOTION_ROLE = `arn:aws:iam::${DEV}:role/genai-dev-promotion`;

/** What the server received: the form parameters and who signed the request. */
export interface StsRequest {
  readonly params: Record<string, string>;
  readonly accessKeyId: string | undefined;
  /** The region in the signature's credential scope. */
  readonly signingRegion: string | undefined;
  readonly securityToken: string | undefined;
}

/** An answer; status 0 never answers, so that the client's request timeout must end the call. */
export interface Reply {
  readonly status: number;
  readonly body: string;
}

const NS = 'https://sts.amazonaws.com/doc/2011-06-15/';

export function callerIdentityReply(arn: string, account: string): Reply {
  return {
    status: 200,
    body:
      `<GetCallerIdentityResponse xmlns="${NS}"><GetCallerIdentityResult><Arn>${arn}</Arn>` +
      `<UserId>AROAPREFLIGHT:session</UserId><Account>${account}</Account></GetCallerIdentityResult>` +
      `<ResponseMetadata><RequestId>req-gci</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
  };
}

export function assumeRoleReply(roleArn: string, session: string): Reply {
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

export function errorReply(status: number, code: string, message: string): Reply {
  return {
    status,
    body:
      `<ErrorResponse xmlns="${NS}"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message>` +
      `</Error><RequestId>req-err</RequestId></ErrorResponse>`,
  };
}

/** AWS's behaviour for the keys of these tests: the caller is dev's deploy role; the assumed key its session. */
export function awsLike(request: StsRequest): Reply {
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

export interface FakeSts {
  /** `http://127.0.0.1:<port>`, set once the server listens (from beforeAll on). */
  readonly endpoint: string;
  /** What the server received since the current test began. */
  readonly received: StsRequest[];
  /** How it answers the current test: awsLike unless the test sets another. */
  respond: (request: StsRequest) => Reply;
  /** The environment of a job after aws-actions/configure-aws-credentials, pointed at this server. */
  jobEnv(extra?: NodeJS.ProcessEnv): NodeJS.ProcessEnv;
}

/**
 * The fake STS of a test file: listening before its first test, forgetting what it received and
 * answering as AWS does before each, closed after the last. Call it at the top of the file.
 */
export function useFakeSts(): FakeSts {
  const received: StsRequest[] = [];
  const sts: FakeSts = {
    endpoint: '',
    received,
    respond: awsLike,
    jobEnv: (extra = {}) => ({
      AWS_ENDPOINT_URL_STS: sts.endpoint,
      AWS_ACCESS_KEY_ID: CALLER_KEY,
      AWS_SECRET_ACCESS_KEY: 'caller-secret',
      AWS_SESSION_TOKEN: 'caller-session-token',
      ...extra,
    }),
  };
  const server = createServer((request: IncomingMessage, response: ServerResponse) => {
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
      const reply = sts.respond(seen);
      if (reply.status === 0) return;
      response.writeHead(reply.status, { 'content-type': 'text/xml' });
      response.end(reply.body);
    });
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    (sts as { endpoint: string }).endpoint =
      `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    received.length = 0;
    sts.respond = awsLike;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  return sts;
}

/** A port on 127.0.0.1 that nothing listens on: bound, then released. */
export async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
