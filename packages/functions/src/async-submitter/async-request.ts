import type { ApiGatewayProxyEvent } from '../shared/api-gateway';
import { MAX_ASYNC_BODY_BYTES } from './submitter-setting';

/** Why a request was refused, before anything was stored or queued. */
export class AsyncRequestError extends Error {
  constructor(
    readonly statusCode: 400 | 405 | 413 | 415,
    readonly code: string,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Reads `{ "input": { ... } }` from a POST body and returns the input as the JSON the model
 * receives. Messages name the field, never its value, which may hold a prompt.
 */
export function parseAsyncRequest(
  event: ApiGatewayProxyEvent,
  maxBodyBytes = MAX_ASYNC_BODY_BYTES,
): string {
  if (event.httpMethod && event.httpMethod !== 'POST')
    throw new AsyncRequestError(
      405,
      'MethodNotAllowed',
      `${event.httpMethod} is not supported; POST a JSON body`,
    );
  const contentType = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  if (contentType && !/^application\/json\b/i.test(contentType))
    throw new AsyncRequestError(
      415,
      'UnsupportedMediaType',
      `content-type ${contentType} is not supported; send application/json`,
    );
  if (event.body === undefined || event.body === null || event.body === '')
    throw new AsyncRequestError(
      400,
      'MissingBody',
      'the request has no body; POST { "input": { ... } }',
    );
  const bytes = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64')
    : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBodyBytes)
    throw new AsyncRequestError(
      413,
      'PayloadTooLarge',
      `the body has ${bytes.length} bytes; this route accepts up to ${maxBodyBytes}`,
    );
  let body: unknown;
  try {
    body = JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new AsyncRequestError(400, 'MalformedJson', 'the body is not valid JSON');
  }
  const problems: string[] = [];
  if (!isObject(body)) problems.push('the body must be a JSON object { "input": { ... } }');
  else {
    if (!isObject(body.input)) problems.push('input must be a JSON object: the model payload');
    for (const key of Object.keys(body))
      if (key !== 'input') problems.push(`${key} is not accepted by this route; send only input`);
  }
  if (problems.length > 0)
    throw new AsyncRequestError(400, 'InvalidRequest', 'the request is invalid', problems);
  return JSON.stringify((body as { input: unknown }).input);
}
