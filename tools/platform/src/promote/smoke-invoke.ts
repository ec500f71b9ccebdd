import { createHash, createHmac, type Hash, type Hmac } from 'node:crypto';
import { SignatureV4 } from '@smithy/signature-v4';
import { answerShapeProblems, type SmokeInvocation } from './release-gates';

/** AWS credentials as the signer takes them (the job's, from the default provider chain). */
export interface SmokeCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

/** Where the smoke test finds the routes and with what it signs; tests pass local ones. */
export interface SmokeApi {
  readonly region: string;
  readonly credentials: () => Promise<SmokeCredentials>;
  /** The URL of the route a stack owns: its `inference_url` output. */
  readonly routeUrl: (stack: string) => Promise<string>;
}

type SourceData = string | ArrayBuffer | ArrayBufferView;
const bytes = (data: SourceData): string | Uint8Array =>
  typeof data === 'string'
    ? data
    : ArrayBuffer.isView(data)
      ? new Uint8Array(data.buffer, data.byteOffset, data.byteLength)
      : new Uint8Array(data);

/** Node's SHA-256 (HMAC with a secret) behind the checksum interface SignatureV4 expects. */
class NodeSha256 {
  private readonly hash: Hash | Hmac;
  constructor(secret?: SourceData) {
    this.hash = secret === undefined ? createHash('sha256') : createHmac('sha256', bytes(secret));
  }
  update(data: SourceData): void {
    this.hash.update(bytes(data));
  }
  async digest(): Promise<Uint8Array> {
    return new Uint8Array(this.hash.digest());
  }
}

/** POSTs a JSON body to an inference route, signed with SigV4 for execute-api (IAM authorization). */
export async function signedPost(
  api: Pick<SmokeApi, 'region' | 'credentials'>,
  url: string,
  body: string,
): Promise<{ status: number; text: string }> {
  const target = new URL(url);
  const signer = new SignatureV4({
    service: 'execute-api',
    region: api.region,
    credentials: api.credentials,
    sha256: NodeSha256,
  });
  const signed = await signer.sign({
    method: 'POST',
    protocol: target.protocol,
    hostname: target.hostname,
    port: target.port ? Number(target.port) : undefined,
    path: target.pathname,
    query: {},
    headers: { host: target.host, 'content-type': 'application/json' },
    body,
  });
  const response = await fetch(url, {
    method: 'POST',
    headers: signed.headers as Record<string, string>,
    body,
    signal: AbortSignal.timeout(35_000),
  });
  return { status: response.status, text: await response.text() };
}

const describe = (error: unknown) =>
  error instanceof Error ? `${error.name}: ${error.message}` : String(error);

/**
 * Invokes each route through the project's inference API, as a client does (SigV4, the API's
 * request `{"input": ...}`, the router's answer `{"route", "output"}`), and checks the shape of
 * the endpoint's output. One line per invocation, and whether all passed.
 */
export async function smokeInvoke(
  api: SmokeApi,
  context: { readonly environment: string },
  invocations: readonly SmokeInvocation[],
): Promise<{ ok: boolean; lines: string[] }> {
  const lines: string[] = [];
  let ok = true;
  const fail = (line: string) => {
    ok = false;
    lines.push(`FAIL ${line}`);
  };
  for (const invocation of invocations) {
    const label = `${invocation.blueprint}/${invocation.project} in ${context.environment}`;
    if (invocation.authorization !== 'iam') {
      fail(
        `${label}: the route authorizes Cognito user pool tokens, and the smoke test signs with SigV4; remove blueprints.<blueprint>.api.cognito from environments/${context.environment}.json for environments that receive promotions, or smoke-test this route by hand`,
      );
      continue;
    }
    if (invocation.contentType !== 'application/json') {
      fail(
        `${label}: smokeTest.contentType is ${invocation.contentType}, but the inference API sends JSON to the endpoint; set contentType to application/json in platform.json`,
      );
      continue;
    }
    let url: string;
    try {
      url = await api.routeUrl(invocation.stack);
    } catch (error) {
      fail(
        `${label}: no inference_url output of stack ${invocation.stack} (${describe(error)}); was it applied?`,
      );
      continue;
    }
    try {
      const { status, text } = await signedPost(api, url, invocation.body);
      if (status !== 200) {
        fail(`${label}: POST ${url} answered ${status}: ${text.slice(0, 300)}`);
        continue;
      }
      const answer = JSON.parse(text) as { output?: unknown };
      const problems = answerShapeProblems(
        JSON.stringify(answer.output ?? null),
        invocation.expectKeys,
      );
      if (problems.length > 0) fail(`${label}: POST ${url}: ${problems.join('; ')}.`);
      else
        lines.push(`ok   ${label}: POST ${url} answered with ${invocation.expectKeys.join(', ')}.`);
    } catch (error) {
      fail(`${label}: POST ${url} failed: ${describe(error)}.`);
    }
  }
  return { ok, lines };
}
