import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { platformRegistry } from './readme-example';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  it('is the code of test/readme-example.ts', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  it('synthesizes every environment of the chain; the last one shares nothing', () => {
    const policies = (environment: string) => {
      const stack = testStack({ environment });
      const groups = platformRegistry(stack);
      const json = synthesize(stack);
      expect(groups.map((group) => group.groupName)).toEqual(['genai-llm-finetuned']);
      return [
        Object.keys(resourcesOfType(json, 'aws_sagemaker_model_package_group_policy')).length,
        Object.keys(resourcesOfType(json, 'aws_ecr_repository_policy')).length,
      ];
    };
    expect(policies('dev')).toEqual([1, 1]);
    expect(policies('test')).toEqual([1, 1]);
    expect(policies('prod')).toEqual([0, 0]);
  });
});
