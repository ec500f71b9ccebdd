import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The directory the run's whole-platform tests share their synthesis in (checked-in-platform.ts). */
export const SHARED_SYNTH_ENV = 'PLATFORM_TEST_SHARED_SYNTH';

/**
 * Runs once per Jest run in Jest's own process, before any worker starts: the workers inherit the
 * environment variable. Only Node's modules here, since this process does not resolve the
 * workspace packages to their sources.
 */
export default function globalSetup(): void {
  process.env[SHARED_SYNTH_ENV] = mkdtempSync(join(tmpdir(), 'genai-platform-tests-'));
}
