import type { ApiGatewayProxyEvent } from '../shared/api-gateway';
import { readJsonBody, RequestError } from '../shared/json-request';
import { MAX_ASYNC_BODY_BYTES } from './submitter-setting';

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
  const body = readJsonBody(event, maxBodyBytes);
  const problems: string[] = [];
  if (!isObject(body)) problems.push('the body must be a JSON object { "input": { ... } }');
  else {
    if (!isObject(body.input)) problems.push('input must be a JSON object: the model payload');
    for (const key of Object.keys(body))
      if (key !== 'input') problems.push(`${key} is not accepted by this route; send only input`);
  }
  if (problems.length > 0)
    throw new RequestError(400, 'InvalidRequest', 'the request is invalid', problems);
  return JSON.stringify((body as { input: unknown }).input);
}
