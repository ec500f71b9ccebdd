import { createHmac } from 'node:crypto';

/** The part of `fetch` the delivery uses; tests may pass their own. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export const SIGNATURE_HEADER = 'x-genai-signature';
export const TIMESTAMP_HEADER = 'x-genai-timestamp';

/**
 * `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">` under the webhook secret: the receiver checks
 * the signature and refuses old timestamps, so a captured delivery cannot be replayed.
 */
export function signDelivery(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The webhook did not take a delivery after every attempt; the invocation fails and Lambda retries. */
export class DeliveryError extends Error {
  override readonly name = 'DeliveryError';
  constructor(
    readonly attempts: number,
    /** The last HTTP status, or the name of the network error. */
    readonly lastOutcome: string,
  ) {
    super(`webhook delivery failed after ${attempts} attempts (last: ${lastOutcome})`);
  }
}

export interface DeliveryOptions {
  readonly fetch: Fetch;
  readonly timeoutMs: number;
  /** Attempts within one invocation. @default 3 */
  readonly attempts?: number;
  /** First pause between attempts; doubles each time. @default 200 */
  readonly backoffMs?: number;
  readonly now?: () => number;
}

/** 408, 429 and 5xx may pass on a later attempt; any other refusal will not. */
const retryable = (status: number) => status === 408 || status === 429 || status >= 500;

/**
 * POSTs the signed JSON body. Network errors, timeouts, 408, 429 and 5xx are retried with
 * exponential backoff; other 4xx answers stop at once. Throws DeliveryError when no attempt
 * succeeded, so the invocation fails and Lambda's own retries and dead-letter queue take over.
 * Returns the status and the attempts used.
 */
export async function deliver(
  url: string,
  body: string,
  secret: string,
  options: DeliveryOptions,
): Promise<{ status: number; attempts: number }> {
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 200;
  const now = options.now ?? Date.now;
  let lastOutcome = 'none';
  for (let attempt = 1; attempt <= attempts; attempt += 1) {
    const timestamp = String(Math.floor(now() / 1000));
    try {
      const answer = await options.fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: signDelivery(secret, timestamp, body),
        },
        body,
        signal: AbortSignal.timeout(options.timeoutMs),
        redirect: 'manual',
      });
      await answer.arrayBuffer().catch(() => undefined);
      if (answer.status >= 200 && answer.status < 300)
        return { status: answer.status, attempts: attempt };
      lastOutcome = String(answer.status);
      if (!retryable(answer.status)) throw new DeliveryError(attempt, lastOutcome);
    } catch (error) {
      if (error instanceof DeliveryError) throw error;
      lastOutcome = error instanceof Error ? error.name : 'UnknownError';
    }
    if (attempt < attempts)
      await new Promise((resolve) => setTimeout(resolve, backoffMs * 2 ** (attempt - 1)));
  }
  throw new DeliveryError(attempts, lastOutcome);
}
