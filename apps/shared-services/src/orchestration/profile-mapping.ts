import { type PlatformConfiguration, smusProjectProfileName } from '@genai-sandbox/config';
import type { ProjectReaderSetting } from '@genai-sandbox/functions';

/**
 * The SMUS project profiles the project reader recognises: each platform profile is one SMUS
 * project profile per project environment (sharedServices.domain.projectEnvironments, the
 * environments SMUS projects deploy into), named `<profile>-<environment>`
 * (smusProjectProfileName, as the domain names its project profiles), which pins the environment
 * a new project goes to. A profile of another environment is unknown to the reader: no pull
 * request adds a project to an environment the domain does not deploy into.
 */
export function orchestrationProfiles(
  config: PlatformConfiguration,
): ProjectReaderSetting['profiles'] {
  return Object.fromEntries(
    Object.entries(config.platform.profiles).flatMap(([profile, { blueprints }]) =>
      projectEnvironments(config).map((environment) => [
        smusProjectProfileName(profile, environment.name),
        { profile, blueprints: [...blueprints], environment: environment.name },
      ]),
    ),
  );
}

/** The project environments by account, for the project role's account check. */
export function orchestrationEnvironments(
  config: PlatformConfiguration,
): ProjectReaderSetting['environments'] {
  return projectEnvironments(config).map(({ name, accountId }) => ({ name, accountId }));
}

/** The environments of sharedServices.domain.projectEnvironments, in chain order; none without a domain. */
function projectEnvironments(config: PlatformConfiguration) {
  const names = config.platform.sharedServices?.domain?.projectEnvironments ?? [];
  return config.environments.filter((environment) => names.includes(environment.name));
}
