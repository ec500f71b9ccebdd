import {
  ConfigError,
  type EnvironmentDefinition,
  INFERENCE_BLUEPRINTS,
  loadPlatformConfiguration,
  type PlatformConfiguration,
  RELEASES_DIR,
  type Release,
  type ReleaseManifest,
} from '@genai-sandbox/config';
import { cpSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CliError } from '../errors';
import type { PromotionRequest } from './request';

const DEFAULT_SCHEMA = '../schema/release.schema.json';

/**
 * The inference blueprints of `project` in the target environment that the promoted package will
 * serve: those of the project's profile that serve a package of the same group in the source
 * environment (releases/<from>.json), or, when none does, every inference blueprint of the profile.
 * Deterministic: the order of INFERENCE_BLUEPRINTS.
 */
export function releaseBlueprints(
  config: PlatformConfiguration,
  request: PromotionRequest,
  project: string,
): string[] {
  const target = request.to.projects.find((candidate) => candidate.name === project);
  if (!target) {
    throw new CliError(
      `promote: the artifact belongs to project "${project}" of ${request.from.name}, but ${request.to.name}.json ` +
        `has no project "${project}", so there is no ML bucket to copy it into and nothing to serve it. Add the ` +
        `project to ${request.to.name}.json (and deploy its foundation) first. Nothing was copied, registered or written.`,
    );
  }
  const profile = config.platform.profiles[target.profile]?.blueprints ?? [];
  const inference = INFERENCE_BLUEPRINTS.filter((blueprint) => profile.includes(blueprint));
  if (inference.length === 0) {
    throw new CliError(
      `promote: profile "${target.profile}" of project "${project}" in ${request.to.name} has no inference blueprint ` +
        `(${INFERENCE_BLUEPRINTS.join(', ')}), so nothing would serve the model. Add one to the profile in ` +
        'platform.json. Nothing was copied, registered or written.',
    );
  }
  const served = (config.releases[request.from.name]?.releases ?? [])
    .filter((release) => release.project === project && release.modelPackageGroup === request.group)
    .map((release) => release.blueprint as string);
  const matching = inference.filter((blueprint) => served.includes(blueprint));
  return matching.length > 0 ? matching : inference;
}

/** The target manifest with the entries of `project` for `blueprints` replaced (or appended). */
export function nextManifest(
  current: ReleaseManifest | undefined,
  entries: readonly Release[],
): ReleaseManifest {
  const key = (release: Release) => `${release.project}/${release.blueprint}`;
  const byKey = new Map(entries.map((entry) => [key(entry), entry]));
  const releases = (current?.releases ?? []).map((release) => {
    const replacement = byKey.get(key(release));
    byKey.delete(key(release));
    return replacement ?? release;
  });
  return {
    $schema: current?.$schema ?? DEFAULT_SCHEMA,
    releases: [...releases, ...byKey.values()],
  };
}

export function manifestFile(config: PlatformConfiguration, environment: EnvironmentDefinition) {
  return join(config.directory, RELEASES_DIR, `${environment.name}.json`);
}

export function manifestText(manifest: ReleaseManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/**
 * Validates the new manifest as the loader would, across files (groups, projects, blueprints, the
 * registry's account), by loading a temporary copy of the configuration that holds it; then writes
 * it beside the old one and renames it over it, so a reader sees the old file or the new one, never
 * half of one.
 */
export function writeReleaseManifest(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
  text: string,
): void {
  const copy = mkdtempSync(join(tmpdir(), 'platform-promote-'));
  try {
    cpSync(config.directory, copy, { recursive: true });
    mkdirSync(join(copy, RELEASES_DIR), { recursive: true });
    writeFileSync(join(copy, RELEASES_DIR, `${environment.name}.json`), text);
    loadPlatformConfiguration(copy);
  } catch (error) {
    if (error instanceof ConfigError) {
      throw new CliError(
        `promote: the new ${RELEASES_DIR}/${environment.name}.json would not be valid configuration, so it was not ` +
          `written:\n${error.message.split(copy).join(config.directory)}\nThis is a bug in platform promote or a ` +
          'configuration changed during the run; fix the problem above and run promote again (the copy and the ' +
          'registration are already done and are not repeated).',
      );
    }
    throw error;
  } finally {
    rmSync(copy, { recursive: true, force: true });
  }
  mkdirSync(join(config.directory, RELEASES_DIR), { recursive: true });
  writeFileAtomically(manifestFile(config, environment), text);
}

/** Writes beside the file and renames over it: a reader sees the old file or the new one. */
export function writeFileAtomically(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.tmp`;
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, file);
  } finally {
    rmSync(temporary, { force: true });
  }
}
