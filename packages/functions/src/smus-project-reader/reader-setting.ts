import { DOMAIN_ID } from './project-created-event';

/**
 * The project reader's typed setting: the domain it serves, the platform profile of each SMUS
 * project profile, and the environment of each account. Stacks encode it into one environment
 * variable (`projectReaderEnvironment`); the handler decodes it at cold start with the same
 * checks, so a bad setting fails the synth rather than a project.
 */
export interface ProjectReaderSetting {
  /** The SageMaker Unified Studio domain whose projects the platform provisions. */
  readonly domainId: string;
  /** By SMUS project profile name: the platform profile, its blueprints and its environment. */
  readonly profiles: Readonly<Record<string, ProfileMapping>>;
  /** The platform environments by account: the account of a project's role picks its file. */
  readonly environments: readonly { readonly name: string; readonly accountId: string }[];
}

export interface ProfileMapping {
  readonly profile: string;
  readonly blueprints: readonly string[];
  /**
   * The environment of a SMUS profile made for one environment (`<profile>-<env>`): the project
   * role must then be in that environment's account. @default - the environment of the role's account
   */
  readonly environment?: string;
}

export const PROJECT_READER_ENVIRONMENT_VARIABLE = 'SMUS_PROJECT_READER';

/** Every problem of a setting, each naming its path. */
export function projectReaderSettingProblems(setting: ProjectReaderSetting): string[] {
  const problems: string[] = [];
  if (!DOMAIN_ID.test(String(setting.domainId)))
    problems.push(`domainId is ${JSON.stringify(setting.domainId)}; expected "dzd_<id>"`);
  if (Object.keys(setting.profiles ?? {}).length === 0)
    problems.push('profiles is empty; name at least one project profile');
  for (const [name, entry] of Object.entries(setting.profiles ?? {})) {
    if (!entry?.profile || !Array.isArray(entry.blueprints) || entry.blueprints.length === 0)
      problems.push(`profiles.${name} needs a profile and at least one blueprint`);
    else if (
      entry.environment !== undefined &&
      !(setting.environments ?? []).some((environment) => environment?.name === entry.environment)
    )
      problems.push(
        `profiles.${name}.environment ${JSON.stringify(entry.environment)} is none of environments`,
      );
  }
  if (!Array.isArray(setting.environments) || setting.environments.length === 0)
    problems.push('environments is empty; name the accounts of the platform environments');
  for (const [index, environment] of (setting.environments ?? []).entries()) {
    if (!/^\d{12}$/.test(String(environment?.accountId)))
      problems.push(
        `environments[${index}].accountId is ${JSON.stringify(environment?.accountId)}`,
      );
  }
  return problems;
}

/** The environment variable a stack sets on the reader; throws on an invalid setting. */
export function projectReaderEnvironment(setting: ProjectReaderSetting): Record<string, string> {
  const problems = projectReaderSettingProblems(setting);
  if (problems.length > 0) throw new Error(`project reader setting:\n  ${problems.join('\n  ')}`);
  return { [PROJECT_READER_ENVIRONMENT_VARIABLE]: JSON.stringify(setting) };
}

/** The setting from the environment variable, with the same checks. */
export function parseProjectReaderSetting(text: string | undefined): ProjectReaderSetting {
  let setting: ProjectReaderSetting;
  try {
    setting = JSON.parse(text ?? '') as ProjectReaderSetting;
  } catch {
    throw new Error(
      `${PROJECT_READER_ENVIRONMENT_VARIABLE} is not JSON; the stack sets it with projectReaderEnvironment`,
    );
  }
  const problems = projectReaderSettingProblems(setting ?? ({} as ProjectReaderSetting));
  if (problems.length > 0)
    throw new Error(`${PROJECT_READER_ENVIRONMENT_VARIABLE}: ${problems.join('; ')}`);
  return setting;
}
