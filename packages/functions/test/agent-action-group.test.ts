import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { AwsTestServer, SecretsManagerService } from '@genai-sandbox/aws-test-server';
import { AGENT_FUNCTIONS } from '../src';
import { ApiCredentialsCache, CREDENTIALS_TTL_MS } from '../src/agent-action-group/api-credentials';
import { createAgentActionGroup, type Fetch, handler } from '../src/agent-action-group/handler';

/**
 * The action-group function with the real Secrets Manager client (signing, JSON 1.1, error
 * parsing) against the local AWS server, and a fake external API in place of `fetch`.
 */

const FUNCTION_KEY = 'AKIATESTAGENTACTION0';
const OTHER_KEY = 'AKIATESTOTHERROLE000';
const API_KEY = 'sk-live-do-not-log-4711';
const SECRET = 'genai-dev-fraud-detection-agent-api';
const secretsManager = new SecretsManagerService();
const aws = new AwsTestServer([secretsManager]);

interface ApiCall {
  readonly url: string;
  readonly authorization: string | undefined;
}
let apiCalls: ApiCall[] = [];
let apiAnswer: (url: string) => Response;
const fakeApi: Fetch = async (url, init) => {
  apiCalls.push({
    url,
    authorization: new Headers(init.headers).get('authorization') ?? undefined,
  });
  return apiAnswer(url);
};

let logs: string[] = [];
let now = 1_000_000;
function actionGroup(accessKeyId = FUNCTION_KEY, secretId = SECRET) {
  const client = new SecretsManagerClient({
    endpoint: aws.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'secret' },
    maxAttempts: 1,
  });
  return createAgentActionGroup({
    credentials: new ApiCredentialsCache(client, secretId, CREDENTIALS_TTL_MS, () => now),
    fetch: fakeApi,
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });
}

const agentEvent = (overrides: Record<string, unknown> = {}) => ({
  messageVersion: '1.0',
  agent: {
    name: 'genai-dev-fraud-detection-agent',
    id: 'AGENT12345',
    alias: 'ALIAS12345',
    version: '1',
  },
  inputText: 'What is record r-42?',
  sessionId: 'session-1',
  actionGroup: 'external-lookup',
  function: AGENT_FUNCTIONS.lookupRecord.name,
  parameters: [{ name: 'record_id', type: 'string', value: 'r-42' }],
  sessionAttributes: { team: 'fraud' },
  promptSessionAttributes: {},
  ...overrides,
});

beforeAll(async () => {
  await aws.start();
});
afterAll(() => aws.stop());
beforeEach(() => {
  aws.resetCalls();
  secretsManager.putSecret(
    SECRET,
    JSON.stringify({ endpoint: 'https://api.example.com/v1/', apiKey: API_KEY }),
    [FUNCTION_KEY],
  );
  apiCalls = [];
  apiAnswer = () => new Response('{"id":"r-42","status":"active"}', { status: 200 });
  logs = [];
});

