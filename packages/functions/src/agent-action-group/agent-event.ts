import { AGENT_FUNCTIONS, RECORD_ID_PATTERN } from './action-schema';

/**
 * Bedrock agent events for an action group defined by a function schema, and the answers the
 * agent expects (message version 1.0, "Lambda input event from Amazon Bedrock" and "Lambda
 * response event to Amazon Bedrock" of the Bedrock user guide).
 */
export interface AgentFunctionEvent {
  readonly messageVersion: string;
  readonly agent?: {
    readonly name?: string;
    readonly id?: string;
    readonly alias?: string;
    readonly version?: string;
  };
  readonly inputText?: string;
  readonly sessionId?: string;
  readonly actionGroup: string;
  readonly function: string;
  readonly parameters?: readonly { name: string; type: string; value: string }[];
  readonly sessionAttributes?: Readonly<Record<string, string>>;
  readonly promptSessionAttributes?: Readonly<Record<string, string>>;
}

/**
 * FAILURE ends the agent's turn with a dependency failure; REPROMPT gives the text to the model,
 * which can ask the user again. Without a state the text is the function's result.
 */
export type ResponseState = 'FAILURE' | 'REPROMPT';

export interface AgentFunctionResponse {
  readonly messageVersion: '1.0';
  readonly response: {
    readonly actionGroup: string;
    readonly function: string;
    readonly functionResponse: {
      readonly responseState?: ResponseState;
      readonly responseBody: { readonly TEXT: { readonly body: string } };
    };
  };
  readonly sessionAttributes?: Readonly<Record<string, string>>;
  readonly promptSessionAttributes?: Readonly<Record<string, string>>;
}

/** An event this function cannot answer at all: it has no action group or function to answer to. */
export class MalformedEventError extends Error {
  override readonly name = 'MalformedEventError';
}

/** Checks the envelope; throws MalformedEventError listing every problem. */
export function parseAgentEvent(event: unknown): AgentFunctionEvent {
  if (typeof event !== 'object' || event === null || Array.isArray(event)) {
    throw new MalformedEventError('Malformed agent event: expected a JSON object');
  }
  const candidate = event as Record<string, unknown>;
  const problems: string[] = [];
  if (candidate.messageVersion !== '1.0')
    problems.push(`messageVersion is ${JSON.stringify(candidate.messageVersion)}, expected "1.0"`);
  for (const field of ['actionGroup', 'function'] as const) {
    if (typeof candidate[field] !== 'string' || candidate[field] === '')
      problems.push(`${field} must be a non-empty string`);
  }
  const parameters = candidate.parameters;
  if (
    parameters !== undefined &&
    (!Array.isArray(parameters) ||
      !parameters.every(
        (p: unknown) =>
          typeof p === 'object' &&
          p !== null &&
          typeof (p as { name?: unknown }).name === 'string' &&
          typeof (p as { value?: unknown }).value === 'string',
      ))
  )
    problems.push('parameters must be a list of { name, type, value } with string values');
  if (problems.length > 0)
    throw new MalformedEventError(`Malformed agent event: ${problems.join('; ')}`);
  return candidate as unknown as AgentFunctionEvent;
}

/** The lookup the event asks for, or the text to reprompt the model with. */
export type LookupRequest =
  | { readonly ok: true; readonly recordId: string }
  | { readonly ok: false; readonly reprompt: string };

export function lookupRequestOf(event: AgentFunctionEvent): LookupRequest {
  const fn = AGENT_FUNCTIONS.lookupRecord;
  if (event.function !== fn.name)
    return {
      ok: false,
      reprompt: `Unknown function "${event.function}"; this action group offers ${fn.name}.`,
    };
  const recordId = event.parameters?.find((p) => p.name === 'record_id')?.value;
  if (recordId === undefined)
    return {
      ok: false,
      reprompt: `${fn.name} needs the parameter record_id; ask the user for it.`,
    };
  if (!RECORD_ID_PATTERN.test(recordId))
    return {
      ok: false,
      reprompt: `record_id must be 1 to 64 letters, digits, underscores or hyphens; ask the user for a valid ID.`,
    };
  return { ok: true, recordId };
}

/** The answer to `event`, keeping the session attributes as the agent sent them. */
export function agentResponse(
  event: AgentFunctionEvent,
  body: string,
  responseState?: ResponseState,
): AgentFunctionResponse {
  return {
    messageVersion: '1.0',
    response: {
      actionGroup: event.actionGroup,
      function: event.function,
      functionResponse: {
        ...(responseState && { responseState }),
        responseBody: { TEXT: { body } },
      },
    },
    ...(event.sessionAttributes && { sessionAttributes: event.sessionAttributes }),
    ...(event.promptSessionAttributes && {
      promptSessionAttributes: event.promptSessionAttributes,
    }),
  };
}
