import { BedrockRuntimeClient, ConverseCommand } from '@aws-sdk/client-bedrock-runtime';
import { InvokeEndpointCommand, SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { AwsTestServer, BedrockRuntimeService, SageMakerRuntimeService } from '../src';
import { NodeHttpHandler } from '@smithy/node-http-handler';

const KEY = 'AKIATESTRUNTIMECALLS';
const sageMaker = new SageMakerRuntimeService([KEY]);
const bedrock = new BedrockRuntimeService([KEY]);
const aws = new AwsTestServer([sageMaker, bedrock]);
const options = () => ({
  endpoint: aws.endpoint,
  region: 'eu-west-1',
  maxAttempts: 1,
  // Bedrock Runtime defaults to HTTP/2 for its streaming calls; the unary ones work over HTTP/1.1.
  requestHandler: new NodeHttpHandler(),
  credentials: { accessKeyId: KEY, secretAccessKey: 'secret' },
});

beforeAll(() => aws.start());
afterAll(() => aws.stop());
beforeEach(() => aws.resetCalls());

describe('AwsTestServer', () => {
  it('answers InvokeEndpoint and Converse through the real clients', async () => {
    sageMaker.addEndpoint('genai-dev-llm', (body) => ({ body: `{"echo":${body}}` }));
    bedrock.addModel('anthropic.claude-3-haiku-20240307-v1:0', { converse: () => 'hello' });
    const endpoint = await new SageMakerRuntimeClient(options()).send(
      new InvokeEndpointCommand({
        EndpointName: 'genai-dev-llm',
        Body: Buffer.from('{"x":1}'),
        ContentType: 'application/json',
      }),
    );
    expect(JSON.parse(Buffer.from(endpoint.Body ?? []).toString())).toEqual({ echo: { x: 1 } });
    const converse = await new BedrockRuntimeClient(options()).send(
      new ConverseCommand({
        modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
        messages: [{ role: 'user', content: [{ text: 'hi' }] }],
      }),
    );
    expect(converse.output?.message?.content?.[0]).toEqual({ text: 'hello' });
    expect(aws.trace()).toEqual([
      'sagemaker-runtime InvokeEndpoint genai-dev-llm',
      'bedrock-runtime Converse anthropic.claude-3-haiku-20240307-v1:0',
    ]);
  });

  it('fails when a fault is injected, in the protocol of the service', async () => {
    aws.failNext({ service: 'sagemaker-runtime', code: 'ThrottlingException', status: 429 });
    await expect(
      new SageMakerRuntimeClient(options()).send(
        new InvokeEndpointCommand({ EndpointName: 'genai-dev-llm', Body: Buffer.from('{}') }),
      ),
    ).rejects.toMatchObject({ name: 'ThrottlingException', $metadata: { httpStatusCode: 429 } });
  });

  it('fails when the caller signs with a key the service does not know', async () => {
    const client = new BedrockRuntimeClient({
      ...options(),
      credentials: { accessKeyId: 'AKIASOMEONEELSE00000', secretAccessKey: 'secret' },
    });
    await expect(
      client.send(
        new ConverseCommand({
          modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
          messages: [{ role: 'user', content: [{ text: 'hi' }] }],
        }),
      ),
    ).rejects.toMatchObject({ name: 'AccessDeniedException' });
  });
});
