import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SourceLocator } from '../src/source-locations';
import { tempDir } from './helpers';

/** An apps/ directory with one app whose stack creates two constructs, one under a computed ID. */
function appsDir(): string {
  const root = tempDir('source-locations-');
  mkdirSync(join(root, 'apps', 'demo', 'src', 'parts'), { recursive: true });
  writeFileSync(
    join(root, 'apps', 'demo', 'src', 'demo-stack.ts'),
    [
      "import { Bucket } from './parts/bucket';",
      '// Bucket is also mentioned here, and as a string: "Bucket", which is not a creation.',
      'export function build(stack: Stack, name: string) {',
      '  const notes = lookup(stack, "Bucket");',
      '  new Queue(stack, `Queue${name}`);',
      '  return new storage.Bucket(',
      '    stack,',
      "    'Bucket',",
      '  );',
      '}',
    ].join('\n'),
  );
  writeFileSync(
    join(root, 'apps', 'demo', 'src', 'parts', 'bucket.ts'),
    "export const other = new Topic(this, 'Topic');\n",
  );
  return root;
}

describe('SourceLocator', () => {
  test('finds the line where the app creates the construct named by the path below the stack', () => {
    const root = appsDir();
    const locator = new SourceLocator(join(root, 'apps'), root);
    expect(locator.locate('demo', 'demo-dev/Bucket/Resource')).toEqual({
      uri: 'apps/demo/src/demo-stack.ts',
      line: 8,
    });
    expect(locator.locate('demo', 'demo-dev/Topic/Resource/Policy')).toEqual({
      uri: 'apps/demo/src/parts/bucket.ts',
      line: 1,
    });
  });

  test('knows no location for an ID computed at run time, a stack-level path or an unknown app', () => {
    const root = appsDir();
    const locator = new SourceLocator(join(root, 'apps'), root);
    expect(locator.locate('demo', 'demo-dev/QueueOrders/Resource')).toBeUndefined();
    expect(locator.locate('demo', 'demo-dev')).toBeUndefined();
    expect(locator.locate('demo', undefined)).toBeUndefined();
    expect(locator.locate('missing', 'missing-dev/Bucket/Resource')).toBeUndefined();
  });
});
