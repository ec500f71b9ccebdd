import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import { jsonLogger, type Logger } from '../shared/log';
import { API_SECRET_ENVIRONMENT_VARIABLE } from './action-schema';
import {
  type AgentFunctionResponse,
  agentResponse,
  lookupRequestOf,
  MalformedEventError,
  parseAgentEvent,
} from './agent-event';
import { ApiCredentialsCache, CredentialsError } from './api-credentials';

/** The part of `fetch` the lookup uses; tests pass a fake API. */
export type Fetch = (url: string, init: RequestInit) => Promise<Response>;

export interface AgentActionGroupDependencies {
  readonly credentials: ApiCredentialsCache;
  /** @default globalThis.fetch */
  readonly fetch?: Fetch;
  /** Time the external API may take, in milliseconds. @default 5000 */
  readonly apiTimeoutMs?: number;
  readonly log?: Logger;
}

/** The agent reads at most 25 KB of a function's answer; longer records are cut. */
export const MAX_BODY_CHARACTERS = 20_000;

const NOT_CONFIGURED =
  'The external lookup is not configured in this environment; tell the user it is unavailable.';
const UNAVAILABLE = 'The external lookup failed; tell the user to try again later.';

/**
 * The handler, given its dependencies. Every answer is an agent function response: the record
 * (no state), REPROMPT when the model asked wrongly or the record does not exist, FAILURE when
 * the action cannot work (secret unreadable or malformed, API refusing the key or failing). An
 * event without an action group or function cannot be answered and fails the invocation.
 */
export function createAgentActionGroup(dependencies: AgentActionGroupDependencies) {
  const log = dependencies.log ?? jsonLogger;
  const doFetch: Fetch = dependencies.fetch ?? ((url, init) => fetch(url, init));
  const timeoutMs = dependencies.apiTimeoutMs ?? 5_000;
  return async (input: unknown): Promise<AgentFunctionResponse> => {
    const started = Date.now();
    let event;
    try {
      event = parseAgentEvent(input);
    } catch (error) {
      if (error instanceof MalformedEventError) log('error', 'event-malformed', {});
      throw error;
    }
    const fields = { actionGroup: event.actionGroup, function: event.function };
    const request = lookupRequestOf(event);
    if (!request.ok) {
      log('warn', 'call-refused', fields);
      return agentResponse(event, request.reprompt, 'REPROMPT');
    }
    let credentials;
    try {
      credentials = await dependencies.credentials.get();
    } catch (error) {
      if (!(error instanceof CredentialsError)) throw error;
      log('error', 'credentials-failed', {
        ...fields,
        reason: error.reason,
        errorName: error.errorName,
      });
      return agentResponse(event, NOT_CONFIGURED, 'FAILURE');
    }
    let answer: Response;
    try {
      answer = await doFetch(
        `${credentials.endpoint}/records/${encodeURIComponent(request.recordId)}`,
        {
          method: 'GET',
          headers: { accept: 'application/json', authorization: `Bearer ${credentials.apiKey}` },
          signal: AbortSignal.timeout(timeoutMs),
        },
      );
    } catch (error) {
      log('error', 'api-unreachable', {
        ...fields,
        errorName: error instanceof Error ? error.name : 'UnknownError',
        latencyMs: Date.now() - started,
      });
      return agentResponse(event, UNAVAILABLE, 'FAILURE');
    }
    const status = answer.status;
    if (status === 404) {
      log('info', 'record-missing', { ...fields, status, latencyMs: Date.now() - started });
      return agentResponse(
        event,
        `No record with ID ${request.recordId} exists; tell the user and ask for another ID.`,
        'REPROMPT',
      );
    }
    if (status < 200 || status >= 300) {
      // A refused key may have been rotated: read the secret again on the next call.
      if (status === 401 || status === 403) dependencies.credentials.forget();
      log('error', 'api-failed', { ...fields, status, latencyMs: Date.now() - started });
      return agentResponse(event, UNAVAILABLE, 'FAILURE');
    }
    const body = (await answer.text()).slice(0, MAX_BODY_CHARACTERS);
    log('info', 'record-served', { ...fields, status, latencyMs: Date.now() - started });
    return agentResponse(event, body);
  };
}

let deployed: ReturnType<typeof createAgentActionGroup> | undefined;

/** Lambda's entry point: the client and cache are built at the first event of a container. */
export async function handler(event: unknown): Promise<AgentFunctionResponse> {
  if (!deployed) {
    const secretId = process.env[API_SECRET_ENVIRONMENT_VARIABLE];
    if (!secretId)
      throw new Error(
        `${API_SECRET_ENVIRONMENT_VARIABLE} is not set; the stack names the secret of the external API there`,
      );
    const client = new SecretsManagerClient({
      maxAttempts: 3,
      retryMode: 'standard',
      requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: 5_000 }),
    });
    deployed = createAgentActionGroup({ credentials: new ApiCredentialsCache(client, secretId) });
  }
  return deployed(event);
}
