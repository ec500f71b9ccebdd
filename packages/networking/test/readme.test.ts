import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { synthesize, testStack } from '@genai-sandbox/core/testing';
import { platformNetwork } from './readme-example';
import { resources } from './helpers';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  test('is the code of test/readme-example.ts', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  test('synthesizes the network of every environment of the fixture', () => {
    for (const environment of ['dev', 'test', 'prod']) {
      const stack = testStack({ environment });
      platformNetwork(stack);
      const json = synthesize(stack);
      expect(resources(json, 'aws_vpc')).toHaveLength(1);
      expect(resources(json, 'aws_flow_log')).toHaveLength(1);
    }
  });
});
