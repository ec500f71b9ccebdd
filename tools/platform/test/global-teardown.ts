import { rmSync } from 'node:fs';
import { SHARED_SYNTH_ENV } from './global-setup';

export default function globalTeardown(): void {
  const dir = process.env[SHARED_SYNTH_ENV];
  if (dir) rmSync(dir, { recursive: true, force: true });
  delete process.env[SHARED_SYNTH_ENV];
}
