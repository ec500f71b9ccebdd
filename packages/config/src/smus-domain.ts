import type { ConfigProblem } from './problems';
import type { ProjectProfile } from './schemas/platform';
import {
  BEDROCK_GENERATIVE_AI_BLUEPRINTS,
  BEDROCK_GENERATIVE_AI_GROUP,
  MANAGED_BLUEPRINTS,
  type ManagedBlueprint,
  type SmusDomainConfig,
} from './schemas/smus-domain';
import type { ParsedFiles, PlatformConfiguration } from './types';

/** One environment configuration of a SMUS project profile, before it is given an account. */
export interface ProfileEnvironment {
  readonly blueprint: ManagedBlueprint;
  readonly deployment: 'on-create' | 'on-demand';
}

/**
 * The managed blueprints of a profile in the order of its SMUS environment configurations:
 * Tooling first and on create (the other managed blueprints read its exports), then the listed
 * ones in MANAGED_BLUEPRINTS order, the Bedrock group expanded. The order never depends on the
 * order of the configuration file, so a reordered list changes nothing: the service matches a
 * profile's environment configurations by position.
 */
export function profileEnvironments(profile: ProjectProfile): ProfileEnvironment[] {
  const chosen = new Map<ManagedBlueprint, ProfileEnvironment['deployment']>([
    ['Tooling', 'on-create'],
  ]);
  for (const entry of profile.managedBlueprints ?? []) {
    const names: readonly ManagedBlueprint[] =
      entry.blueprint === BEDROCK_GENERATIVE_AI_GROUP
        ? BEDROCK_GENERATIVE_AI_BLUEPRINTS
        : [entry.blueprint as ManagedBlueprint];
    // A blueprint listed on its own and through the group keeps the earlier deployment mode.
    for (const name of names) if (!chosen.has(name)) chosen.set(name, entry.deployment);
  }
  return MANAGED_BLUEPRINTS.filter((name) => chosen.has(name)).map((blueprint) => ({
    blueprint,
    deployment: chosen.get(blueprint) ?? 'on-demand',
  }));
}

/**
 * `<profile>-<environment>`: the SMUS project profile of a platform profile in one environment.
 * Environment names have no hyphen, so the last hyphen separates the two again.
 */
export function smusProjectProfileName(profile: string, environment: string): string {
  return `${profile}-${environment}`;
}

/** The platform profile and environment of a SMUS project profile name, or undefined if it is none of ours. */
export function parseSmusProjectProfileName(
  config: PlatformConfiguration,
  name: string,
): { profile: string; environment: string } | undefined {
  const cut = name.lastIndexOf('-');
  if (cut <= 0) return undefined;
  const profile = name.slice(0, cut);
  const environment = name.slice(cut + 1);
  const domain = config.platform.sharedServices?.domain;
  if (!domain?.projectEnvironments.includes(environment)) return undefined;
  return config.platform.profiles[profile] ? { profile, environment } : undefined;
}

/** The managed blueprints some profile of the platform uses, in MANAGED_BLUEPRINTS order. */
export function usedManagedBlueprints(profiles: Readonly<Record<string, ProjectProfile>>) {
  const used = new Set(
    Object.values(profiles).flatMap((profile) =>
      profileEnvironments(profile).map((entry) => entry.blueprint),
    ),
  );
  return MANAGED_BLUEPRINTS.filter((name) => used.has(name));
}

/** The blueprints the profiles use that have no ID in `blueprintIds` yet. */
export function missingBlueprintIds(
  domain: SmusDomainConfig,
  profiles: Readonly<Record<string, ProjectProfile>>,
): ManagedBlueprint[] {
  return usedManagedBlueprints(profiles).filter((name) => !domain.blueprintIds?.[name]);
}

/**
 * The domain lives in sharedServices.region and its projects deploy into the environments'
 * accounts and regions: the domain's region must be one the platform runs in, and every
 * environment it names must exist.
 */
export function smusDomainProblems({ platform, environments }: ParsedFiles): ConfigProblem[] {
  const shared = platform?.value.sharedServices;
  const domain = shared?.domain;
  if (!platform || !shared || !domain) return [];
  const problems: ConfigProblem[] = [];
  const environmentRegions = [...new Set(environments.map((entry) => entry.value.region))];
  if (environments.length > 0 && !environmentRegions.includes(shared.region)) {
    problems.push({
      file: platform.file,
      path: '$.sharedServices.region',
      received: JSON.stringify(shared.region),
      message: `the SageMaker Unified Studio domain (sharedServices.domain) is created in sharedServices.region, which is not a platform region (the environments run in ${environmentRegions.join(', ')}); SMUS enables blueprints in the domain's region, so set sharedServices.region to one of them`,
    });
  }
  const defined = environments.map((entry) => entry.name);
  domain.projectEnvironments.forEach((name, index) => {
    if (!defined.includes(name)) {
      problems.push({
        file: platform.file,
        path: `$.sharedServices.domain.projectEnvironments[${index}]`,
        received: JSON.stringify(name),
        message: `no environment file ${name}.json; name one of: ${defined.join(', ') || '(none defined)'}`,
      });
    }
  });
  return problems;
}

/**
 * What an environment's foundation enables for SageMaker Unified Studio: the managed blueprints
 * the profiles use, with their IDs, once the domain exists and its ID and every blueprint ID are
 * recorded; undefined while any is missing or when the environment hosts no projects of the domain.
 */
export function managedBlueprintsToEnable(
  config: PlatformConfiguration,
  environment: string,
): { domainId: string; blueprints: { name: ManagedBlueprint; id: string }[] } | undefined {
  const domain = config.platform.sharedServices?.domain;
  if (!domain?.domainId || !domain.projectEnvironments.includes(environment)) return undefined;
  if (missingBlueprintIds(domain, config.platform.profiles).length > 0) return undefined;
  return {
    domainId: domain.domainId,
    blueprints: usedManagedBlueprints(config.platform.profiles).map((name) => ({
      name,
      id: domain.blueprintIds?.[name] ?? '',
    })),
  };
}
