import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The run's directory: the whole-platform tests share their synthesis in it
 * (checked-in-platform.ts), and the CLI tests make their temporary directories in it (tempDir).
 */
export const SHARED_SYNTH_ENV = 'PLATFORM_TEST_SHARED_SYNTH';

/**
 * Runs once per Jest run in Jest's own process, before any worker starts: the workers inherit the
 * environment variable. Only Node's modules here, since this process does not resolve the
 * workspace packages to their sources.
 */
export default function globalSetup(): void {
  // Two projects of one run (jest.config.js) both name this setup: the first one's directory counts.
  process.env[SHARED_SYNTH_ENV] ??= mkdtempSync(join(tmpdir(), 'genai-platform-tests-'));
}
