import { loadPlatformConfiguration } from '@genai-sandbox/config';
import { configurationFixture, writeConfigurationFixture } from '@genai-sandbox/config/testing';
import { join } from 'node:path';
import { answerShapeProblems, servingStacks, smokeInvocations } from '../src/promote/release-gates';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { smokeInvoke } from '../src/promote/smoke-invoke';
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
        stack: 'inference-realtime-recommender-test',
        authorization: 'iam',
        contentType: 'application/json',
        body: '{"input":{"inputs":"hi"}}',
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
  const context = { environment: 'test' };
  const credentials = async () => ({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret' });

  /** A local stand-in for the API's stage: records each request, answers `answer`. */
  async function withRoute(
    answer: { status: number; body: string },
    run: (url: string, seen: { headers: IncomingHttpHeaders; body: string }[]) => Promise<void>,
  ) {
    const seen: { headers: IncomingHttpHeaders; body: string }[] = [];
    const server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => (body += chunk));
      request.on('end', () => {
        seen.push({ headers: request.headers, body });
        response.writeHead(answer.status, { 'content-type': 'application/json' });
        response.end(answer.body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    try {
      await run(`http://127.0.0.1:${port}/v1/realtime`, seen);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  }

  it("POSTs the payload through the project's API signed with SigV4 and checks the endpoint's output", async () => {
    await withRoute(
      { status: 200, body: '{"route":"realtime","output":[{"generated_text":"Yes"}]}' },
      async (url, seen) => {
        const stacks: string[] = [];
        const routeUrl = async (stack: string) => (stacks.push(stack), url);
        const result = await smokeInvoke({ region: 'eu-west-1', credentials, routeUrl }, context, [
          invocation,
        ]);
        expect(result).toEqual({
          ok: true,
          lines: [
            `ok   inference-realtime/recommender in test: POST ${url} answered with generated_text.`,
          ],
        });
        expect(stacks).toEqual(['inference-realtime-recommender-test']);
        expect(seen).toHaveLength(1);
        expect(seen[0].body).toBe('{"input":{"inputs":"hi"}}');
        expect(seen[0].headers.authorization).toMatch(
          /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=[^,]*host[^,]*, Signature=[0-9a-f]{64}$/,
        );
        expect(seen[0].headers['x-amz-date']).toMatch(/^\d{8}T\d{6}Z$/);
      },
    );
  });

  it('fails when the output has the wrong shape, or the API answers an error', async () => {
    await withRoute(
      { status: 200, body: '{"route":"realtime","output":{"error":"x"}}' },
      async (url) => {
        const result = await smokeInvoke(
          { region: 'eu-west-1', credentials, routeUrl: async () => url },
          context,
          [invocation],
        );
        expect(result.ok).toBe(false);
        expect(result.lines[0]).toContain('the answer lacks generated_text (it has error)');
      },
    );
    await withRoute({ status: 403, body: '{"message":"Forbidden"}' }, async (url) => {
      const result = await smokeInvoke(
        { region: 'eu-west-1', credentials, routeUrl: async () => url },
        context,
        [invocation],
      );
      expect(result.lines).toEqual([
        `FAIL inference-realtime/recommender in test: POST ${url} answered 403: {"message":"Forbidden"}`,
      ]);
    });
  });

  it('fails without calling when the stack has no URL or the route takes Cognito tokens', async () => {
    const api = {
      region: 'eu-west-1',
      credentials,
      routeUrl: async () => {
        throw new Error('No outputs found');
      },
    };
    expect(await smokeInvoke(api, context, [invocation])).toEqual({
      ok: false,
      lines: [
        'FAIL inference-realtime/recommender in test: no inference_url output of stack inference-realtime-recommender-test (Error: No outputs found); was it applied?',
      ],
    });
    const cognito = await smokeInvoke(api, context, [{ ...invocation, authorization: 'cognito' }]);
    expect(cognito.lines[0]).toContain('the route authorizes Cognito user pool tokens');
  });
});
