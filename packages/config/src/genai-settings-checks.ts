import { join } from 'node:path';
import { GENAI_SETTINGS_DIR, genaiSettingsVersionOf } from './genai-settings';
import type { ConfigProblem } from './problems';
import type { ParsedFiles } from './types';

/**
 * Cross-file checks of GenAI settings versions: a stored file is what its name says, a pin names a
 * stored version, and a pinned environment has no settings of its own that would look deployed.
 */
export function genaiSettingsProblems(parsed: ParsedFiles): ConfigProblem[] {
  return [...storedVersionsMatchTheirNames(parsed), ...pinsNameStoredVersions(parsed)];
}

function storedVersionsMatchTheirNames({ genaiSettings }: ParsedFiles): ConfigProblem[] {
  return genaiSettings.flatMap(({ version, file, value }) => {
    const hash = genaiSettingsVersionOf(value);
    if (hash === version) return [];
    return [
      {
        file,
        path: '$.settings',
        received: `settings with version ${hash}`,
        message: `the settings hash to ${hash}, not to the file name ${version}: a stored version is never edited. Restore the file from git, and change the settings in the first environment's blueprints.genaiBedrock instead (platform promote-genai stores the new version)`,
      },
    ];
  });
}

function pinsNameStoredVersions({
  releases,
  environments,
  genaiSettings,
}: ParsedFiles): ConfigProblem[] {
  const stored = new Set(genaiSettings.map(({ version }) => version));
  return releases.flatMap((manifest) => {
    const pin = manifest.value.genaiSettings;
    if (!pin) return [];
    const problems: ConfigProblem[] = [];
    if (!stored.has(pin.version)) {
      problems.push({
        file: manifest.file,
        path: '$.genaiSettings.version',
        received: JSON.stringify(pin.version),
        message: `no stored settings ${join('..', GENAI_SETTINGS_DIR, `${pin.version}.json`)}; pin a version that exists there (${[...stored].sort().join(', ') || 'none stored'}) or run platform promote-genai, which writes it`,
      });
    }
    const environment = environments.find((candidate) => candidate.name === manifest.name);
    const own = environment?.value.blueprints.genaiBedrock;
    if (environment && own !== undefined) {
      problems.push({
        file: environment.file,
        path: '$.blueprints.genaiBedrock',
        received: `settings with version ${genaiSettingsVersionOf(own)}`,
        message: `${join('releases', `${manifest.name}.json`)} pins GenAI settings ${pin.version}, so these would not be deployed; remove blueprints.genaiBedrock from ${manifest.name}.json (change settings in the first environment and promote them) or remove the pin`,
      });
    }
    return problems;
  });
}
