import { PROJECT_BLUEPRINTS } from './blueprints';
import type { PlatformConfiguration } from './types';
import type { ConfigProblem } from './problems';

/**
 * Something in the configuration that is valid but probably not what was meant. Warnings are
 * printed, never fatal: the configuration may be ahead of the code on purpose.
 */
export type ConfigWarning = ConfigProblem;

/**
 * Projects for which no stack would be synthesized: none of their profile's blueprints is an app
 * of the repository (`appNames`, the registered apps, such as the directories under apps/). Such a
 * project gets only its ML bucket in the foundation stack. Computed from the apps that exist, not
 * from the blueprint names, so it goes away as soon as an app of the profile lands.
 */
export function projectsWithNothingToDeploy(
  config: PlatformConfiguration,
  appNames: readonly string[],
  filter: { readonly environments?: readonly string[]; readonly projects?: readonly string[] } = {},
): ConfigWarning[] {
  const projectApps = appNames.filter((name) =>
    (PROJECT_BLUEPRINTS as readonly string[]).includes(name),
  );
  return config.environments
    .filter((environment) => !filter.environments || filter.environments.includes(environment.name))
    .flatMap((environment) =>
      environment.projects.flatMap((project, index) => {
        if (filter.projects && !filter.projects.includes(project.name)) return [];
        const blueprints: readonly string[] =
          config.platform.profiles[project.profile]?.blueprints ?? [];
        if (blueprints.some((blueprint) => projectApps.includes(blueprint))) return [];
        return [
          {
            file: environment.file,
            path: `$.projects[${index}].profile`,
            received: JSON.stringify(project.profile),
            message:
              `project "${project.name}" has nothing to deploy in ${environment.name}: the profile's blueprints ` +
              `(${blueprints.join(', ') || 'none'}) have no app in this repository (project apps: ${projectApps.join(', ') || 'none'}), ` +
              'so only its ML bucket in the foundation stack is created. Fine while those blueprints are being built; ' +
              'otherwise add a blueprint that has an app to the profile, or remove the project.',
          },
        ];
      }),
    );
}
