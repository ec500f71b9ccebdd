import { GetSecretValueCommand, type SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The webhook's signing secret cannot be read or is empty: nothing is delivered unsigned. */
export class SigningSecretError extends Error {
  override readonly name = 'SigningSecretError';
  constructor(
    /** The SDK error's name, or EmptySecret; never the value. */
    readonly errorName: string,
  ) {
    super(
      `webhook signing secret unusable (${errorName}); put a value of at least 32 characters with aws secretsmanager put-secret-value`,
    );
  }
}

export const SECRET_TTL_MS = 5 * 60 * 1000;
/** Shorter secrets are refused: an HMAC key should carry at least 256 bits of guesswork. */
export const MIN_SECRET_LENGTH = 32;

/**
 * The signing secret, read from Secrets Manager (its value is set out of band, never in
 * Terraform state) and cached per container for `ttlMs`, so a rotated secret is used within
 * that time. The value is never logged.
 */
export class SigningSecret {
  private cached?: { readonly value: string; readonly expiresAt: number };

  constructor(
    private readonly client: SecretsManagerClient,
    private readonly secretId: string,
    private readonly ttlMs = SECRET_TTL_MS,
    private readonly now: () => number = Date.now,
  ) {}

  async get(): Promise<string> {
    if (this.cached && this.cached.expiresAt > this.now()) return this.cached.value;
    let value: string | undefined;
    try {
      value = (await this.client.send(new GetSecretValueCommand({ SecretId: this.secretId })))
        .SecretString;
    } catch (error) {
      throw new SigningSecretError(error instanceof Error ? error.name : 'UnknownError');
    }
    if (!value || value.length < MIN_SECRET_LENGTH) throw new SigningSecretError('EmptySecret');
    this.cached = { value, expiresAt: this.now() + this.ttlMs };
    return value;
  }
}
