import { parseRoutingSetting, routingEnvironment, type RoutingSetting } from '../src';

const SETTING: RoutingSetting = {
  defaultRoute: 'realtime',
  routes: {
    realtime: { kind: 'sagemaker-endpoint', endpointName: 'genai-dev-fraud-realtime' },
    assistant: {
      kind: 'bedrock-model',
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
      guardrail: { identifier: 'abc123def456', version: '2' },
    },
  },
};

describe('routing setting', () => {
  it('encodes into one environment variable and decodes back', () => {
    const environment = routingEnvironment(SETTING);
    expect(Object.keys(environment)).toEqual(['INFERENCE_ROUTING']);
    expect(parseRoutingSetting(environment.INFERENCE_ROUTING)).toEqual(SETTING);
  });

  it('fails when fields are wrong, with every problem at once', () => {
    expect(() =>
      routingEnvironment({
        defaultRoute: 'batch',
        routes: {
          Realtime: { kind: 'sagemaker-endpoint', endpointName: 'bad_name' },
          chat: {
            kind: 'bedrock-model',
            modelId: 'claude',
            guardrail: { identifier: 'g1', version: 'latest' },
          },
        },
        timeoutMs: 60_000,
      }),
    ).toThrow(
      [
        'Inference routing setting is invalid:',
        '  routes.Realtime: the route name is not lower-case kebab (a-z, 0-9, -; up to 63)',
        '  routes.Realtime.endpointName is "bad_name"; expected a SageMaker endpoint name (letters, digits, hyphens, up to 63)',
        '  routes.chat.modelId is "claude"; expected a Bedrock model or inference profile ID such as "anthropic.claude-3-haiku-20240307-v1:0", or its ARN',
        '  routes.chat.guardrail.version is "latest"; expected a version number such as "1", or "DRAFT"',
        '  defaultRoute is "batch"; expected one of the routes: Realtime, chat',
        '  timeoutMs is 60000; expected an integer from 100 to 28000 (API Gateway stops waiting at 29 s)',
      ].join('\n'),
    );
  });

  it('fails when the environment variable is missing or not JSON, naming it', () => {
    expect(() => parseRoutingSetting(undefined)).toThrow(
      'environment variable INFERENCE_ROUTING is not set',
    );
    expect(() => parseRoutingSetting('{')).toThrow(
      'environment variable INFERENCE_ROUTING is not JSON',
    );
  });
});
