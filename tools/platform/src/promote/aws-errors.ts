/** A failed S3 or SageMaker call of promote, and what it means for the user. */
export interface FailedPromoteCall {
  readonly service: 'S3' | 'SageMaker' | 'ECR';
  readonly action: string;
  /** What the call was about: an ARN, `s3://bucket/key`. */
  readonly resource: string;
  /** The promotion role's ARN: every call after AssumeRole runs as it. */
  readonly role: string;
  /** Where the call went, for network failures. */
  readonly endpoint: string;
  /** What the user should check when AWS denied the call. */
  readonly deniedHint: string;
}

interface ErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

const DENIED = new Set(['AccessDenied', 'AccessDeniedException', 'Forbidden']);

/** The text AWS (or Node) gave, without the SDK's wrapper prefix. */
export function errorDetail(error: unknown): { name: string; detail: string; shape: ErrorShape } {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  const name = shape.name ?? 'Error';
  const message = (shape.message ?? String(error)).replace(/^AWS SDK error wrapper for /, '');
  return { name, detail: `${name}: ${message}`, shape };
}

/**
 * An SDK error that never got an HTTP answer (a refused, reset or timed-out connection) carries no
 * status code; every service error does.
 */
export function isNetworkFailure(error: unknown): boolean {
  const { name, shape } = errorDetail(error);
  return name === 'TimeoutError' || shape.$metadata?.httpStatusCode === undefined;
}

/** One sentence on what failed and why; the caller adds what was done and how to go on. */
export function describePromoteFailure(error: unknown, call: FailedPromoteCall): string {
  const { name, detail, shape } = errorDetail(error);
  const what = `${call.service} ${call.action} on ${call.resource}`;
  if (DENIED.has(name)) {
    return `${what} was denied to ${call.role} (${detail}). ${call.deniedHint}`;
  }
  if (isNetworkFailure(error)) {
    const attempts = shape.$metadata?.attempts;
    return (
      `${what} lost its connection to ${call.endpoint} (${detail})` +
      `${attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}: a network failure, not an answer from AWS.`
    );
  }
  const status = shape.$metadata?.httpStatusCode;
  return `${what} failed as ${call.role} (${detail}${status ? `, HTTP ${status}` : ''}).`;
}