describe('agent action group', () => {
  it('answers lookup_record with the record, read with the key of the secret', async () => {
    const answer = await actionGroup()(agentEvent());
    expect(answer).toEqual({
      messageVersion: '1.0',
      response: {
        actionGroup: 'external-lookup',
        function: 'lookup_record',
        functionResponse: { responseBody: { TEXT: { body: '{"id":"r-42","status":"active"}' } } },
      },
      sessionAttributes: { team: 'fraud' },
      promptSessionAttributes: {},
    });
    expect(apiCalls).toEqual([
      { url: 'https://api.example.com/v1/records/r-42', authorization: `Bearer ${API_KEY}` },
    ]);
    expect(aws.trace()).toEqual([`secretsmanager GetSecretValue ${SECRET}`]);
    expect(aws.calls[0]?.accessKeyId).toBe(FUNCTION_KEY);
  });

  it('reads the secret once per container until the cache expires', async () => {
    const fn = actionGroup();
    await fn(agentEvent());
    await fn(agentEvent());
    expect(aws.calls).toHaveLength(1);
    now += CREDENTIALS_TTL_MS + 1;
    await fn(agentEvent());
    expect(aws.calls).toHaveLength(2);
  });

  it('reads the secret again after the API refuses the key, and fails the call', async () => {
    const fn = actionGroup();
    apiAnswer = () => new Response('denied', { status: 401 });
    const refused = await fn(agentEvent());
    expect(refused.response.functionResponse.responseState).toBe('FAILURE');
    apiAnswer = () => new Response('{"id":"r-42"}', { status: 200 });
    await fn(agentEvent());
    expect(aws.calls).toHaveLength(2);
  });

  it('reprompts when the record does not exist', async () => {
    apiAnswer = () => new Response('{}', { status: 404 });
    const answer = await actionGroup()(agentEvent());
    expect(answer.response.functionResponse).toEqual({
      responseState: 'REPROMPT',
      responseBody: {
        TEXT: { body: 'No record with ID r-42 exists; tell the user and ask for another ID.' },
      },
    });
  });

  it('fails when the secret does not exist, without calling the API', async () => {
    const answer = await actionGroup(FUNCTION_KEY, 'genai-dev-missing')(agentEvent());
    expect(answer.response.functionResponse.responseState).toBe('FAILURE');
    expect(answer.response.functionResponse.responseBody.TEXT.body).toMatch(/not configured/);
    expect(apiCalls).toEqual([]);
    expect(logs.at(-1)).toContain('"errorName":"ResourceNotFoundException"');
  });

  it('fails when the role may not read the secret (AccessDenied), without calling the API', async () => {
    const answer = await actionGroup(OTHER_KEY)(agentEvent());
    expect(answer.response.functionResponse.responseState).toBe('FAILURE');
    expect(apiCalls).toEqual([]);
    expect(logs.at(-1)).toContain('"errorName":"AccessDeniedException"');
  });

  it('fails when the secret value has no https endpoint or no key, and does not cache it', async () => {
    secretsManager.putSecret(
      SECRET,
      JSON.stringify({ endpoint: 'http://api.example.com', apiKey: API_KEY }),
      [FUNCTION_KEY],
    );
    const fn = actionGroup();
    expect((await fn(agentEvent())).response.functionResponse.responseState).toBe('FAILURE');
    expect(logs.at(-1)).toContain('"errorName":"EndpointNotHttps"');
    secretsManager.putSecret(SECRET, 'not json', [FUNCTION_KEY]);
    expect((await fn(agentEvent())).response.functionResponse.responseState).toBe('FAILURE');
    expect(logs.at(-1)).toContain('"errorName":"NotJson"');
    expect(aws.calls).toHaveLength(2);
    expect(apiCalls).toEqual([]);
  });

  it('fails when the API is unreachable', async () => {
    apiAnswer = () => {
      throw new TypeError('fetch failed');
    };
    const answer = await actionGroup()(agentEvent());
    expect(answer.response.functionResponse.responseState).toBe('FAILURE');
    expect(logs.at(-1)).toContain('"event":"api-unreachable"');
  });

  it('reprompts for a missing or unsafe record_id and an unknown function, without reading the secret', async () => {
    const fn = actionGroup();
    const missing = await fn(agentEvent({ parameters: [] }));
    expect(missing.response.functionResponse.responseState).toBe('REPROMPT');
    expect(missing.response.functionResponse.responseBody.TEXT.body).toMatch(
      /needs the parameter record_id/,
    );
    const unsafe = await fn(
      agentEvent({ parameters: [{ name: 'record_id', type: 'string', value: '../admin' }] }),
    );
    expect(unsafe.response.functionResponse.responseState).toBe('REPROMPT');
    const unknown = await fn(agentEvent({ function: 'delete_record' }));
    expect(unknown.response).toMatchObject({
      function: 'delete_record',
      functionResponse: { responseState: 'REPROMPT' },
    });
    expect(aws.calls).toEqual([]);
    expect(apiCalls).toEqual([]);
  });

  it('fails when the event is malformed, naming every problem', async () => {
    const fn = actionGroup();
    await expect(fn('not an event')).rejects.toThrow(
      'Malformed agent event: expected a JSON object',
    );
    await expect(fn({ messageVersion: '2.0', actionGroup: '', parameters: 'x' })).rejects.toThrow(
      'Malformed agent event: messageVersion is "2.0", expected "1.0"; actionGroup must be a non-empty string; function must be a non-empty string; parameters must be a list of { name, type, value } with string values',
    );
    expect(aws.calls).toEqual([]);
  });

  it('never logs the secret value', async () => {
    const fn = actionGroup();
    await fn(agentEvent());
    apiAnswer = () => new Response('x', { status: 500 });
    await fn(agentEvent());
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join('\n')).not.toContain(API_KEY);
  });

  it('fails at the first event when the deployed handler has no secret configured', async () => {
    delete process.env.API_SECRET_ID;
    await expect(handler(agentEvent())).rejects.toThrow('API_SECRET_ID is not set');
  });
});
