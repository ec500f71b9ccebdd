import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import {
  AwsTestServer,
  BedrockRuntimeService,
  SageMakerRuntimeService,
} from '@genai-sandbox/aws-test-server';
import type { RoutingSetting } from '../src';
import { createRouter, handler, routerClientConfig } from '../src/inference-router/handler';
import type { ApiGatewayProxyEvent } from '../src/shared/api-gateway';

/**
 * The router with the real SageMaker Runtime and Bedrock Runtime clients (signing, retries, error
 * parsing) against a local server that speaks their REST-JSON protocols.
 */

const ROUTER_KEY = 'AKIATESTROUTERROLE00';
const HAIKU = 'anthropic.claude-3-haiku-20240307-v1:0';
const TITAN = 'amazon.titan-text-express-v1';
const SECRET_PROMPT = 'the quarterly numbers are 4711';
const sageMaker = new SageMakerRuntimeService([ROUTER_KEY]);
const bedrock = new BedrockRuntimeService([ROUTER_KEY]);
const aws = new AwsTestServer([sageMaker, bedrock]);

const SETTING: RoutingSetting = {
  defaultRoute: 'realtime',
  routes: {
    realtime: { kind: 'sagemaker-endpoint', endpointName: 'genai-dev-fraud-realtime' },
    assistant: {
      kind: 'bedrock-model',
      modelId: HAIKU,
      guardrail: { identifier: 'abc123def456', version: '2' },
    },
    titan: {
      kind: 'bedrock-model',
      modelId: TITAN,
      api: 'invoke-model',
      guardrail: { identifier: 'abc123def456', version: 'DRAFT' },
    },
  },
  maxBodyBytes: 1024,
  timeoutMs: 5_000,
};

let logs: string[] = [];
function router(accessKeyId = ROUTER_KEY) {
  const config = {
    ...routerClientConfig(5_000),
    endpoint: aws.endpoint,
    region: 'eu-west-1',
    credentials: { accessKeyId, secretAccessKey: 'secret' },
  };
  return createRouter({
    setting: SETTING,
    clients: {
      sageMaker: new SageMakerRuntimeClient(config),
      bedrock: new BedrockRuntimeClient(config),
    },
    log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
  });
}
const post = (body: unknown, extra: Partial<ApiGatewayProxyEvent> = {}): ApiGatewayProxyEvent => ({
  httpMethod: 'POST',
  path: '/realtime',
  headers: { 'Content-Type': 'application/json' },
  body: typeof body === 'string' ? body : JSON.stringify(body),
  requestContext: { requestId: 'req-1' },
  ...extra,
});
// JSON.parse gives `any`: the assertions below are the type check.
const parsed = (result: { body: string }) => JSON.parse(result.body);

beforeAll(async () => {
  await aws.start();
  sageMaker.addEndpoint('genai-dev-fraud-realtime', (body) => ({
    body: JSON.stringify({ score: 0.93, saw: JSON.parse(body) }),
  }));
  sageMaker.addEndpoint('genai-dev-broken', () => ({
    modelError: 'CUDA out of memory',
    originalStatusCode: 500,
  }));
  bedrock.addModel(HAIKU, { converse: () => 'Hello from Haiku' });
  bedrock.addModel(TITAN, { invoke: (body) => ({ results: [{ outputText: 'ok' }], echo: body }) });
});
afterAll(() => aws.stop());
beforeEach(() => {
  aws.resetCalls();
  sageMaker.invocations.length = 0;
  bedrock.invocations.length = 0;
  logs = [];
});

