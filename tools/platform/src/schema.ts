import { JSON_SCHEMA_FILES, jsonSchemaFor } from '@genai-sandbox/config';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT_FAILURE, EXIT_OK } from './errors';
import type { Output } from './progress';

const SCHEMA_DIR = 'schema';

/**
 * Writes (or with `check`, compares) the JSON Schema of each configuration file. Each file is
 * written to a temporary name and renamed, so an editor never reads half a schema.
 */
export function writeJsonSchemas(configDir: string, check: boolean, output: Output): number {
  const dir = join(configDir, SCHEMA_DIR);
  const stale: string[] = [];
  for (const [file, schema] of Object.entries(JSON_SCHEMA_FILES)) {
    const path = join(dir, file);
    const wanted = jsonSchemaFor(schema);
    if (existsSync(path) && readFileSync(path, 'utf8') === wanted) continue;
    stale.push(path);
    if (check) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(`${path}.tmp`, wanted);
    renameSync(`${path}.tmp`, path);
  }
  if (check && stale.length > 0) {
    output.err(
      `Out of date: ${stale.join(', ')}. Run "npm run platform -- schema" and commit the result.`,
    );
    return EXIT_FAILURE;
  }
  output.out(
    stale.length === 0 ? `JSON Schemas in ${dir} are up to date.` : `Wrote ${stale.join(', ')}.`,
  );
  return EXIT_OK;
}
