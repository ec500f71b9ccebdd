import { onlyResourceOfType, plainTestStack, synthesize } from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';
import { ContainerRepository, ModelPackageGroup } from '../src';

describe('registry constructs in a plain TerraformStack', () => {
  it('synthesize a model package group and an image repository from the explicit values', () => {
    const stack = plainTestStack({ platform: 'risk' });
    const key = new PlatformKey(stack, 'Key', { purpose: 'images', description: 'Images' });
    const repository = new ContainerRepository(stack, 'Images', {
      purpose: 'scoring',
      encryptionKey: key,
    });
    const group = new ModelPackageGroup(stack, 'Models', {
      groupName: 'Scoring',
      description: 'Scoring models',
    });
    const json = synthesize(stack);
    expect(repository.repositoryName).toBe('risk-dev-scoring');
    expect(onlyResourceOfType(json, 'aws_ecr_repository')).toMatchObject({
      name: 'risk-dev-scoring',
      image_tag_mutability: 'IMMUTABLE',
    });
    expect(group.groupArn).toBe(
      'arn:aws:sagemaker:eu-central-1:210987654321:model-package-group/Scoring',
    );
    expect(onlyResourceOfType(json, 'aws_sagemaker_model_package_group')).toMatchObject({
      model_package_group_name: 'Scoring',
    });
  });
});
