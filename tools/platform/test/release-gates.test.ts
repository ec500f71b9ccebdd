import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { join } from 'node:path';
import { answerShapeProblems, servingStacks, smokeInvocations } from '../src/promote/release-gates';
import { smokeInvoke, type SmokeClients } from '../src/promote/smoke-invoke';
import { tempDir } from './helpers';

/** The gates of promote.yml after a promotion: which stacks it applies, what it invokes. */

const GROUP = 'genai-llm-finetuned';
const PROMOTED = `arn:aws:sagemaker:eu-west-1:222222222222:model-package/${GROUP}/1`;
const OTHER = 'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-embeddings/4';

function config(smokeTest = true) {
  const fixture = configurationFixture();
  fixture.platform.modelPackageGroups = [
    {
      name: GROUP,
      description: 'Fine-tuned',
      ...(smokeTest && {
        smokeTest: {
          contentType: 'application/json',
          payload: { inputs: 'hi' },
          expectKeys: ['generated_text'],
        },
      }),
    },
    { name: 'genai-embeddings', description: 'Embeddings' },
  ];
  fixture.platform.profiles['serving'] = {
    description: 'Real-time and batch inference',
    blueprints: ['model-training', 'inference-realtime', 'inference-batch'],
  };
  fixture.platform.profiles['training-only'] = {
    description: 'Training',
    blueprints: ['model-training'],
  };
  for (const environment of Object.values(fixture.environments)) {
    environment.projects = [
      { name: 'recommender', profile: 'serving' },
      { name: 'search', profile: 'serving' },
      { name: 'lab', profile: 'training-only' },
    ];
  }
  fixture.releases.test = {
    $schema: '../schema/release.schema.json',
    releases: [
      {
        project: 'recommender',
        blueprint: 'inference-realtime',
        modelPackageGroup: GROUP,
        modelPackageArn: PROMOTED,
      },
      {
        project: 'recommender',
        blueprint: 'inference-batch',
        modelPackageGroup: GROUP,
        modelPackageArn: PROMOTED,
      },
      {
        project: 'search',
        blueprint: 'inference-realtime',
        modelPackageGroup: 'genai-embeddings',
        modelPackageArn: OTHER,
      },
    ],
  };
  return loadPlatformConfiguration(
    writeConfigurationFixture(fixture, join(tempDir('gates-'), 'environments')),
  );
}

describe('servingStacks', () => {
  it('names exactly the stacks whose release serves the group, in blueprint order', () => {
    const { stacks, withoutApp } = servingStacks(config(), 'test', GROUP, [
      'inference-realtime',
      'inference-batch',
    ]);
    expect(stacks.map((stack) => stack.prefix)).toEqual([
      'inference-realtime-recommender',
      'inference-batch-recommender',
    ]);
    expect(withoutApp).toEqual([]);
  });

  it('leaves out a blueprint that has no app yet, and reports it', () => {
    const { stacks, withoutApp } = servingStacks(config(), 'test', GROUP, ['model-training']);
    expect(stacks).toEqual([]);
    expect(withoutApp.map((stack) => stack.prefix)).toEqual([
      'inference-realtime-recommender',
      'inference-batch-recommender',
    ]);
  });

  it('names nothing in an environment whose releases do not name the group', () => {
    expect(servingStacks(config(), 'prod', GROUP, ['inference-realtime']).stacks).toEqual([]);
  });

  it('fails when the environment does not exist', () => {
    expect(() => servingStacks(config(), 'stage', GROUP, [])).toThrow(
      'Unknown environment "stage"; environments: dev, test, prod.',
    );
  });
});

describe('smokeInvocations', () => {
  it('invokes the real-time release of the promoted package with the configured payload', () => {
    expect(
      smokeInvocations(config(), 'test', PROMOTED, ['inference-realtime', 'inference-batch']),
    ).toEqual([
      {
        project: 'recommender',
        blueprint: 'inference-realtime',
        contentType: 'application/json',
        body: '{"inputs":"hi"}',
        expectKeys: ['generated_text'],
      },
    ]);
  });

  it('invokes nothing when the group configures no smoke test or the blueprint has no app', () => {
    expect(smokeInvocations(config(false), 'test', PROMOTED, ['inference-realtime'])).toEqual([]);
    expect(smokeInvocations(config(), 'test', PROMOTED, ['inference-batch'])).toEqual([]);
  });

  it('fails when the release manifest does not pin the package', () => {
    expect(() => smokeInvocations(config(), 'prod', PROMOTED, ['inference-realtime'])).toThrow(
      `releases/prod.json does not pin ${PROMOTED}`,
    );
  });
});

