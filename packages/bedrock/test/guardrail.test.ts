import { defaultGenaiSettings, type GuardrailSettings } from '@genai-sandbox/config';
import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { PlatformKey, ServiceRole } from '@genai-sandbox/security';
import { Guardrail, guardrailConfigurationDigest, ProjectInferenceProfile } from '../src';

const DEFAULTS: GuardrailSettings = defaultGenaiSettings().guardrail;

function build(settings: GuardrailSettings = DEFAULTS) {
  const stack = testStack({ app: 'genai-bedrock', project: 'fraud-detection' });
  const guardrail = new Guardrail(stack, 'Guardrail', {
    settings,
    encryptionKey: PlatformKey.fromEnvironment(stack),
  });
  const role = new ServiceRole(stack, 'Invoker', {
    purpose: 'invoker',
    description: 'test',
    service: 'sagemaker.amazonaws.com',
  });
  const profile = new ProjectInferenceProfile(stack, 'Profile', {
    modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
  });
  profile.grantInvoke(role, guardrail);
  return { guardrail, json: synthesize(stack) };
}

const statementsOf = (json: ReturnType<typeof synthesize>) =>
  JSON.parse(onlyResourceOfType(json, 'aws_iam_role_policy').policy as string).Statement;

describe('Guardrail', () => {
  const { json } = build();

  it('renders the typed settings with the platform key', () => {
    const guardrail = onlyResourceOfType(json, 'aws_bedrock_guardrail');
    expect(guardrail).toMatchObject({
      name: 'genai-dev-fraud-detection',
      kms_key_arn: 'arn:aws:kms:eu-west-1:111111111111:alias/genai-dev-platform',
      lifecycle: { ignore_changes: ['kms_key_arn'] },
      blocked_input_messaging: DEFAULTS.blockedInputMessage,
      blocked_outputs_messaging: DEFAULTS.blockedOutputMessage,
      sensitive_information_policy_config: [
        { pii_entities_config: DEFAULTS.piiEntities.map(({ type, action }) => ({ type, action })) },
      ],
      word_policy_config: [{ managed_word_lists_config: [{ type: 'PROFANITY' }] }],
    });
    expect(guardrail.content_policy_config).toEqual([
      {
        filters_config: expect.arrayContaining([
          { type: 'PROMPT_ATTACK', input_strength: 'HIGH', output_strength: 'NONE' },
        ]),
      },
    ]);
    expect(guardrail).not.toHaveProperty('topic_policy_config');
  });

  it('publishes a version that keeps old versions and names the configuration digest', () => {
    expect(onlyResourceOfType(json, 'aws_bedrock_guardrail_version')).toMatchObject({
      guardrail_arn: expect.stringMatching(
        /^\$\{aws_bedrock_guardrail\.Guardrail_.*\.guardrail_arn\}$/,
      ),
      description: `Published from configuration ${guardrailConfigurationDigest(DEFAULTS)}`,
      skip_destroy: true,
    });
  });

  it('changes the digest, and so the version, exactly when the configuration changes', () => {
    const same = JSON.parse(JSON.stringify(DEFAULTS)) as GuardrailSettings;
    expect(guardrailConfigurationDigest(same)).toBe(guardrailConfigurationDigest(DEFAULTS));
    expect(guardrailConfigurationDigest({ ...DEFAULTS, words: ['forbidden'] })).not.toBe(
      guardrailConfigurationDigest(DEFAULTS),
    );
  });

  it('lets a role invoke only through the profile, with the published guardrail version', () => {
    const identifier = expect.stringMatching(
      /^\$\{aws_bedrock_guardrail\.Guardrail_.*\.guardrail_arn\}:\$\{aws_bedrock_guardrail_version\.Guardrail_Version_.*\.version\}$/,
    );
    expect(statementsOf(json)).toEqual([
      {
        Sid: 'InvokeThroughProjectProfile',
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource: expect.stringMatching(/^\$\{aws_bedrock_inference_profile\.Profile_.*\.arn\}$/),
        Condition: { StringEquals: { 'bedrock:GuardrailIdentifier': identifier } },
      },
      {
        Sid: 'InvokeThroughProjectProfileModel',
        Effect: 'Allow',
        Action: ['bedrock:InvokeModel', 'bedrock:InvokeModelWithResponseStream'],
        Resource:
          'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        Condition: {
          StringEquals: { 'bedrock:GuardrailIdentifier': identifier },
          ArnEquals: {
            'bedrock:InferenceProfileArn': expect.stringContaining(
              'aws_bedrock_inference_profile.',
            ),
          },
        },
      },
      {
        Sid: 'InvokeThroughProjectProfileGuardrail',
        Effect: 'Allow',
        Action: ['bedrock:ApplyGuardrail'],
        Resource: expect.stringContaining('aws_bedrock_guardrail.Guardrail_'),
      },
    ]);
  });

  it('tags the inference profile with the project', () => {
    expect(onlyResourceOfType(json, 'aws_bedrock_inference_profile')).toMatchObject({
      name: 'genai-dev-fraud-detection',
      model_source: [
        {
          copy_from:
            'arn:aws:bedrock:eu-west-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
        },
      ],
      tags: { project: 'fraud-detection', 'inference-profile': 'application' },
    });
  });

  it('renders denied topics and words only when configured', () => {
    const { json: configured } = build({
      ...DEFAULTS,
      deniedTopics: [
        { name: 'Investment advice', definition: 'Advice on investing money.', examples: [] },
      ],
      words: ['confidential'],
    });
    const guardrail = onlyResourceOfType(configured, 'aws_bedrock_guardrail');
    expect(guardrail.topic_policy_config).toEqual([
      {
        topics_config: [
          {
            name: 'Investment advice',
            definition: 'Advice on investing money.',
            examples: [],
            type: 'DENY',
          },
        ],
      },
    ]);
    expect(guardrail.word_policy_config).toEqual([
      {
        words_config: [{ text: 'confidential' }],
        managed_word_lists_config: [{ type: 'PROFANITY' }],
      },
    ]);
  });
});
