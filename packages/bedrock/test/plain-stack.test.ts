import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { ProjectInferenceProfile } from '../src';

describe('bedrock constructs in a plain TerraformStack', () => {
  it('synthesize a project inference profile named from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk', project: 'scoring' });
    const profile = new ProjectInferenceProfile(stack, 'Profile', {
      modelId: 'anthropic.claude-3-haiku-20240307-v1:0',
    });
    expect(profile.modelArn).toBe(
      'arn:aws:bedrock:eu-central-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0',
    );
    expect(onlyResourceOfType(synthesize(stack), 'aws_bedrock_inference_profile')).toMatchObject({
      name: 'risk-dev-scoring',
      tags: { project: 'scoring' },
    });
  });
});
