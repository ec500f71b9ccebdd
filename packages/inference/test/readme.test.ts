import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  resourcesOfType,
  synthesize,
  testConfiguration,
  testStack,
} from '@genai-sandbox/core/testing';
import { serverlessRoute } from './readme-example';

const PACKAGE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/2';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  it('is the code of test/readme-example.ts', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  it('synthesizes the route without a release, and the model with one', () => {
    const throttling = { rateLimit: 10, burstLimit: 20 };
    const without = testStack({ project: 'fraud-detection', app: 'inference-serverless' });
    expect(serverlessRoute(without, throttling).model).toBeUndefined();
    expect(
      Object.keys(resourcesOfType(synthesize(without), 'aws_api_gateway_rest_api')),
    ).toHaveLength(1);

    const config = testConfiguration((fixture) => {
      fixture.platform.profiles['genai-full'].blueprints.push('inference-serverless');
      fixture.releases.dev = {
        releases: [
          {
            project: 'fraud-detection',
            blueprint: 'inference-serverless',
            modelPackageGroup: 'genai-llm-finetuned',
            modelPackageArn: PACKAGE_ARN,
          },
        ],
      };
    });
    const withRelease = testStack({
      config,
      project: 'fraud-detection',
      app: 'inference-serverless',
    });
    expect(serverlessRoute(withRelease, throttling).model).toBeDefined();
    const models = Object.values(resourcesOfType(synthesize(withRelease), 'aws_sagemaker_model'));
    expect(models).toEqual([
      expect.objectContaining({ primary_container: { model_package_name: PACKAGE_ARN } }),
    ]);
  });
});
