import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/**
 * The external API's endpoint and key, from the Secrets Manager secret. The secret's value is
 * set out of band (never in Terraform state) as JSON: `{ "endpoint": "https://...", "apiKey":
 * "..." }`. The value is cached for `ttlMs` per container, so a rotated key is picked up within
 * that time (or at once after the API refuses the old one: `forget`). Neither the value nor a
 * message quoting it is ever logged or returned.
 */
export interface ApiCredentials {
  /** `https://` base URL of the API, without a trailing slash. */
  readonly endpoint: string;
  readonly apiKey: string;
}

/** The secret cannot be read or has an unusable value: the action is not configured. */
export class CredentialsError extends Error {
  override readonly name = 'CredentialsError';
  constructor(
    readonly reason: 'unreadable' | 'malformed',
    /** The SDK error's name (ResourceNotFoundException, AccessDeniedException...), never its message. */
    readonly errorName: string,
  ) {
    super(`API credentials ${reason} (${errorName})`);
  }
}

export const CREDENTIALS_TTL_MS = 5 * 60 * 1000;

export class ApiCredentialsCache {
  private cached?: { readonly value: ApiCredentials; readonly expiresAt: number };

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly ttlMs = CREDENTIALS_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<ApiCredentials> {
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached.value;
    let secretString: string | undefined;
    try {
      const answer = await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId }));
      secretString = answer.SecretString;
    } catch (error) {
      throw new CredentialsError(
        'unreadable',
        error instanceof Error ? error.name : 'UnknownError',
      );
    }
    const value = parseCredentials(secretString);
    this.cached = { value, expiresAt: this.now() + this.ttlMs };
    return value;
  }

  /** Drops the cached value, so the next call reads the secret again. */
  forget(): void {
    this.cached = undefined;
  }
}

function parseCredentials(secretString: string | undefined): ApiCredentials {
  let parsed: unknown;
  try {
    parsed = JSON.parse(secretString ?? '');
  } catch {
    throw new CredentialsError('malformed', 'NotJson');
  }
  const { endpoint, apiKey } = (parsed ?? {}) as { endpoint?: unknown; apiKey?: unknown };
  if (typeof apiKey !== 'string' || apiKey.length === 0)
    throw new CredentialsError('malformed', 'MissingApiKey');
  if (typeof endpoint !== 'string' || !isHttpsUrl(endpoint))
    throw new CredentialsError('malformed', 'EndpointNotHttps');
  return { endpoint: endpoint.replace(/\/+$/, ''), apiKey };
}

function isHttpsUrl(value: string): boolean {
  try {
    return new URL(value).protocol === 'https:';
  } catch {
    return false;
  }
}