describe('inference router', () => {
  it('sends the input to the SageMaker endpoint of the default route and returns its JSON', async () => {
    const result = await router()(post({ input: { features: [1, 2, 3] } }));
    expect(result.statusCode).toBe(200);
    expect(parsed(result)).toEqual({
      route: 'realtime',
      output: { score: 0.93, saw: { features: [1, 2, 3] } },
    });
    expect(sageMaker.invocations).toEqual([
      {
        endpointName: 'genai-dev-fraud-realtime',
        contentType: 'application/json',
        accept: 'application/json',
        body: '{"features":[1,2,3]}',
      },
    ]);
  });

  it('sends Converse to the Bedrock model of the named route with its guardrail', async () => {
    const result = await router()(
      post({
        route: 'assistant',
        input: { messages: [{ role: 'user', content: [{ text: SECRET_PROMPT }] }] },
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(parsed(result).output.output.message.content).toEqual([{ text: 'Hello from Haiku' }]);
    expect(bedrock.invocations).toMatchObject([
      {
        action: 'Converse',
        modelId: HAIKU,
        guardrailIdentifier: 'abc123def456',
        guardrailVersion: '2',
      },
    ]);
  });

  it('sends InvokeModel with the guardrail headers on an invoke-model route', async () => {
    const result = await router()(post({ route: 'titan', input: { inputText: 'hi' } }));
    expect(parsed(result).output.results).toEqual([{ outputText: 'ok' }]);
    expect(bedrock.invocations).toMatchObject([
      {
        action: 'InvokeModel',
        modelId: TITAN,
        body: { inputText: 'hi' },
        guardrailIdentifier: 'abc123def456',
        guardrailVersion: 'DRAFT',
      },
    ]);
  });

  it('retries a throttled call and then answers', async () => {
    aws.failNext({ service: 'sagemaker-runtime', code: 'ThrottlingException', status: 429 });
    const result = await router()(post({ input: { x: 1 } }));
    expect(result.statusCode).toBe(200);
    expect(aws.trace()).toEqual([
      'sagemaker-runtime InvokeEndpoint genai-dev-fraud-realtime',
      'sagemaker-runtime InvokeEndpoint genai-dev-fraud-realtime',
    ]);
  });

  it('fails with 429 and retry-after when Bedrock stays throttled after three attempts', async () => {
    aws.failNext({
      service: 'bedrock-runtime',
      code: 'ThrottlingException',
      status: 429,
      times: 3,
    });
    const result = await router()(
      post({
        route: 'assistant',
        input: { messages: [{ role: 'user', content: [{ text: 'x' }] }] },
      }),
    );
    expect(result.statusCode).toBe(429);
    expect(result.headers['retry-after']).toBe('1');
    expect(parsed(result).error.code).toBe('Throttled');
    expect(aws.calls).toHaveLength(3);
  });

  it('fails with 500 when the router role is denied, without retrying', async () => {
    const result = await router('AKIANOTTHEROUTER0000')(post({ input: { x: 1 } }));
    expect(result.statusCode).toBe(500);
    expect(parsed(result).error.code).toBe('RouterMisconfigured');
    expect(aws.calls).toHaveLength(1);
    expect(logs.at(-1)).toContain('"errorName":"AccessDeniedException"');
  });

  it('fails with 502 when the model fails', async () => {
    const broken = createRouter({
      setting: {
        defaultRoute: 'broken',
        routes: { broken: { kind: 'sagemaker-endpoint', endpointName: 'genai-dev-broken' } },
      },
      clients: {
        sageMaker: new SageMakerRuntimeClient({
          ...routerClientConfig(5_000),
          endpoint: aws.endpoint,
          region: 'eu-west-1',
          credentials: { accessKeyId: ROUTER_KEY, secretAccessKey: 's' },
        }),
        bedrock: new BedrockRuntimeClient({ region: 'eu-west-1' }),
      },
      log: () => undefined,
    });
    const result = await broken(post({ input: { x: 1 } }));
    expect(result.statusCode).toBe(502);
    expect(parsed(result).error).toEqual({
      code: 'ModelError',
      message: 'the model failed to answer this request',
    });
  });

  it.each([
    ['no body', post({}, { body: null }), 400, 'MissingBody'],
    ['a body that is not JSON', post('{"input":'), 400, 'MalformedJson'],
    ['a JSON array', post([1]), 400, 'InvalidBody'],
    ['an unknown route', post({ route: 'batch', input: {} }), 400, 'InvalidRequest'],
    [
      'a Converse route without messages',
      post({ route: 'assistant', input: { prompt: 'x' } }),
      400,
      'InvalidRequest',
    ],
    ['a body over the limit', post({ input: { text: 'x'.repeat(2000) } }), 413, 'PayloadTooLarge'],
    ['a GET', post({ input: {} }, { httpMethod: 'GET' }), 405, 'MethodNotAllowed'],
    [
      'a form body',
      post('a=1', { headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
      415,
      'UnsupportedMediaType',
    ],
  ])('fails with a clear %s error and calls no model', async (_name, event, status, code) => {
    const result = await router()(event);
    expect(result.statusCode).toBe(status);
    expect(parsed(result).error.code).toBe(code);
    expect(aws.calls).toEqual([]);
  });

  it('fails with every problem of a request at once', async () => {
    const result = await router()(
      post({ route: 'assistant', input: { messages: [{ role: 'system' }] }, stream: true }),
    );
    expect(parsed(result).error.problems).toEqual([
      'stream is not a field of the request; send route and input only',
    ]);
    const second = await router()(
      post({ route: 'assistant', input: { messages: [{ role: 'system' }] } }),
    );
    expect(parsed(second).error.problems).toEqual([
      'input.messages[0].role must be "user" or "assistant"',
      'input.messages[0].content must be a non-empty array',
    ]);
  });

  it('accepts a base64-encoded body and never logs a payload', async () => {
    const body = Buffer.from(
      JSON.stringify({
        route: 'assistant',
        input: { messages: [{ role: 'user', content: [{ text: SECRET_PROMPT }] }] },
      }),
    ).toString('base64');
    const result = await router()(post(body, { isBase64Encoded: true }));
    expect(result.statusCode).toBe(200);
    await router()(
      post({
        route: 'assistant',
        input: { messages: [{ role: 'user', content: [{ text: SECRET_PROMPT }] }], extra: 1 },
      }),
    );
    expect(logs).toHaveLength(2);
    for (const line of logs) expect(line).not.toContain('4711');
  });

  it('reads its setting and clients from the environment when deployed', async () => {
    const saved = { ...process.env };
    Object.assign(process.env, {
      INFERENCE_ROUTING: JSON.stringify(SETTING),
      AWS_ENDPOINT_URL: aws.endpoint,
      AWS_REGION: 'eu-west-1',
      AWS_ACCESS_KEY_ID: ROUTER_KEY,
      AWS_SECRET_ACCESS_KEY: 'secret',
    });
    const spy = jest.spyOn(console, 'log').mockImplementation(() => undefined);
    try {
      const result = await handler(post({ input: { x: 2 } }));
      expect(result.statusCode).toBe(200);
      expect(spy.mock.calls[0][0]).toContain('"event":"request-served"');
    } finally {
      spy.mockRestore();
      process.env = saved;
    }
  });
});
