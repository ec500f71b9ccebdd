import { basename } from 'node:path';
import {
  ConfigError,
  effectiveGenaiSettings,
  EMBEDDING_MODELS,
  loadPlatformConfiguration,
} from '../src';
import { configurationFixture, writeConfigurationFixture } from '../src/testing';

function load(settings?: Record<string, unknown>) {
  const fixture = configurationFixture();
  if (settings)
    (fixture.environments.dev as Record<string, unknown>).blueprints = { genaiBedrock: settings };
  const config = loadPlatformConfiguration(writeConfigurationFixture(fixture));
  return effectiveGenaiSettings(config, config.environments[0]).settings;
}

/** `<file> <path> (received <value>): <message>` of every problem. */
function problems(settings: Record<string, unknown>): string[] {
  try {
    load(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map(
      (problem) =>
        `${basename(problem.file)} ${problem.path} (received ${problem.received}): ${problem.message}`,
    );
  }
  throw new Error('expected the configuration to be rejected');
}

describe('blueprints.genaiBedrock', () => {
  it('defaults every field when the environment has no section', () => {
    const settings = load();
    expect(settings.knowledgeBase).toMatchObject({
      embeddingModel: 'amazon.titan-embed-text-v2:0',
      embeddingDimensions: 1024,
      dataPrefix: 'data/processed/knowledge-base/',
      chunking: { strategy: 'FIXED_SIZE', maxTokens: 300, overlapPercentage: 20 },
    });
    expect(settings.guardrail.contentFilters).toHaveLength(6);
    expect(settings.agent.aliasVersion).toBeUndefined();
  });

  it('every embedding model of the table has its default dimension first', () => {
    for (const [model, dimensions] of Object.entries(EMBEDDING_MODELS)) {
      expect(
        load({ knowledgeBase: { embeddingModel: model, embeddingDimensions: dimensions[0] } })
          .knowledgeBase.embeddingModel,
      ).toBe(model);
    }
  });

  it('fails when the dimension does not match the embedding model, naming file, path, value and fix', () => {
    expect(
      problems({
        knowledgeBase: { embeddingModel: 'amazon.titan-embed-text-v1', embeddingDimensions: 1024 },
      }),
    ).toEqual([
      'dev.json $.blueprints.genaiBedrock.knowledgeBase.embeddingDimensions (received 1024): amazon.titan-embed-text-v1 emits 1536 dimensions; set embeddingDimensions to 1536 or choose another embeddingModel',
    ]);
  });

  it('fails when the embedding model is unknown', () => {
    expect(
      problems({ knowledgeBase: { embeddingModel: 'amazon.titan-embed-g1-text-02' } }),
    ).toEqual([
      expect.stringMatching(
        /^dev\.json \$\.blueprints\.genaiBedrock\.knowledgeBase\.embeddingModel \(received "amazon\.titan-embed-g1-text-02"\): expected one of amazon\.titan-embed-text-v1, /,
      ),
    ]);
  });

  it('fails when a PII entity is unknown', () => {
    expect(
      problems({ guardrail: { piiEntities: [{ type: 'SOCIAL_SECURITY', action: 'BLOCK' }] } }),
    ).toEqual([
      expect.stringMatching(
        /^dev\.json \$\.blueprints\.genaiBedrock\.guardrail\.piiEntities\[0\]\.type \(received "SOCIAL_SECURITY"\): expected one of ADDRESS, .*US_SOCIAL_SECURITY_NUMBER.* \(Bedrock PII entity types\)$/,
      ),
    ]);
  });

  it('fails when a strength is outside NONE/LOW/MEDIUM/HIGH', () => {
    expect(
      problems({
        guardrail: {
          contentFilters: [{ type: 'HATE', inputStrength: 'EXTREME', outputStrength: 'HIGH' }],
        },
      }),
    ).toEqual([
      'dev.json $.blueprints.genaiBedrock.guardrail.contentFilters[0].inputStrength (received "EXTREME"): expected one of NONE, LOW, MEDIUM, HIGH (guardrail filter strengths)',
    ]);
  });

  it('fails when PROMPT_ATTACK filters output, and when a category or entity repeats', () => {
    expect(
      problems({
        guardrail: {
          contentFilters: [
            { type: 'PROMPT_ATTACK', inputStrength: 'HIGH', outputStrength: 'HIGH' },
            { type: 'HATE', inputStrength: 'HIGH', outputStrength: 'HIGH' },
            { type: 'HATE', inputStrength: 'LOW', outputStrength: 'LOW' },
          ],
          piiEntities: [
            { type: 'EMAIL', action: 'BLOCK' },
            { type: 'EMAIL', action: 'ANONYMIZE' },
          ],
        },
      }),
    ).toEqual([
      expect.stringContaining(
        'guardrail.contentFilters[2].type (received "HATE"): "HATE" is listed twice',
      ),
      expect.stringContaining(
        'guardrail.piiEntities[1].type (received "EMAIL"): "EMAIL" is listed twice',
      ),
      expect.stringContaining(
        'guardrail.contentFilters[0].outputStrength (received "HIGH"): PROMPT_ATTACK filters prompts only',
      ),
    ]);
  });

  it('fails when the agent instruction is shorter than Bedrock accepts', () => {
    expect(problems({ agent: { instruction: 'Be nice.' } })).toEqual([
      expect.stringContaining(
        'agent.instruction (received "Be nice."): expected at least 40 characters',
      ),
    ]);
  });
});
