import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { JSON_SCHEMA_FILES, jsonSchemaFor } from '../src';

const schemaDir = join(__dirname, '../../../environments/schema');

describe('JSON Schema files', () => {
  it.each(Object.entries(JSON_SCHEMA_FILES))(
    '%s is generated from the zod schema (run `npm run platform -- schema` if this fails)',
    (file, schema) => {
      expect(readFileSync(join(schemaDir, file), 'utf8')).toBe(jsonSchemaFor(schema));
    },
  );

  it('describes strict objects, so editors flag unknown fields', () => {
    const environment = JSON.parse(jsonSchemaFor(JSON_SCHEMA_FILES['environment.schema.json']));
    expect(environment.additionalProperties).toBe(false);
    expect(environment.required).toEqual(
      expect.arrayContaining(['accountId', 'region', 'network']),
    );
    expect(environment.properties.accountId.pattern).toBe('^\\d{12}$');
  });
});
