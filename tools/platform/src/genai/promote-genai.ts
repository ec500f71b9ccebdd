import {
  effectiveGenaiSettings,
  GENAI_SETTINGS_DIR,
  genaiSettingsFile,
  type GenaiSettingsPin,
  genaiSettingsText,
  loadPlatformConfiguration,
  RELEASES_DIR,
} from '@genai-sandbox/config';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { CliError, EXIT_OK, UsageError } from '../errors';
import { displayPath, type Output } from '../progress';
import { checkHop } from '../promote/request';
import {
  manifestFile,
  manifestText,
  writeFileAtomically,
  writeReleaseManifest,
} from '../promote/release-manifest';

export interface PromoteGenaiOptions {
  /** Absolute. */
  readonly configDir: string;
  readonly from?: string;
  readonly to?: string;
  /** The version the caller expects <from> to serve; checked when given. */
  readonly version?: string;
  readonly dryRun: boolean;
  readonly cwd: string;
  readonly output: Output;
}

/**
 * `platform promote-genai` (docs/architecture.md#genai-settings-versions): moves the GenAI settings
 * version that <from> serves to <to>, the next environment of the chain. Writes
 * `genai/<version>.json` when it is not stored yet and the pin in `releases/<to>.json`; a second
 * run changes nothing. Only files of the repository change: the workflow applies them.
 */
export async function runPromoteGenai(options: PromoteGenaiOptions): Promise<number> {
  const config = loadPlatformConfiguration(options.configDir);
  const chain = config.platform.promotionChain;
  if (options.from === undefined || options.to === undefined) {
    const missing = (['from', 'to'] as const).filter((flag) => options[flag] === undefined);
    throw new UsageError(
      `"platform promote-genai" needs ${missing.map((flag) => `--${flag}`).join(', ')}. Example: --from ${chain[0]} --to ${chain[1] ?? chain[0]}.`,
    );
  }
  const { from, to } = checkHop(config, options.from, options.to);
  const out = (text: string) => options.output.out(`promote-genai: ${text}`);
  const served = effectiveGenaiSettings(config, from);
  const sourcePin = config.releases[from.name]?.genaiSettings;
  const where =
    served.source === 'pinned'
      ? `pinned by ${RELEASES_DIR}/${from.name}.json`
      : `its own blueprints.genaiBedrock in ${from.name}.json`;
  if (options.version !== undefined && options.version !== served.version) {
    throw new UsageError(
      `Option --version received "${options.version}", but ${from.name} serves GenAI settings ${served.version} ` +
        `(${where}). A version moves on only from an environment that serves it: promote ${served.version}, or ` +
        `promote ${options.version} into ${from.name} first.`,
    );
  }
  // The evaluation gate: a version leaves an environment that has one only after it passed there.
  if (from.name !== chain[0] && sourcePin?.evaluatedVersion !== served.version) {
    throw new CliError(
      `promote-genai: GenAI settings ${served.version} have not passed the evaluation gate in ${from.name} ` +
        `(${RELEASES_DIR}/${from.name}.json genaiSettings.evaluatedVersion is ${JSON.stringify(sourcePin?.evaluatedVersion ?? null)}). ` +
        `Run "platform evaluate-genai --env ${from.name} --record" against ${from.name}'s deployed guardrails, merge ` +
        'the manifest it writes, then promote again. Nothing was written.',
    );
  }
  const own = to.blueprints.genaiBedrock;
  if (own !== undefined) {
    throw new CliError(
      `promote-genai: ${displayPath(options.cwd, to.file)} has its own blueprints.genaiBedrock, which a pin would ` +
        `hide. Remove the section from ${to.name}.json (its settings travel from ${chain[0]} now), then promote ` +
        'again. Nothing was written.',
    );
  }

  const versionFile = genaiSettingsFile(config.directory, served.version);
  const storeVersion = !existsSync(versionFile);
  const current = config.releases[to.name];
  const unchanged =
    current?.genaiSettings?.version === served.version &&
    current.genaiSettings.sourceEnvironment === from.name;
  const pin: GenaiSettingsPin = { version: served.version, sourceEnvironment: from.name };
  const manifestPath = displayPath(options.cwd, manifestFile(config, to));
  out(
    `${options.dryRun ? '(dry run) ' : ''}${from.name} -> ${to.name}: GenAI settings ${served.version} (${where}).`,
  );
  if (storeVersion)
    out(`${options.dryRun ? 'would store' : 'stores'} ${displayPath(options.cwd, versionFile)}.`);
  else out(`${GENAI_SETTINGS_DIR}/${served.version}.json is stored already.`);
  if (unchanged) {
    out(`${manifestPath} pins ${served.version} already; nothing to do.`);
    return EXIT_OK;
  }
  out(
    `${options.dryRun ? 'would pin' : 'pins'} ${served.version} in ${manifestPath} (was ${current?.genaiSettings?.version ?? 'unpinned'}).`,
  );
  if (options.dryRun) return EXIT_OK;

  if (storeVersion) {
    mkdirSync(dirname(versionFile), { recursive: true });
    writeFileAtomically(versionFile, genaiSettingsText(served.settings));
  }
  // A new pin has not been evaluated in <to> yet: evaluatedVersion is dropped with the old pin.
  writeReleaseManifest(
    config,
    to,
    manifestText({
      $schema: current?.$schema ?? '../schema/release.schema.json',
      releases: current?.releases ?? [],
      genaiSettings: pin,
    }),
  );
  out(`${to.name} now deploys GenAI settings ${served.version}: apply its genai-bedrock stacks.`);
  return EXIT_OK;
}
