import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { resourcesOfType, synthesize, testStack } from '@genai-sandbox/core/testing';
import { projectBuckets } from './readme-example';
import { processingAccess } from './readme-example-grants';

// Examples are tests (docs/architecture.md#conventions): the README shows each example file verbatim, and each synthesizes.
describe('README examples', () => {
  const blocks = [
    ...readFileSync(join(__dirname, '..', 'README.md'), 'utf8').matchAll(/```ts\n([\s\S]*?)```/g),
  ].map((match) => match[1]);

  test.each(['readme-example.ts', 'readme-example-grants.ts'])('%s is in the README', (file) => {
    expect(blocks).toContain(readFileSync(join(__dirname, file), 'utf8'));
  });

  test('projectBuckets synthesizes the ML bucket and its access-log bucket', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const { models } = projectBuckets(stack);
    const json = synthesize(stack);
    expect(Object.values(resourcesOfType(json, 'aws_s3_bucket'))).toHaveLength(2);
    expect(models).toBe('artifacts/models/');
  });

  test('processingAccess grants the two prefixes of the project bucket, and nothing else', () => {
    const stack = testStack({ project: 'fraud-detection' });
    const role = processingAccess(stack);
    const resources = role.policyStatements.flatMap((statement) =>
      ([] as string[]).concat(statement.Resource ?? []),
    );
    const objects = resources.filter((arn) => arn.startsWith('arn:aws:s3:::') && arn.includes('/'));
    expect(objects.length).toBeGreaterThan(0);
    for (const arn of objects) expect(arn).toMatch(/-ml-\d{12}\/data\/(raw|processed)\/\*$/);
  });
});
