import type { PlatformConfiguration } from '@genai-sandbox/config';
import type { ProjectReaderSetting } from '@genai-sandbox/functions';

/**
 * The SMUS project profiles the project reader recognises: each platform profile is one SMUS
 * project profile per environment, named `<profile>-<environment>` (the domain's naming of its
 * project profiles), which pins the environment a new project goes to.
 */
export function orchestrationProfiles(
  config: PlatformConfiguration,
): ProjectReaderSetting['profiles'] {
  return Object.fromEntries(
    Object.entries(config.platform.profiles).flatMap(([profile, { blueprints }]) =>
      config.environments.map((environment) => [
        `${profile}-${environment.name}`,
        { profile, blueprints: [...blueprints], environment: environment.name },
      ]),
    ),
  );
}

/** The environments by account, for the project role's account check. */
export function orchestrationEnvironments(
  config: PlatformConfiguration,
): ProjectReaderSetting['environments'] {
  return config.environments.map(({ name, accountId }) => ({ name, accountId }));
}
