import { isDeployTime, type PropProblem } from '@genai-sandbox/core';

/** How long and how often EventBridge retries a target before the event goes to the dead-letter queue. */
export interface RetryPolicy {
  /** 60 to 86400 seconds. */
  readonly maximumEventAgeInSeconds: number;
  /** 0 to 185 attempts. */
  readonly maximumRetryAttempts: number;
}

/** A day of retries: an approval must not be lost to a short outage of the receiving side. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maximumEventAgeInSeconds: 86_400,
  maximumRetryAttempts: 20,
};

/** Every way a retry policy breaks EventBridge's limits (RetryPolicy in the EventBridge API); tokens are skipped. */
export function retryPolicyProblems(policy: RetryPolicy): PropProblem[] {
  const problems: PropProblem[] = [];
  const age = policy.maximumEventAgeInSeconds;
  const attempts = policy.maximumRetryAttempts;
  if (!isDeployTime(age) && (!Number.isInteger(age) || age < 60 || age > 86_400)) {
    problems.push({
      prop: 'retryPolicy.maximumEventAgeInSeconds',
      received: age,
      message: 'EventBridge allows whole seconds from 60 to 86400',
    });
  }
  if (!isDeployTime(attempts) && (!Number.isInteger(attempts) || attempts < 0 || attempts > 185)) {
    problems.push({
      prop: 'retryPolicy.maximumRetryAttempts',
      received: attempts,
      message: 'EventBridge allows 0 to 185 attempts',
    });
  }
  return problems;
}