describe('answerShapeProblems', () => {
  it('accepts an object or an array of objects with the expected keys', () => {
    expect(answerShapeProblems('{"generated_text":"yes"}', ['generated_text'])).toEqual([]);
    expect(answerShapeProblems('[{"generated_text":"yes","x":1}]', ['generated_text'])).toEqual([]);
  });

  it('fails when the answer is not JSON, empty, or lacks a key', () => {
    expect(answerShapeProblems('<html>', ['a'])).toEqual(['the answer is not JSON: <html>']);
    expect(answerShapeProblems('[]', ['a'])).toEqual(['the answer is an empty array']);
    expect(answerShapeProblems('[{"b":1},"text"]', ['a'])).toEqual([
      'element 0 of the answer lacks a (it has b)',
      'element 1 of the answer is "text", not a JSON object',
    ]);
  });
});

describe('smokeInvoke', () => {
  const invocation = smokeInvocations(config(), 'test', PROMOTED, ['inference-realtime'])[0];
  function clients(
    answer: string,
    tags = { project: 'recommender' },
  ): SmokeClients & { sent: string[] } {
    const sent: string[] = [];
    const send = async (command: {
      constructor: { name: string };
      input: Record<string, unknown>;
    }) => {
      sent.push(
        `${command.constructor.name} ${String(command.input.EndpointName ?? command.input.ResourceArn ?? '')}`.trim(),
      );
      switch (command.constructor.name) {
        case 'ListEndpointsCommand':
          return {
            Endpoints: [
              { EndpointName: 'genai-test-recommender-realtime', EndpointArn: 'arn:ep/1' },
              { EndpointName: 'genai-test-search-realtime', EndpointArn: 'arn:ep/2' },
            ],
          };
        case 'ListTagsCommand': {
          const project = command.input.ResourceArn === 'arn:ep/1' ? tags.project : 'search';
          return {
            Tags: [
              { Key: 'platform', Value: 'genai' },
              { Key: 'environment', Value: 'test' },
              { Key: 'project', Value: project },
              { Key: 'blueprint', Value: 'inference-realtime' },
            ],
          };
        }
        default:
          return { Body: new TextEncoder().encode(answer) };
      }
    };
    return { sent, sageMaker: { send } as never, runtime: { send } as never };
  }
  const context = { platform: 'genai', environment: 'test' };

  it('invokes the tagged endpoint only and passes on the right shape', async () => {
    const fake = clients('[{"generated_text":"Yes"}]');
    const result = await smokeInvoke(fake, context, [invocation]);
    expect(result).toEqual({
      ok: true,
      lines: [
        'ok   inference-realtime/recommender in test: endpoint genai-test-recommender-realtime answered with generated_text.',
      ],
    });
    expect(fake.sent).toEqual([
      'ListEndpointsCommand',
      'ListTagsCommand arn:ep/1',
      'ListTagsCommand arn:ep/2',
      'InvokeEndpointCommand genai-test-recommender-realtime',
    ]);
  });

  it('fails when the answer has the wrong shape', async () => {
    const result = await smokeInvoke(clients('{"error":"model not loaded"}'), context, [
      invocation,
    ]);
    expect(result.ok).toBe(false);
    expect(result.lines[0]).toContain('the answer lacks generated_text (it has error)');
  });

  it('fails when no endpoint is tagged for the release', async () => {
    const result = await smokeInvoke(clients('{}', { project: 'other' }), context, [invocation]);
    expect(result).toEqual({
      ok: false,
      lines: [
        'FAIL inference-realtime/recommender in test: no InService endpoint is tagged for it; was the stack applied?',
      ],
    });
  });
});
