import type { ApiGatewayProxyEvent } from '../shared/api-gateway';
import { readJsonBody, RequestError } from '../shared/json-request';
import type { RouteTarget, RoutingSetting } from './routing-setting';

export { RequestError };

/** A request the router accepted: the route it names and the JSON input for the target. */
export interface RouterRequest {
  readonly route: string;
  readonly target: RouteTarget;
  readonly input: Record<string, unknown>;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function converseProblems(input: Record<string, unknown>): string[] {
  const messages = input.messages;
  if (!Array.isArray(messages) || messages.length === 0)
    return ['input.messages must be a non-empty array of { role, content: [{ text }] }'];
  const problems: string[] = [];
  messages.forEach((message, index) => {
    if (!isObject(message) || (message.role !== 'user' && message.role !== 'assistant'))
      problems.push(`input.messages[${index}].role must be "user" or "assistant"`);
    if (!isObject(message) || !Array.isArray(message.content) || message.content.length === 0)
      problems.push(`input.messages[${index}].content must be a non-empty array`);
  });
  if (input.system !== undefined && !Array.isArray(input.system))
    problems.push('input.system must be an array of { text }');
  if (input.inferenceConfig !== undefined && !isObject(input.inferenceConfig))
    problems.push('input.inferenceConfig must be an object');
  for (const key of Object.keys(input))
    if (!['messages', 'system', 'inferenceConfig'].includes(key))
      problems.push(
        `input.${key} is not accepted by this route; use messages, system, inferenceConfig`,
      );
  return problems;
}

/**
 * Reads `{ "route"?: string, "input": { ... } }` from a POST body. Every check runs before a
 * model is called, so a malformed request never reaches one; the messages name the field but
 * never echo its value, which may be a prompt.
 */
export function parseRequest(event: ApiGatewayProxyEvent, setting: RoutingSetting): RouterRequest {
  const body = readJsonBody(event, setting.maxBodyBytes ?? 4 * 1024 * 1024);
  if (!isObject(body))
    throw new RequestError(
      400,
      'InvalidBody',
      'the body must be a JSON object: { "route"?: string, "input": { ... } }',
    );
  const problems: string[] = [];
  const route = body.route ?? setting.defaultRoute;
  if (typeof route !== 'string' || !(route in setting.routes))
    problems.push(`route must be one of: ${Object.keys(setting.routes).join(', ')}`);
  if (!isObject(body.input)) problems.push('input must be a JSON object');
  for (const key of Object.keys(body))
    if (key !== 'route' && key !== 'input')
      problems.push(`${key} is not a field of the request; send route and input only`);
  const target = typeof route === 'string' ? setting.routes[route] : undefined;
  if (
    problems.length === 0 &&
    target?.kind === 'bedrock-model' &&
    (target.api ?? 'converse') === 'converse'
  )
    problems.push(...converseProblems(body.input as Record<string, unknown>));
  if (problems.length > 0 || !target)
    throw new RequestError(400, 'InvalidRequest', 'the request is not valid', problems);
  return { route: route as string, target, input: body.input as Record<string, unknown> };
}
