import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES } from '@genai-sandbox/config';
import { writeJsonSchemas } from '../src/schema';

function capture() {
  const lines: string[] = [];
  return {
    lines,
    output: { out: (text: string) => lines.push(text), err: (text: string) => lines.push(text) },
  };
}

describe('platform schema', () => {
  it('writes every schema, then reports them up to date', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    const first = capture();
    expect(writeJsonSchemas(dir, false, first.output)).toBe(0);
    for (const file of Object.keys(JSON_SCHEMA_FILES)) {
      expect(JSON.parse(readFileSync(join(dir, 'schema', file), 'utf8')).$schema).toBe(
        'https://json-schema.org/draft/2020-12/schema',
      );
    }
    const second = capture();
    expect(writeJsonSchemas(dir, true, second.output)).toBe(0);
    expect(second.lines.join('\n')).toMatch(/up to date/);
  });

  it('fails with --check when a schema is out of date, and writes nothing', () => {
    const dir = mkdtempSync(join(tmpdir(), 'schema-'));
    writeJsonSchemas(dir, false, capture().output);
    const stale = join(dir, 'schema', 'environment.schema.json');
    writeFileSync(stale, '{}\n');
    const checked = capture();
    expect(writeJsonSchemas(dir, true, checked.output)).toBe(1);
    expect(checked.lines.join('\n')).toContain(
      `Out of date: ${stale}. Run "npm run platform -- schema"`,
    );
    expect(readFileSync(stale, 'utf8')).toBe('{}\n');
  });
});
