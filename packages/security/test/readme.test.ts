import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { processingFoundations } from './readme-example';

// Examples are tests (docs/architecture.md#conventions): the README shows readme-example.ts verbatim, and it synthesizes.
describe('README example', () => {
  test('is the code of test/readme-example.ts', () => {
    const readme = readFileSync(join(__dirname, '..', 'README.md'), 'utf8');
    const example = readFileSync(join(__dirname, 'readme-example.ts'), 'utf8');
    const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((match) => match[1]);
    expect(blocks).toContain(example);
  });

  test('synthesizes a key, a boundary and a bounded processing role', () => {
    const stack = testStack();
    const { boundary, role } = processingFoundations(stack);
    const json = synthesize(stack);
    expect(onlyResourceOfType(json, 'aws_kms_key')).toMatchObject({ enable_key_rotation: true });
    expect(onlyResourceOfType(json, 'aws_iam_role')).toMatchObject({
      name: role.roleName,
      permissions_boundary: boundary.policyArn,
    });
    expect(role.policyStatements.length).toBeGreaterThan(0);
  });
});
