/**
 * The errors of the project orchestration's functions, by the name Step Functions sees
 * (a Node.js function's error type is the error's `name`). The state machine retries the
 * transient ones by these names and sends every other to its catch, so the names are a
 * contract between the handlers and the definition: both import them from here.
 */
export const ORCHESTRATION_ERRORS = {
  /** The event or the input of a step is not what the rule or the previous step sends. */
  invalidInput: 'InvalidOrchestrationInput',
  /** The project's Tooling environment (and with it the project role) is still deploying. */
  projectNotReady: 'ProjectNotReady',
  /** The project cannot be provisioned as it is: unknown profile or account, unusable name. */
  projectNotProvisionable: 'ProjectNotProvisionable',
  /** GitHub answered 5xx or 429, or did not answer. */
  gitHubUnavailable: 'GitHubUnavailable',
  /** GitHub refused the call (token, permissions, validation): retrying changes nothing. */
  gitHubRefused: 'GitHubRefused',
} as const;

export type OrchestrationErrorName =
  (typeof ORCHESTRATION_ERRORS)[keyof typeof ORCHESTRATION_ERRORS];

/** An error whose name is one of ORCHESTRATION_ERRORS; the message says what to fix. */
export class OrchestrationError extends Error {
  constructor(
    override readonly name: OrchestrationErrorName,
    message: string,
  ) {
    super(message);
  }
}

/** The value as a message shows it: JSON, cut to a readable length. */
export function shown(value: unknown): string {
  const text = value === undefined ? 'nothing' : JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
