import type { ZipOptions } from 'fflate';

/**
 * The earliest time a zip (MS-DOS) timestamp can hold. fflate writes the local-time fields of the
 * Date it is given, so the Date is built from local-time parts: the same fields in every time zone.
 */
function fixedTime(): Date {
  return new Date(1980, 0, 1, 0, 0, 0);
}

/** Regular file, rw-r--r--, in the upper half of the external attributes (Unix host). */
const FILE_ATTRIBUTES = (0o100644 << 16) >>> 0;
const UNIX_HOST = 3;

/**
 * A zip whose bytes depend only on the entries' names and contents: sorted entries, one fixed
 * timestamp, fixed modes, fixed compression level, no comment or extra fields. Lambda reads the
 * mode bits, so files stay readable by the runtime user.
 */
export function deterministicZip(files: Readonly<Record<string, string | Uint8Array>>): Uint8Array {
  const options: ZipOptions = {
    level: 9,
    mtime: fixedTime(),
    os: UNIX_HOST,
    attrs: FILE_ATTRIBUTES,
  };
  const entries: Record<string, [Uint8Array, ZipOptions]> = {};
  for (const name of Object.keys(files).sort()) {
    const content = files[name];
    entries[name] = [
      typeof content === 'string' ? new TextEncoder().encode(content) : content,
      options,
    ];
  }
  // Loaded on use: fflate makes a streaming TextDecoder when it loads, which the CLI's start-up
  // snapshot cannot hold (tools/platform/bin/snapshot.cjs), and only a function bundle cache miss
  // zips anything.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { zipSync } = require('fflate') as typeof import('fflate');
  return zipSync(entries);
}
