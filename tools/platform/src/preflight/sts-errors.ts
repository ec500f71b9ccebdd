import type { StsSetup } from './sts-client';

/** The STS call that failed, and enough context to say what to do about it. */
export interface FailedCall {
  readonly action: 'GetCallerIdentity' | 'AssumeRole';
  readonly setup: StsSetup;
  readonly environment: { readonly name: string; readonly accountId: string };
  /** The caller's ARN, when an earlier GetCallerIdentity told it. */
  readonly callerArn?: string;
  /** AssumeRole only. */
  readonly roleArn?: string;
  /** A chained call runs with the assumed role's credentials, not the caller's. */
  readonly credentials?: string;
}

const EXPIRED = new Set(['ExpiredToken', 'ExpiredTokenException', 'RequestExpired']);
const DENIED = new Set(['AccessDenied', 'AccessDeniedException']);
const UNRECOGNISED = new Set([
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'SignatureDoesNotMatch',
  'IncompleteSignature',
]);
// Node's socket and DNS errors: the request never got an answer from STS.
const NETWORK = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'ECONNABORTED',
]);

interface ErrorShape {
  readonly name?: string;
  readonly code?: string;
  readonly message?: string;
  readonly $metadata?: { readonly httpStatusCode?: number; readonly attempts?: number };
}

/**
 * One message per kind of failure, each saying which call failed, for whom, and what to do.
 * The SDK's own message is kept in parentheses: AWS names the principal and the policy there.
 */
export function describeStsFailure(error: unknown, call: FailedCall): string {
  const shape: ErrorShape = typeof error === 'object' && error !== null ? error : {};
  const name = shape.name ?? 'Error';
  const message = (shape.message ?? String(error)).replace(WRAPPED, '');
  const detail = `${name}: ${message}`;
  const who =
    call.credentials ??
    call.callerArn ??
    `the credentials from ${call.setup.credentialSource.description}`;
  const at = `${call.setup.endpoint}${call.setup.endpointVariable ? ` (from ${call.setup.endpointVariable})` : ''}`;
  const account = `account ${call.environment.accountId} (environment "${call.environment.name}")`;
  const profile = call.setup.credentialSource.profile ?? '<profile>';

  const providerError = name === 'CredentialsProviderError' || name === 'TokenProviderError';
  if (EXPIRED.has(name) || (providerError && /expired/i.test(message))) {
    const clock =
      name === 'RequestExpired'
        ? ' If they are fresh, check the clock of this machine: AWS refuses requests signed more than 5 minutes off.'
        : '';
    return (
      `preflight: STS ${call.action} at ${at} refused ${who}: the credentials have expired (${detail}). ` +
      'Get fresh ones: in GitHub Actions, run aws-actions/configure-aws-credentials again in this job (a session ' +
      `lasts its role-duration-seconds, one hour at most for a chained role); locally, run "aws sso login --profile ${profile}" ` +
      `or assume the role again.${clock}`
    );
  }
  if (providerError) {
    return (
      `preflight: no AWS credentials found (${detail}); looked in ${call.setup.credentialSource.description}. ` +
      `Provide credentials for ${account}: in GitHub Actions, run aws-actions/configure-aws-credentials with ` +
      'role-to-assume before this step (the job needs "permissions: id-token: write"); locally, set AWS_PROFILE to a ' +
      `profile of that account and run "aws sso login --profile <name>", or export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY ` +
      'and AWS_SESSION_TOKEN.'
    );
  }
  if (DENIED.has(name)) {
    if (call.action === 'AssumeRole') {
      const callerRole = roleBehindSession(call.callerArn);
      return (
        `preflight: STS AssumeRole of ${call.roleArn} was denied for the caller ${who} (${detail}). ` +
        `Either the caller lacks sts:AssumeRole on ${call.roleArn} in its own policies or permissions boundary, or, ` +
        `most often, the role's trust policy does not trust the caller: its Principal must name ` +
        `${callerRole ?? 'the caller'} (for role chaining, the caller's role ARN, not its session ARN) and every ` +
        `Condition must match. Fix the trust policy of ${call.roleArn} or the caller's permissions, then run preflight again.`
      );
    }
    return (
      `preflight: STS GetCallerIdentity at ${at} was denied for ${who} (${detail}). GetCallerIdentity needs no ` +
      'permission, so an explicit deny blocks it: a service control policy, a permissions boundary or a session policy ' +
      `that denies sts:GetCallerIdentity to this principal. Remove that deny, or use credentials of another role in ${account}.`
    );
  }
  if (UNRECOGNISED.has(name)) {
    return (
      `preflight: STS ${call.action} at ${at} does not recognise ${who} (${detail}): the access key is mistyped, ` +
      'deleted or of another partition, or the secret key or session token does not belong to it. ' +
      `Get fresh credentials for ${account}.`
    );
  }
  const network = networkCode(shape);
  if (name === 'TimeoutError' || network) {
    const attempts = shape.$metadata?.attempts;
    return (
      `preflight: cannot reach the STS endpoint ${at} for ${call.action} (${network ?? name}: ${message})` +
      `${attempts ? ` after ${attempts} attempt${attempts === 1 ? '' : 's'}` : ''}. Check the network and DNS of this ` +
      `machine (a private runner needs a route or a VPC endpoint for STS in ${call.setup.region})` +
      `${call.setup.endpointVariable ? `, or correct or unset ${call.setup.endpointVariable}` : ''}.`
    );
  }
  const status = shape.$metadata?.httpStatusCode;
  return (
    `preflight: STS ${call.action} at ${at} failed for ${who} (${detail}${status ? `, HTTP ${status}` : ''}). ` +
    `Nothing was checked; fix the cause AWS gives and run preflight again.`
  );
}

// The SDK's retry middleware re-wraps a thrown value that is not an `instanceof Error` of its own
// realm (Node's socket errors inside a test runner's sandbox) as `new Error("AWS SDK error wrapper
// for Error: connect ECONNREFUSED ...")`: the code then survives only in the message.
const WRAPPED = /^AWS SDK error wrapper for (?:Error: )?/;

function networkCode(shape: ErrorShape): string | undefined {
  if (shape.code !== undefined && NETWORK.has(shape.code)) return shape.code;
  if (!WRAPPED.test(shape.message ?? '')) return undefined;
  return [...NETWORK].find((code) => new RegExp(`\\b${code}\\b`).test(shape.message ?? ''));
}

/** `arn:aws:sts::1:assumed-role/name/session` -> `arn:aws:iam::1:role/name` (path unknown). */
function roleBehindSession(callerArn: string | undefined): string | undefined {
  const match = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\/.+$/.exec(callerArn ?? '');
  return match ? `arn:${match[1]}:iam::${match[2]}:role/${match[3]}` : undefined;
}
