import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { z } from 'zod';
import { schemaReference } from './schemas/common';
import { type GenaiBedrockSettings, genaiBedrockSchema } from './schemas/blueprints/genai-bedrock';
import type { EnvironmentDefinition, PlatformConfiguration } from './types';

/**
 * GenAI settings versions (docs/architecture.md#genai-settings-versions): the settings of the
 * genai-bedrock blueprint travel the promotion chain like a model. A version is the content hash
 * of the parsed settings, stored under `<config-dir>/genai/<version>.json`; a release manifest
 * pins the version its environment deploys.
 */

/** The folder of stored versions, beside `releases/`. */
export const GENAI_SETTINGS_DIR = 'genai';

/** A stored version: the settings as parsed (defaults applied), so the file shows what deploys. */
export const genaiSettingsFileSchema = z
  .strictObject({
    $schema: schemaReference,
    settings: genaiBedrockSchema,
  })
  .describe(
    'One stored GenAI settings version, named after its content hash. Written by `platform promote-genai`; never edit it (the hash would no longer match the name).',
  );

export type GenaiSettingsFile = z.infer<typeof genaiSettingsFileSchema>;

/** JSON with the keys of every object sorted, so equal settings give equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) =>
    item !== null && typeof item === 'object' && !Array.isArray(item)
      ? Object.fromEntries(
          Object.entries(item as Record<string, unknown>).sort(([a], [b]) =>
            a < b ? -1 : a > b ? 1 : 0,
          ),
        )
      : item,
  );
}

/**
 * The version of parsed settings: the first 16 hex digits of the SHA-256 of their canonical JSON.
 * Defaults are part of parsed settings, so a platform upgrade that changes a default changes the
 * version of every environment that relies on it.
 */
export function genaiSettingsVersionOf(settings: GenaiBedrockSettings): string {
  return createHash('sha256').update(canonicalJson(settings)).digest('hex').slice(0, 16);
}

/** The settings of an environment file without the section: every default. */
export function defaultGenaiSettings(): GenaiBedrockSettings {
  return genaiBedrockSchema.parse({});
}

/** `<config-dir>/genai/<version>.json`. */
export function genaiSettingsFile(directory: string, version: string): string {
  return join(directory, GENAI_SETTINGS_DIR, `${version}.json`);
}

/** The text promote-genai writes for a version. */
export function genaiSettingsText(settings: GenaiBedrockSettings): string {
  const file: GenaiSettingsFile = {
    $schema: '../schema/genai-settings.schema.json',
    settings,
  };
  return `${JSON.stringify(file, null, 2)}\n`;
}

/** What an environment deploys, and where it comes from. */
export interface EffectiveGenaiSettings {
  readonly settings: GenaiBedrockSettings;
  readonly version: string;
  /** `pinned`: releases/<env>.json pins a stored version; `own`: the environment file's section. */
  readonly source: 'pinned' | 'own';
}

/**
 * The GenAI settings an environment deploys: the stored version its release manifest pins, else
 * its own `blueprints.genaiBedrock` (defaults when absent). The loader has checked that a pinned
 * version exists and that a pinned environment has no section of its own. Every reader of the
 * settings goes through here.
 */
export function effectiveGenaiSettings(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
): EffectiveGenaiSettings {
  const pin = config.releases[environment.name]?.genaiSettings;
  if (pin) {
    const settings = config.genaiSettings[pin.version];
    if (!settings)
      throw new Error(
        `releases/${environment.name}.json pins GenAI settings ${pin.version}, which the configuration does not hold; load it with loadPlatformConfiguration`,
      );
    return { settings, version: pin.version, source: 'pinned' };
  }
  const settings = environment.blueprints.genaiBedrock ?? defaultGenaiSettings();
  return { settings, version: genaiSettingsVersionOf(settings), source: 'own' };
}
