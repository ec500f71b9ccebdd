import type { EnvironmentDefinition, PlatformConfiguration } from './types';

/** An environment's neighbours in the promotion chain; undefined at the ends or off the chain. */
export interface ChainPosition {
  readonly previous?: EnvironmentDefinition;
  readonly next?: EnvironmentDefinition;
}

export function chainPosition(
  config: PlatformConfiguration,
  environmentName: string,
): ChainPosition {
  const chain = config.platform.promotionChain;
  const index = chain.indexOf(environmentName);
  if (index < 0) return {};
  const byName = (name: string | undefined) =>
    config.environments.find((environment) => environment.name === name);
  return { previous: byName(chain[index - 1]), next: byName(chain[index + 1]) };
}

/** The projects of an environment whose profile includes `blueprint`. */
export function projectsWithBlueprint(
  config: PlatformConfiguration,
  environment: EnvironmentDefinition,
  blueprint: string,
) {
  return environment.projects.filter((project) =>
    (
      config.platform.profiles[project.profile]?.blueprints as readonly string[] | undefined
    )?.includes(blueprint),
  );
}
