/** How long and how often EventBridge retries a target before the event goes to the dead-letter queue. */
export interface RetryPolicy {
  readonly maximumEventAgeInSeconds: number;
  readonly maximumRetryAttempts: number;
}

/** A day of retries: an approval must not be lost to a short outage of the receiving side. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = { maximumEventAgeInSeconds: 86_400, maximumRetryAttempts: 20 };
