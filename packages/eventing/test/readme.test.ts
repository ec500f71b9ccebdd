import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { GITHUB_TOKEN_PLACEHOLDER } from '../src';
import { promotionEvents } from './readme-example';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');

  it('is the code of test/readme-example.ts', () => {
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  it('synthesizes every environment: dev forwards, test receives and forwards, prod receives', () => {
    const count = (environment: string) => {
      const stack = testStack({ environment });
      promotionEvents(stack);
      const json = synthesize(stack);
      return [
        'aws_cloudwatch_event_bus',
        'aws_cloudwatch_event_connection',
        'aws_cloudwatch_event_rule',
      ].map((type) => Object.keys(resourcesOfType(json, type)).length);
    };
    expect(count('dev')).toEqual([0, 0, 1]);
    expect(count('test')).toEqual([1, 1, 2]);
    expect(count('prod')).toEqual([1, 1, 1]);
  });

  it('names the connection the operator updates as the stacks name it', () => {
    const stack = testStack({ environment: 'prod' });
    promotionEvents(stack);
    const connection = Object.values(
      resourcesOfType(synthesize(stack), 'aws_cloudwatch_event_connection'),
    )[0];
    expect(connection.name).toBe('genai-prod-github-dispatch');
    expect(readme).toContain('--name <platform>-<env>-github-dispatch');
    expect(readme).toContain(`\`${GITHUB_TOKEN_PLACEHOLDER}\``);
  });
});
