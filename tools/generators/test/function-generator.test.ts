import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionGenerator } from '../src';

const REPO = join(__dirname, '../../..');

/** A virtual workspace holding the real catalogue and README of the functions package. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of ['src/catalogue.ts', 'README.md'])
    tree.write(`packages/functions/${file}`, readFileSync(join(REPO, 'packages/functions', file)));
  tree.write('packages/functions/src/inference-router/handler.ts', 'export const handler = 1;');
  return tree;
}

describe('function generator', () => {
  it('adds an API function: handler, test, catalogue entry (sorted), README section', async () => {
    const tree = workspace();
    await functionGenerator(tree, {
      name: 'batch-submitter',
      description: 'Submits batch jobs.',
      skipFormat: true,
    });
    expect(tree.read('packages/functions/src/batch-submitter/handler.ts', 'utf-8')).toContain(
      'export const handler = createBatchSubmitter();',
    );
    expect(tree.read('packages/functions/test/batch-submitter.test.ts', 'utf-8')).toContain(
      "from '../src/batch-submitter/handler'",
    );
    // The real catalogue's other names stay; the new one goes in sorted order.
    expect(tree.read('packages/functions/src/catalogue.ts', 'utf-8')).toMatch(
      /export const FUNCTION_NAMES = \[(?:'[a-z-]+', )*'batch-submitter', 'inference-router'(?:, '[a-z-]+')*\] as const;/,
    );
    expect(tree.read('packages/functions/README.md', 'utf-8')).toMatch(
      /## batch-submitter\n\nSubmits batch jobs\.\n\nTrigger: API Gateway/,
    );
  });

  it('adds a custom action built on customAction', async () => {
    const tree = workspace();
    await functionGenerator(tree, {
      name: 'vector-index-creator',
      trigger: 'custom-action',
      description: 'Creates the knowledge base index.',
      skipFormat: true,
    });
    expect(tree.read('packages/functions/src/vector-index-creator/handler.ts', 'utf-8')).toContain(
      'export const handler = customAction<VectorIndexCreatorInput',
    );
  });

  it('fails when the name is not kebab-case or exists', async () => {
    await expect(
      functionGenerator(workspace(), { name: 'BatchSubmitter', description: 'x' }),
    ).rejects.toThrow('Function name "BatchSubmitter" is not kebab-case');
    await expect(
      functionGenerator(workspace(), { name: 'inference-router', description: 'x' }),
    ).rejects.toThrow('Function "inference-router" exists already');
  });
});
