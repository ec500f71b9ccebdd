import { z } from 'zod';
import { genaiSettingsFileSchema } from './genai-settings';
import { environmentSchema } from './schemas/environment';
import { platformSchema } from './schemas/platform';
import { releaseManifestSchema } from './schemas/release';

/** The JSON Schema files written to `<config-dir>/schema/`, referenced by `$schema` in each file. */
export const JSON_SCHEMA_FILES = {
  'platform.schema.json': platformSchema,
  'environment.schema.json': environmentSchema,
  'release.schema.json': releaseManifestSchema,
  'genai-settings.schema.json': genaiSettingsFileSchema,
} as const;

/** JSON Schema (draft 2020-12) of the input side: fields with defaults are optional for editors too. */
export function jsonSchemaFor(schema: z.ZodType): string {
  return `${JSON.stringify(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), null, 2)}\n`;
}
