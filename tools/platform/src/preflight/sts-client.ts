import { STSClient, type STSClientConfig } from '@aws-sdk/client-sts';
import { CliError } from '../errors';

/** How long preflight waits on STS. STS answers in milliseconds; a dead endpoint must fail fast. */
export interface StsTimeouts {
  /** TCP (and TLS) connection. */
  readonly connectionMs: number;
  /** From the request sent to the full answer. */
  readonly requestMs: number;
}

export const DEFAULT_TIMEOUTS: StsTimeouts = { connectionMs: 3000, requestMs: 10_000 };

/**
 * Two attempts: one retry covers a dropped connection, and an unreachable endpoint still fails
 * within about two connection timeouts instead of the SDK's default three attempts.
 */
const MAX_ATTEMPTS = 2;

/** Where the credentials come from, for messages; never holds a secret. */
export interface CredentialSource {
  readonly kind: 'environment' | 'profile' | 'default-chain';
  readonly description: string;
  /** The profile name, for `aws sso login --profile` hints. */
  readonly profile?: string;
}

/** What preflight's STS calls go to, and with which credentials. */
export interface StsSetup {
  readonly region: string;
  /** The endpoint URL as printed in messages. */
  readonly endpoint: string;
  /** The variable the endpoint came from, when it was overridden. */
  readonly endpointVariable?: string;
  readonly credentialSource: CredentialSource;
  /** Builds a client with the caller's credentials, or with the given ones (role chaining). */
  client(credentials?: StaticCredentials): STSClient;
}

export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
  readonly expiration?: Date;
}

/**
 * Reads what the AWS SDK would read (endpoint override, static keys, profile) from `env`, the
 * CLI's context, rather than from process.env, so that tests run in-process with their own
 * values. What remains for the SDK's default chain to find by itself (web identity token files,
 * container and instance metadata, the shared config files, SSO caches) is read from process.env
 * inside the SDK: in the real CLI `env` is process.env, so both agree.
 */
export function stsSetup(
  env: NodeJS.ProcessEnv,
  region: string,
  timeouts: StsTimeouts = DEFAULT_TIMEOUTS,
): StsSetup {
  const override = endpointOverride(env);
  const endpoint = override?.url ?? `https://sts.${region}.${dnsSuffix(region)}`;
  const credentials = callerCredentials(env);
  const base: STSClientConfig = {
    region,
    maxAttempts: MAX_ATTEMPTS,
    // throwOnRequestTimeout: without it the handler only logs a warning and waits for ever.
    requestHandler: {
      connectionTimeout: timeouts.connectionMs,
      requestTimeout: timeouts.requestMs,
      throwOnRequestTimeout: true,
    },
    ...(override && { endpoint: override.url }),
  };
  return {
    region,
    endpoint,
    endpointVariable: override?.variable,
    credentialSource: credentials.source,
    client: (chained) =>
      new STSClient({
        ...base,
        ...(chained ? { credentials: chained } : credentials.config),
      }),
  };
}

/**
 * AWS_ENDPOINT_URL_STS, then AWS_ENDPOINT_URL, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is
 * true: the SDK's own order. Read here so that it comes from the CLI's context and is printed.
 */
function endpointOverride(env: NodeJS.ProcessEnv): { url: string; variable: string } | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.toLowerCase() === 'true') return undefined;
  for (const variable of ['AWS_ENDPOINT_URL_STS', 'AWS_ENDPOINT_URL']) {
    const value = env[variable]?.trim();
    if (!value) continue;
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:')) {
      throw new CliError(
        `preflight: ${variable} is "${value}", which is not an http(s) URL. ` +
          `Set it to an STS endpoint such as https://sts.eu-west-1.amazonaws.com, or unset it to use the regional endpoint.`,
      );
    }
    return { url: value.replace(/\/+$/, ''), variable };
  }
  return undefined;
}

function dnsSuffix(region: string): string {
  return region.startsWith('cn-') ? 'amazonaws.com.cn' : 'amazonaws.com';
}

/**
 * The SDK's precedence: a profile wins over static keys (the SDK warns when both are set), static
 * keys win over everything else. Static keys are handed over as they are; the rest is left to the
 * SDK's default chain, with the profile named explicitly.
 */
export function callerCredentials(env: NodeJS.ProcessEnv): {
  source: CredentialSource;
  config: Pick<STSClientConfig, 'credentials' | 'profile'>;
} {
  const profile = env.AWS_PROFILE?.trim();
  if (profile) {
    return {
      source: { kind: 'profile', description: `the profile AWS_PROFILE=${profile}`, profile },
      config: { profile },
    };
  }
  const accessKeyId = env.AWS_ACCESS_KEY_ID?.trim();
  const secretAccessKey = env.AWS_SECRET_ACCESS_KEY?.trim();
  if (accessKeyId && secretAccessKey) {
    const sessionToken = env.AWS_SESSION_TOKEN?.trim() || undefined;
    const expiry = env.AWS_CREDENTIAL_EXPIRATION?.trim();
    return {
      source: {
        kind: 'environment',
        description: `AWS_ACCESS_KEY_ID ${maskKey(accessKeyId)}${sessionToken ? ' with AWS_SESSION_TOKEN' : ''}`,
      },
      config: {
        credentials: {
          accessKeyId,
          secretAccessKey,
          ...(sessionToken && { sessionToken }),
          ...(expiry && { expiration: new Date(expiry) }),
        },
      },
    };
  }
  return {
    source: {
      kind: 'default-chain',
      description:
        "the AWS SDK's default credential chain (web identity token, shared config and credentials files, container or instance metadata)",
    },
    config: {},
  };
}

/** An access key ID is not a secret, but logs need no more than its end to tell keys apart. */
function maskKey(accessKeyId: string): string {
  return `${accessKeyId.slice(0, 4)}...${accessKeyId.slice(-4)}`;
}
