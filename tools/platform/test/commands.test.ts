import type * as Cli from '../src/cli';
import { COMMAND_NAMES, loadCommand } from '../src/commands';
import { FIXTURE_APPS, workspace } from './helpers';

/**
 * Which heavy packages a command line loads. Each factory records the load and hands out the real
 * module; jest.resetModules() before each run starts from an empty registry, as a process does.
 */
const mockLoaded = new Set<string>();
jest.mock('@genai-sandbox/config', () => {
  mockLoaded.add('@genai-sandbox/config');
  return jest.requireActual('@genai-sandbox/config');
});
jest.mock('@genai-sandbox/core', () => {
  mockLoaded.add('@genai-sandbox/core');
  return jest.requireActual('@genai-sandbox/core');
});
jest.mock('@genai-sandbox/policy', () => {
  mockLoaded.add('@genai-sandbox/policy');
  return jest.requireActual('@genai-sandbox/policy');
});
jest.mock('cdktf', () => {
  mockLoaded.add('cdktf');
  return jest.requireActual('cdktf');
});
jest.mock('yaml', () => {
  mockLoaded.add('yaml');
  return jest.requireActual('yaml');
});
jest.mock('@aws-sdk/client-sts', () => {
  mockLoaded.add('@aws-sdk/client-sts');
  return jest.requireActual('@aws-sdk/client-sts');
});
jest.mock('@aws-sdk/client-s3', () => {
  mockLoaded.add('@aws-sdk/client-s3');
  return jest.requireActual('@aws-sdk/client-s3');
});
jest.mock('@aws-sdk/client-sagemaker', () => {
  mockLoaded.add('@aws-sdk/client-sagemaker');
  return jest.requireActual('@aws-sdk/client-sagemaker');
});

async function loadedBy(argv: string[], cwd: string): Promise<{ code: number; loaded: string[] }> {
  jest.resetModules();
  mockLoaded.clear();
  const { run } = jest.requireActual<typeof Cli>('../src/cli');
  const code = await run(argv, {
    cwd,
    env: {},
    appsDir: FIXTURE_APPS,
    defaultConcurrency: 1,
    output: { out: () => undefined, err: () => undefined },
  });
  return { code, loaded: [...mockLoaded].sort() };
}

describe('lazy command loading', () => {
  test('--help and a command help load no configuration, constructs, policy engine, YAML or AWS SDK', async () => {
    for (const argv of [['--help'], ['synth', '--help'], ['promote', '-h'], ['help', 'check']]) {
      expect(await loadedBy(argv, workspace())).toEqual({ code: 0, loaded: [] });
    }
  });

  test('a wrong command line loads nothing heavy before failing', async () => {
    expect(await loadedBy(['synth', '--bogus'], workspace())).toEqual({ code: 2, loaded: [] });
  });

  test('synth loads the configuration and the constructs, not the policy engine, YAML or the AWS SDK', async () => {
    expect(await loadedBy(['synth'], workspace())).toEqual({
      code: 0,
      loaded: ['@genai-sandbox/config', '@genai-sandbox/core', 'cdktf'],
    });
  }, 30_000);

  test('schema loads the configuration only', async () => {
    expect(await loadedBy(['schema'], workspace())).toEqual({
      code: 0,
      loaded: ['@genai-sandbox/config'],
    });
  });
});

describe('command modules', () => {
  test('each spec is named after its table entry and offers --help', () => {
    for (const name of COMMAND_NAMES) {
      const { spec } = loadCommand(name);
      expect(spec.name).toBe(name);
      expect(spec.options.map((option) => option.name)).toContain('help');
      expect(new Set(spec.options.map((option) => option.name)).size).toBe(spec.options.length);
    }
  });

  test('every option that takes a value has an example for the error messages', () => {
    for (const name of COMMAND_NAMES) {
      for (const option of loadCommand(name).spec.options.filter((candidate) => candidate.value))
        expect({ command: name, option: option.name, example: option.example }).toEqual({
          command: name,
          option: option.name,
          example: expect.any(String),
        });
    }
  });

  test('fails when --check of diagram or workflows is described as checking something else', () => {
    const check = (name: 'schema' | 'diagram' | 'workflows') =>
      loadCommand(name).spec.options.find((option) => option.name === 'check')?.description;
    expect(check('schema')).toContain('a schema file');
    expect(check('diagram')).toContain('docs/promotion-chain.md');
    expect(check('diagram')).not.toContain('schema');
    expect(check('workflows')).toContain('.github/workflows');
    expect(check('workflows')).not.toContain('schema');
  });
});
