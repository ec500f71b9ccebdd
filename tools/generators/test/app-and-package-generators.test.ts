import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import type { Tree } from '@nx/devkit';
import { planStacks } from '@genai-sandbox/core';
import { synthesize, testConfiguration } from '@genai-sandbox/core/testing';
import { Testing } from 'cdktf';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { blueprintAppGenerator, constructPackageGenerator } from '../src';

const REPO = join(__dirname, '../../..');
const BLUEPRINTS = 'packages/config/src/blueprints.ts';

/** A virtual workspace holding the real blueprint list of the config package. */
function workspace(): Tree {
  const tree = createTreeWithEmptyWorkspace();
  for (const file of [BLUEPRINTS, 'environments/platform.json'])
    tree.write(file, readFileSync(join(REPO, file)));
  return tree;
}

/** Writes the tree's files under `prefix` to a directory inside the repository (so workspace packages resolve). */
function materialize(tree: Tree, prefix: string): string {
  const root = mkdtempSync(join(__dirname, '.generated-'));
  const walk = (path: string): void => {
    for (const child of tree.children(path)) {
      const full = `${path}/${child}`;
      if (tree.isFile(full)) {
        mkdirSync(dirname(join(root, full)), { recursive: true });
        writeFileSync(join(root, full), tree.read(full) as Buffer);
      } else walk(full);
    }
  };
  walk(prefix);
  return root;
}

const created: string[] = [];
afterAll(() => {
  for (const dir of created) rmSync(dir, { recursive: true, force: true });
});

describe('blueprint-app generator', () => {
  it('adds a project blueprint in the uniform shape and lists it in PROJECT_BLUEPRINTS', async () => {
    const tree = workspace();
    await blueprintAppGenerator(tree, {
      name: 'inference-streaming',
      description: 'Streaming responses of a project model.',
      skipFormat: true,
    });
    const root = 'apps/inference-streaming';
    expect(tree.children(root).sort()).toEqual([
      'README.md',
      'cdktf.json',
      'jest.config.js',
      'package.json',
      'project.json',
      'src',
      'test',
      'tsconfig.lib.json',
    ]);
    const manifest = JSON.parse(tree.read(`${root}/package.json`, 'utf-8') ?? '');
    // The same manifest shape as the existing apps, field by field and in order.
    const existing = JSON.parse(
      readFileSync(join(REPO, 'apps/inference-serverless/package.json'), 'utf-8'),
    );
    expect(Object.keys(manifest)).toEqual(Object.keys(existing));
    expect(manifest).toMatchObject({
      name: '@genai-sandbox/inference-streaming',
      platformApp: { scope: 'project' },
      private: true,
      dependencies: { '@genai-sandbox/config': '*', '@genai-sandbox/core': '*' },
    });
    expect(JSON.parse(tree.read(`${root}/project.json`, 'utf-8') ?? '').tags).toEqual([
      'type:app',
      'scope:inference-streaming',
    ]);
    expect(tree.read(BLUEPRINTS, 'utf-8')).toMatch(
      /PROJECT_BLUEPRINTS = \[[^\]]*'genai-bedrock', 'inference-streaming'\] as const;/,
    );
  });

  // A project blueprint needs its name in the config package's list, which the real configuration
  // loader reads from the workspace, not from the virtual tree: an account-level app proves the
  // generated code instead.
  it('generates an app the platform plans and synthesizes, one stack per environment', async () => {
    const tree = workspace();
    await blueprintAppGenerator(tree, {
      name: 'demo-reports',
      description: 'A demonstration app.',
      scope: 'account',
      skipFormat: true,
    });
    const dir = materialize(tree, 'apps/demo-reports');
    created.push(dir);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const generated = require(join(dir, 'apps/demo-reports/src/index.ts'));
    const config = testConfiguration();
    expect(planStacks([generated.platformApp], config).map((stack) => stack.name)).toEqual(
      ['dev', 'test', 'prod'].map((env) => `demo-reports-${env}`),
    );
    const json = synthesize(
      new generated.DemoReportsStack(Testing.app(), {
        config,
        environment: config.environments[0],
      }),
    );
    expect(JSON.stringify(json.terraform)).toContain('use_lockfile');
    expect(json.provider?.aws).toBeDefined();
  });

  it('adds an account-level app without touching the blueprint list', async () => {
    const tree = workspace();
    const before = tree.read(BLUEPRINTS, 'utf-8');
    await blueprintAppGenerator(tree, {
      name: 'cost-reports',
      description: 'Cost reports of the account.',
      scope: 'account',
      skipFormat: true,
    });
    expect(tree.read(BLUEPRINTS, 'utf-8')).toBe(before);
    expect(tree.read('apps/cost-reports/src/index.ts', 'utf-8')).toContain("scope: 'account'");
  });

  it('refuses an existing app and a name that is not kebab-case, naming the fix', async () => {
    const tree = workspace();
    tree.write('apps/model-training/package.json', '{}');
    await expect(
      blueprintAppGenerator(tree, { name: 'model-training', description: 'x', skipFormat: true }),
    ).rejects.toThrow(
      'App "model-training" exists already (apps/model-training); choose another name',
    );
    await expect(
      blueprintAppGenerator(tree, { name: 'Model_Training', description: 'x', skipFormat: true }),
    ).rejects.toThrow('is not kebab-case');
  });
});

describe('construct-package generator', () => {
  it('adds a construct package in the uniform shape', async () => {
    const tree = workspace();
    await constructPackageGenerator(tree, {
      name: 'vector-search',
      description: 'Vector search collections.',
      skipFormat: true,
    });
    const root = 'packages/vector-search';
    expect(tree.children(root).sort()).toEqual([
      'README.md',
      'jest.config.js',
      'package.json',
      'project.json',
      'src',
      'test',
      'tsconfig.lib.json',
    ]);
    const manifest = JSON.parse(tree.read(`${root}/package.json`, 'utf-8') ?? '');
    // The same manifest shape as the existing construct packages, field by field and in order.
    const storage = JSON.parse(readFileSync(join(REPO, 'packages/storage/package.json'), 'utf-8'));
    expect(Object.keys(manifest)).toEqual(Object.keys(storage));
    for (const field of ['exports', 'files', 'publishConfig', 'peerDependencies'])
      expect(manifest[field]).toEqual(storage[field]);
    expect(manifest.repository).toEqual({ ...storage.repository, directory: root });
    expect(manifest.scripts).toEqual({ prepack: 'nx run vector-search:build' });
    expect(JSON.parse(tree.read(`${root}/project.json`, 'utf-8') ?? '').tags).toEqual([
      'type:construct',
      'scope:shared',
    ]);
  });

  it('refuses an existing package', async () => {
    const tree = workspace();
    tree.write('packages/storage/package.json', '{}');
    await expect(
      constructPackageGenerator(tree, { name: 'storage', description: 'x', skipFormat: true }),
    ).rejects.toThrow('Package "storage" exists already (packages/storage); choose another name');
  });
});
