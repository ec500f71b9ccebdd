import type { ApiGatewayProxyEvent } from './api-gateway';

/** Why a request was refused, before any call was made for it. */
export class RequestError extends Error {
  constructor(
    readonly statusCode: 400 | 405 | 413 | 415,
    readonly code: string,
    message: string,
    readonly problems: readonly string[] = [],
  ) {
    super(message);
  }
}

/**
 * The JSON body of a POST proxy event: refuses another method (405), a content type other than
 * JSON (415), no body (400), more than `maxBodyBytes` (413) and text that is not JSON (400).
 * Messages never echo the body, which may hold a prompt.
 */
export function readJsonBody(event: ApiGatewayProxyEvent, maxBodyBytes: number): unknown {
  if (event.httpMethod && event.httpMethod !== 'POST')
    throw new RequestError(
      405,
      'MethodNotAllowed',
      `${event.httpMethod} is not supported; POST a JSON body`,
    );
  const contentType = Object.entries(event.headers ?? {}).find(
    ([name]) => name.toLowerCase() === 'content-type',
  )?.[1];
  if (contentType && !/^application\/json\b/i.test(contentType))
    throw new RequestError(
      415,
      'UnsupportedMediaType',
      `content-type ${contentType} is not supported; send application/json`,
    );
  if (event.body === undefined || event.body === null || event.body === '')
    throw new RequestError(
      400,
      'MissingBody',
      'the request has no body; POST { "input": { ... } }',
    );
  const bytes = event.isBase64Encoded
    ? Buffer.from(event.body, 'base64')
    : Buffer.from(event.body, 'utf8');
  if (bytes.length > maxBodyBytes)
    throw new RequestError(
      413,
      'PayloadTooLarge',
      `the body has ${bytes.length} bytes; this API accepts at most ${maxBodyBytes}`,
    );
  try {
    return JSON.parse(bytes.toString('utf8'));
  } catch {
    throw new RequestError(400, 'MalformedJson', 'the body is not valid JSON');
  }
}
