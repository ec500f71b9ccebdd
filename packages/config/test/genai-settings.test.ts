import { basename } from 'node:path';
import {
  canonicalJson,
  ConfigError,
  defaultGenaiSettings,
  effectiveGenaiSettings,
  genaiSettingsVersionOf,
  loadPlatformConfiguration,
} from '../src';
import {
  configurationFixture,
  type ConfigurationFixture,
  writeConfigurationFixture,
} from '../src/testing';

const SETTINGS = defaultGenaiSettings();
const VERSION = genaiSettingsVersionOf(SETTINGS);
const stored = (settings: unknown = SETTINGS) => ({
  $schema: '../schema/genai-settings.schema.json',
  settings,
});

function load(change: (fixture: ConfigurationFixture) => void) {
  const fixture = configurationFixture();
  change(fixture);
  return loadPlatformConfiguration(writeConfigurationFixture(fixture));
}

/** `<file> <path> (received <value>): <message>` of every problem. */
function problems(change: (fixture: ConfigurationFixture) => void): string[] {
  try {
    load(change);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (problem) =>
        `${basename(problem.file)} ${problem.path} (received ${problem.received}): ${problem.message}`,
    );
  }
  throw new Error('expected the configuration to be rejected');
}

const pinTest = (fixture: ConfigurationFixture, version = VERSION) => {
  fixture.releases.test = { releases: [], genaiSettings: { version, sourceEnvironment: 'dev' } };
};

describe('GenAI settings versions', () => {
  it('is the hash of the canonical JSON: key order does not matter, a value does', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe(
      '{"a":{"c":3,"d":[2,{"e":0,"f":1}]},"b":1}',
    );
    expect(VERSION).toMatch(/^[0-9a-f]{16}$/);
    const reordered = JSON.parse(canonicalJson(SETTINGS)) as typeof SETTINGS;
    expect(genaiSettingsVersionOf(reordered)).toBe(VERSION);
    expect(
      genaiSettingsVersionOf({ ...SETTINGS, generationModel: 'amazon.nova-lite-v1:0' }),
    ).not.toBe(VERSION);
  });

  it('deploys the pinned stored version where a manifest pins one, else the own section', () => {
    const config = load((fixture) => {
      fixture.genaiSettings = { [VERSION]: stored() };
      pinTest(fixture);
      fixture.environments.dev.blueprints = {
        genaiBedrock: { generationModel: 'amazon.nova-lite-v1:0' },
      };
    });
    const [dev, test, prod] = config.environments;
    expect(effectiveGenaiSettings(config, test)).toEqual({
      settings: SETTINGS,
      version: VERSION,
      source: 'pinned',
    });
    expect(effectiveGenaiSettings(config, dev).settings.generationModel).toBe(
      'amazon.nova-lite-v1:0',
    );
    expect(effectiveGenaiSettings(config, prod)).toEqual({
      settings: SETTINGS,
      version: VERSION,
      source: 'own',
    });
  });

  it('fails a pin naming a version that is not stored, with file, path, value and fix', () => {
    expect(problems((fixture) => pinTest(fixture, '0123456789abcdef'))).toEqual([
      'test.json $.genaiSettings.version (received "0123456789abcdef"): no stored settings ../genai/0123456789abcdef.json; pin a version that exists there (none stored) or run platform promote-genai, which writes it',
    ]);
  });

  it('fails a stored file whose settings do not hash to its name', () => {
    const edited = { ...SETTINGS, generationModel: 'amazon.nova-lite-v1:0' };
    expect(
      problems((fixture) => {
        fixture.genaiSettings = { [VERSION]: stored(edited) };
      }),
    ).toEqual([
      `${VERSION}.json $.settings (received settings with version ${genaiSettingsVersionOf(edited)}): the settings hash to ${genaiSettingsVersionOf(edited)}, not to the file name ${VERSION}: a stored version is never edited. Restore the file from git, and change the settings in the first environment's blueprints.genaiBedrock instead (platform promote-genai stores the new version)`,
    ]);
  });

  it('fails a pinned environment that also has its own settings', () => {
    expect(
      problems((fixture) => {
        fixture.genaiSettings = { [VERSION]: stored() };
        pinTest(fixture);
        fixture.environments.test.blueprints = { genaiBedrock: {} };
      }),
    ).toEqual([
      `test.json $.blueprints.genaiBedrock (received settings with version ${VERSION}): releases/test.json pins GenAI settings ${VERSION}, so these would not be deployed; remove blueprints.genaiBedrock from test.json (change settings in the first environment and promote them) or remove the pin`,
    ]);
  });

  it('validates a stored file with the genaiBedrock schema', () => {
    expect(
      problems((fixture) => {
        fixture.genaiSettings = {
          [VERSION]: stored({ ...SETTINGS, agent: { idleSessionTtlSeconds: 5 } }),
        };
      }),
    ).toContain(
      `${VERSION}.json $.settings.agent.idleSessionTtlSeconds (received 5): expected 60 to 3600 seconds`,
    );
  });

  it('refuses a repeated evaluation prompt', () => {
    expect(
      problems((fixture) => {
        fixture.environments.dev.blueprints = {
          genaiBedrock: { evaluation: { guardrail: { mustBlock: ['a weapon', 'a weapon'] } } },
        };
      }),
    ).toEqual([
      'dev.json $.blueprints.genaiBedrock.evaluation.guardrail.mustBlock[1] (received "a weapon"): the same prompt as item 0; remove the repeat',
    ]);
  });
});
