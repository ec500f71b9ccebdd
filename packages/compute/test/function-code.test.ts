import { PlatformKey } from '@genai-sandbox/security';
import { PlatformStack } from '@genai-sandbox/core';
import { testConfiguration } from '@genai-sandbox/core/testing';
import { functionSource } from '@genai-sandbox/functions';
import { App } from 'cdktf';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PlatformFunction } from '../src';

const KEY = PlatformKey.fromKeyArn(
  'arn:aws:kms:eu-west-1:111111111111:key/0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0',
  'alias/genai-dev-platform',
);

/** Synthesizes two stacks that deploy the router into a fresh directory, as `platform synth` does. */
function synthInto(outdir: string) {
  const config = testConfiguration();
  const app = new App({ outdir, stackTraces: false });
  const functions = ['dev', 'test'].map((name) => {
    const environment = config.environments.find((candidate) => candidate.name === name)!;
    const stack = new PlatformStack(app, { config, environment, app: 'router-demo' });
    return new PlatformFunction(stack, 'Router', {
      purpose: 'inference-router',
      description: 'Routes inference requests',
      source: functionSource('inference-router'),
      encryptionKey: KEY,
    });
  });
  app.synth();
  return functions;
}

const files = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).slice(dir.length + 1))
    .sort();

describe('FunctionCode', () => {
  it('writes the zip into each stack directory, where the relative filename points', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'function-code-'));
    try {
      const [dev] = synthInto(outdir);
      const stackDir = join(outdir, 'stacks', 'router-demo-dev');
      const stack = JSON.parse(readFileSync(join(stackDir, 'cdk.tf.json'), 'utf8'));
      const filename = Object.values(
        stack.resource.aws_lambda_function as Record<string, { filename: string }>,
      )[0].filename;
      expect(readFileSync(join(stackDir, filename)).equals(Buffer.from(dev.code.bundle.zip))).toBe(
        true,
      );
      expect(files(outdir).filter((file) => file.endsWith('.zip'))).toEqual([
        `stacks/router-demo-dev/${dev.code.filename}`,
        `stacks/router-demo-test/${dev.code.filename}`,
      ]);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('writes one copy per output directory: the other stacks hold hard links to it', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'function-code-'));
    try {
      const [dev] = synthInto(outdir);
      const [devZip, testZip] = ['dev', 'test'].map((env) =>
        statSync(join(outdir, 'stacks', `router-demo-${env}`, dev.code.filename)),
      );
      expect(testZip.ino).toBe(devZip.ino);
      expect(devZip.nlink).toBe(2);
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  it('gives byte-identical output directories for two synths', () => {
    const first = mkdtempSync(join(tmpdir(), 'function-code-'));
    const second = mkdtempSync(join(tmpdir(), 'function-code-'));
    try {
      synthInto(first);
      synthInto(second);
      const listed = files(first).filter((file) => file !== 'manifest.json');
      expect(files(second).filter((file) => file !== 'manifest.json')).toEqual(listed);
      for (const file of listed)
        expect(readFileSync(join(second, file)).equals(readFileSync(join(first, file)))).toBe(true);
    } finally {
      rmSync(first, { recursive: true, force: true });
      rmSync(second, { recursive: true, force: true });
    }
  });
});
