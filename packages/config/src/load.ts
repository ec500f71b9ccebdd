import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { z } from 'zod';
import { crossFileProblems } from './cross-checks';
import { GENAI_SETTINGS_DIR, genaiSettingsFileSchema } from './genai-settings';
import type { GenaiBedrockSettings } from './schemas/blueprints/genai-bedrock';
import { ConfigError, type ConfigProblem, problemsFromZod } from './problems';
import { allowedKeysAt } from './schema-walk';
import { environmentName } from './schemas/common';
import { environmentSchema } from './schemas/environment';
import { platformSchema } from './schemas/platform';
import { type ReleaseManifest, releaseManifestSchema } from './schemas/release';
import type { ParsedFiles, PlatformConfiguration } from './types';

export const PLATFORM_FILE = 'platform.json';
export const RELEASES_DIR = 'releases';

/**
 * Reads and validates every file of a configuration directory. Throws one ConfigError listing
 * every problem of every file, so a user fixes them in one pass.
 */
export function loadPlatformConfiguration(directory: string): PlatformConfiguration {
  const dir = resolve(directory);
  const problems: ConfigProblem[] = [];
  if (!existsSync(join(dir, PLATFORM_FILE))) {
    throw new ConfigError(dir, [
      {
        file: join(dir, PLATFORM_FILE),
        path: '$',
        message: `file not found; point --config-dir at a directory holding ${PLATFORM_FILE} and one <env>.json per environment`,
      },
    ]);
  }
  const parsed: ParsedFiles = {
    environmentNames: [],
    environments: [],
    releases: [],
    genaiSettings: [],
  };

  const platformFile = join(dir, PLATFORM_FILE);
  const platform = parseFile(platformFile, platformSchema, problems);
  if (platform) parsed.platform = { file: platformFile, value: platform };

  for (const entry of jsonFilesIn(dir).filter((name) => name !== PLATFORM_FILE)) {
    const file = join(dir, entry);
    const name = basename(entry, '.json');
    if (!environmentName.safeParse(name).success) {
      problems.push({
        file,
        path: '$',
        received: JSON.stringify(entry),
        message:
          'environment files are named <env>.json with 2-10 lower-case letters or digits; rename or move the file',
      });
      continue;
    }
    parsed.environmentNames.push(name);
    const value = parseFile(file, environmentSchema, problems);
    if (value) parsed.environments.push({ name, file, value });
  }
  // Chain order, so a clash is reported on the environment later in the chain.
  const chain = parsed.platform?.value.promotionChain ?? [];
  const rank = (name: string) => (chain.includes(name) ? chain.indexOf(name) : chain.length);
  parsed.environments.sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name));

  const releasesDir = join(dir, RELEASES_DIR);
  for (const entry of existsSync(releasesDir) ? jsonFilesIn(releasesDir) : []) {
    const file = join(releasesDir, entry);
    const value = parseFile(file, releaseManifestSchema, problems);
    if (value) parsed.releases.push({ name: basename(entry, '.json'), file, value });
  }

  const genaiDir = join(dir, GENAI_SETTINGS_DIR);
  for (const entry of existsSync(genaiDir) ? jsonFilesIn(genaiDir) : []) {
    const file = join(genaiDir, entry);
    const value = parseFile(file, genaiSettingsFileSchema, problems);
    if (value)
      parsed.genaiSettings.push({ version: basename(entry, '.json'), file, value: value.settings });
  }

  problems.push(...crossFileProblems(parsed));
  if (problems.length > 0 || !parsed.platform) throw new ConfigError(dir, problems);

  const environments = parsed.environments.map(({ name, file, value }) => ({
    ...value,
    name,
    file,
  }));
  const releases: Record<string, ReleaseManifest> = {};
  for (const environment of environments) releases[environment.name] = { releases: [] };
  for (const release of parsed.releases) releases[release.name] = release.value;
  const genaiSettings: Record<string, GenaiBedrockSettings> = {};
  for (const stored of parsed.genaiSettings) genaiSettings[stored.version] = stored.value;
  return {
    directory: dir,
    platform: parsed.platform.value,
    environments,
    releases,
    genaiSettings,
  };
}

function jsonFilesIn(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.json'))
    .map((entry) => entry.name)
    .sort();
}

/** Reads one JSON file and validates it; problems are appended, never thrown. */
export function parseFile<T extends z.ZodType>(
  file: string,
  schema: T,
  problems: ConfigProblem[],
): z.infer<T> | undefined {
  let data: unknown;
  const text = readFileSync(file, 'utf8');
  try {
    data = JSON.parse(text);
  } catch (error) {
    problems.push({
      file,
      path: '$',
      message: `not valid JSON: ${describeJsonError(text, error)}`,
    });
    return undefined;
  }
  const result = schema.safeParse(data, { reportInput: true });
  if (result.success) return result.data;
  problems.push(...problemsFromZod(file, result.error, (path) => allowedKeysAt(schema, path)));
  return undefined;
}

/** Node reports a character offset; people fix files by line and column. */
function describeJsonError(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message);
  if (!position) return message;
  const offset = Number(position[1]);
  const before = text.slice(0, offset).split('\n');
  return `${message} (line ${before.length}, column ${before[before.length - 1].length + 1})`;
}
