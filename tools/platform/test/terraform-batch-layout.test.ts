import { lstatSync, mkdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { foundationInputPlaceholders } from '@genai-sandbox/core';
import { formBatches, prepareBatchDir, rootVariable } from '../src/terraform/batch-dir';
import { firstLines } from '../src/terraform/batch-result';
import { readJson, tempDir } from './helpers';

/** A synthesized stack directory: cdk.tf.json plus files by relative path. */
function stack(
  root: string,
  name: string,
  config: Record<string, unknown> = {},
  files: Record<string, string> = {},
) {
  const dir = join(root, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'cdk.tf.json'), JSON.stringify({ resource: {}, ...config }));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, '..'), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return { name, dir };
}

const names = (batches: ReturnType<typeof formBatches>) =>
  batches.map((batch) => batch.stacks.map((member) => member.name));

describe('forming batches', () => {
  it('puts stacks with assets in one batch when the same path holds the same content', () => {
    const root = tempDir();
    const stacks = [
      stack(root, 'a', {}, { 'assets/functions/f-1.zip': 'one' }),
      stack(root, 'b', {}, { 'assets/functions/f-1.zip': 'one', 'assets/functions/g.zip': 'g' }),
      stack(root, 'c'),
    ];
    const batches = formBatches(stacks, 20);
    expect(names(batches)).toEqual([['a', 'b', 'c']]);
    expect([...batches[0].sharedFiles]).toEqual([
      ['assets/functions/f-1.zip', join(root, 'a', 'assets/functions/f-1.zip')],
      ['assets/functions/g.zip', join(root, 'b', 'assets/functions/g.zip')],
    ]);
  });

  it('puts stacks whose same asset path holds different content in different batches, first fit', () => {
    const root = tempDir();
    const stacks = [
      stack(root, 'a', {}, { 'assets/f.zip': 'one' }),
      stack(root, 'b', {}, { 'assets/f.zip': 'two' }),
      stack(root, 'c', {}, { 'assets/f.zip': 'one' }),
      stack(root, 'd'),
    ];
    expect(names(formBatches(stacks, 20))).toEqual([['a', 'c', 'd'], ['b']]);
    expect(names(formBatches(stacks, 2))).toEqual([
      ['a', 'c'],
      ['b', 'd'],
    ]);
  });

  it('keeps a shared file from taking the directory name of a stack module in its batch', () => {
    const root = tempDir();
    const stacks = [stack(root, 'assets'), stack(root, 'b', {}, { 'assets/f.zip': 'one' })];
    expect(names(formBatches(stacks, 20))).toEqual([['assets'], ['b']]);
  });

  it('runs a stack alone when a module would change its meaning: path.module, path.root or another configuration file', () => {
    const root = tempDir();
    const stacks = [
      stack(root, 'a'),
      stack(root, 'b', { locals: { here: '${path.module}/x' } }),
      stack(root, 'c', {}, { 'extra.auto.tfvars.json': '{}' }),
      stack(root, 'd'),
      stack(root, 'e', { locals: { top: '${path.root}' } }),
    ];
    expect(names(formBatches(stacks, 20))).toEqual([['a', 'd'], ['b'], ['c'], ['e']]);
  });

  it('ignores results of earlier runs (plan.json) when forming batches', () => {
    const root = tempDir();
    const stacks = [stack(root, 'a', {}, { 'plan.json': '{}' }), stack(root, 'b')];
    expect(names(formBatches(stacks, 20))).toEqual([['a', 'b']]);
  });
});

describe('laying out a batch', () => {
  const variable = {
    vpc_id: { type: 'string' },
    private_subnet_ids: { type: 'list(string)' },
    retention_days: { type: 'number', default: 30 },
  };

  it('passes each stack input from a root variable of the same type, unset for validate', () => {
    const root = tempDir();
    const batchDir = tempDir();
    const batch = formBatches(
      [stack(root, 'a', { variable }), stack(root, 'b', {}, { 'assets/f.zip': 'one' })],
      20,
    )[0];
    prepareBatchDir(batchDir, batch, 'validate');
    expect(readJson(join(batchDir, 'main.tf.json'))).toEqual({
      '//': expect.any(String),
      module: {
        a: {
          source: './a',
          private_subnet_ids: '${var.a__private_subnet_ids}',
          vpc_id: '${var.a__vpc_id}',
        },
        b: { source: './b' },
      },
      variable: {
        [rootVariable('a', 'private_subnet_ids')]: { type: 'list(string)' },
        [rootVariable('a', 'vpc_id')]: { type: 'string' },
      },
    });
    expect(() => lstatSync(join(batchDir, 'platform_offline_inputs.auto.tfvars.json'))).toThrow();
    // Assets sit at the root, where the stack's relative paths resolve as in its own work directory.
    expect(readlinkSync(join(batchDir, 'assets', 'f.zip'))).toBe(join(root, 'b', 'assets/f.zip'));
  });

  it('sets the root variables to the offline placeholders for plan, as a stack planned alone gets them', () => {
    const root = tempDir();
    const batchDir = tempDir();
    prepareBatchDir(batchDir, formBatches([stack(root, 'a', { variable })], 20)[0], 'plan');
    const placeholders = foundationInputPlaceholders();
    expect(readJson(join(batchDir, 'platform_offline_inputs.auto.tfvars.json'))).toEqual({
      a__private_subnet_ids: placeholders.private_subnet_ids,
      a__vpc_id: placeholders.vpc_id,
    });
    expect(
      readFileSync(join(batchDir, 'a', 'platform_offline_override.tf.json'), 'utf8'),
    ).toContain('terraform.tfstate');
  });
});

describe('why a batch is re-run', () => {
  it('keeps the first lines of terraform output without its box drawing', () => {
    const failure = new Error(
      'terraform plan failed (exit 1) in /x:\n\n╷\n│ Error: Missing required argument\n│ \n│ The argument "vpc_id" is required\n╵\n',
    );
    expect(firstLines(failure)).toBe(
      'terraform plan failed (exit 1) in /x: Error: Missing required argument The argument "vpc_id" is required',
    );
  });
});
