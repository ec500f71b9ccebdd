import { type EnvironmentDefinition, loadPlatformConfiguration } from '@genai-sandbox/config';
import { planStacks, synthesizeStacks } from '@genai-sandbox/core';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadApps } from '../src/discover-apps';
import { SHARED_SYNTH_ENV } from './global-setup';
import { tempDir } from './helpers';

const ROOT = resolve(__dirname, '..', '..', '..');

/** One synthesized stack of the checked-in configuration, as the whole-platform tests read it. */
export interface PlatformStackOutput {
  readonly name: string;
  readonly app: string;
  readonly environment: EnvironmentDefinition;
  readonly project?: string;
  /** cdk.tf.json as written. */
  readonly text: string;
}

/** What the stacks' contexts say, as JSON: an environment is plain data. */
type StackIndexEntry = Omit<PlatformStackOutput, 'text'>;

/**
 * Every stack of the checked-in apps and configuration (environments/), synthesized once per
 * Jest run and read by each test file that needs the whole platform, instead of once per file
 * (seconds each, tens of seconds under load). The first file to ask synthesizes into the shared
 * directory (claimed with an atomic mkdir); a file in another worker meanwhile waits for it.
 * Without the shared directory (a runner without the project's global setup), it synthesizes
 * into a directory of its own, removed after the file. Call it from beforeAll.
 */
export async function checkedInPlatform(): Promise<readonly PlatformStackOutput[]> {
  const shared = process.env[SHARED_SYNTH_ENV];
  const dir = shared ? join(shared, 'checked-in') : tempDir('genai-platform-');
  const index = join(dir, 'stacks.json');
  if (!shared || claim(dir)) {
    const config = loadPlatformConfiguration(join(ROOT, 'environments'));
    const planned = planStacks(loadApps(join(ROOT, 'apps')), config);
    synthesizeStacks(planned, dir);
    const entries: StackIndexEntry[] = planned.map(({ name, app, context }) => ({
      name,
      app: app.name,
      environment: context.environment,
      project: context.project?.name,
    }));
    // Written last: its presence says the synthesis is complete.
    writeFileSync(index, JSON.stringify(entries));
  } else {
    await waitFor(index);
  }
  const entries = JSON.parse(readFileSync(index, 'utf8')) as StackIndexEntry[];
  return entries.map((entry) => ({
    ...entry,
    text: readFileSync(join(dir, 'stacks', entry.name, 'cdk.tf.json'), 'utf8'),
  }));
}

/** True for the one caller that creates `dir`; false when another already did. */
function claim(dir: string): boolean {
  try {
    mkdirSync(dir);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
}

async function waitFor(file: string, timeoutMs = 120_000): Promise<void> {
  const started = Date.now();
  while (!existsSync(file)) {
    if (Date.now() - started > timeoutMs)
      throw new Error(
        `${file} did not appear within ${timeoutMs / 1000} s: the test file synthesizing the platform failed or was stopped; run it alone to see why`,
      );
    await new Promise((done) => setTimeout(done, 100));
  }
}
