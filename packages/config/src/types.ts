import type { GenaiBedrockSettings } from './schemas/blueprints/genai-bedrock';
import type { EnvironmentConfig } from './schemas/environment';
import type { PlatformConfig } from './schemas/platform';
import type { ReleaseManifest } from './schemas/release';

/**
 * The types of a loaded configuration, apart from the loader so that schemas, cross-file checks
 * and naming can use them without importing the loader (which imports them).
 */

export interface EnvironmentDefinition extends EnvironmentConfig {
  /** The environment name, taken from the file name `<name>.json`. */
  readonly name: string;
  /** The file it was read from. */
  readonly file: string;
}

/** The whole configuration of a platform, parsed and checked across files. */
export interface PlatformConfiguration {
  readonly directory: string;
  readonly platform: PlatformConfig;
  /** Promotion-chain environments first, in chain order, then any others by name. */
  readonly environments: readonly EnvironmentDefinition[];
  /** Release manifest per environment name; an environment without a file has no releases. */
  readonly releases: Readonly<Record<string, ReleaseManifest>>;
  /** Stored GenAI settings versions (`genai/<version>.json`), by version. */
  readonly genaiSettings: Readonly<Record<string, GenaiBedrockSettings>>;
}

/** Intermediate result of reading every file: what parsed, and what did not. */
export interface ParsedFiles {
  platform?: { file: string; value: PlatformConfig };
  /** Every environment file found, valid or not, so cross-checks don't report a broken file as missing. */
  environmentNames: string[];
  environments: { name: string; file: string; value: EnvironmentConfig }[];
  releases: { name: string; file: string; value: ReleaseManifest }[];
  genaiSettings: { version: string; file: string; value: GenaiBedrockSettings }[];
}
