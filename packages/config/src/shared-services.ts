import type { EnvironmentDefinition, ParsedFiles, PlatformConfiguration } from './types';
import type { ConfigProblem } from './problems';
import { environmentSchema } from './schemas/environment';

/**
 * The name the shared-services account goes by where the platform needs an environment name:
 * physical names (`<platform>-shared-...`), the default state key alias and `--env`-free stack
 * selection. No `<env>.json` may take it.
 */
export const SHARED_SERVICES_ENVIRONMENT = 'shared';

/**
 * The GitHub environment whose jobs may assume the shared-services account's deploy role (the
 * deploy role's `sub` claim) and that deploy.yml's shared-services job runs in. Spelt out rather
 * than `shared`, so that the GitHub settings say which account the environment guards.
 */
export const SHARED_SERVICES_GITHUB_ENVIRONMENT = 'shared-services';

/** The GitHub environment of an environment's (or the shared-services account's) deploy jobs. */
export function githubEnvironmentName(environmentName: string): string {
  return environmentName === SHARED_SERVICES_ENVIRONMENT
    ? SHARED_SERVICES_GITHUB_ENVIRONMENT
    : environmentName;
}

/**
 * The stack an app of scope "every-account" (bootstrap) has in the shared-services account:
 * `<app>-shared-services`, next to the `shared-services` stack of that account.
 */
export function sharedServicesStackName(app: string): string {
  return `${app}-shared-services`;
}

/**
 * The shared-services account as an environment, so that its stack is a PlatformStack like any
 * other (provider locked to the account, default tags, encrypted state). It has no VPC and no
 * projects: the placeholder network and zones below are never deployed. Undefined when
 * platform.json has no `sharedServices` section.
 */
export function sharedServicesEnvironment(
  config: PlatformConfiguration,
): EnvironmentDefinition | undefined {
  const { platform } = config;
  const shared = platform.sharedServices;
  if (!shared) return undefined;
  const value = environmentSchema.parse({
    accountId: platform.sharedServicesAccountId,
    region: shared.region,
    availabilityZones: [`${shared.region}a`, `${shared.region}b`],
    network: { vpcCidr: '10.255.0.0/16', interfaceEndpoints: [] },
    stateBackend: shared.stateBackend,
    tags: shared.tags,
    // Shared by every environment: kept from destroy like production.
    preventDestroy: true,
    projects: [],
    observability: { crossAccount: false },
  });
  return { ...value, name: SHARED_SERVICES_ENVIRONMENT, file: `${config.directory}/platform.json` };
}

/**
 * Cross-account observability is regional: a link reaches only a sink of its own region. An
 * environment elsewhere fails with the fix instead of failing at apply time.
 */
export function sharedServicesProblems({ platform, environments }: ParsedFiles): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const environment of environments) {
    if (environment.name === SHARED_SERVICES_ENVIRONMENT) {
      problems.push({
        file: environment.file,
        path: '$',
        received: JSON.stringify(`${environment.name}.json`),
        message: `"${SHARED_SERVICES_ENVIRONMENT}" names the shared-services account (platform.json sharedServices); rename the environment file`,
      });
    }
    const shared = platform?.value.sharedServices;
    if (!shared?.oamSinkArn || !environment.value.observability.crossAccount) continue;
    if (environment.value.region !== shared.region) {
      problems.push({
        file: environment.file,
        path: '$.observability.crossAccount',
        received: 'true',
        message: `the environment is in ${environment.value.region} but the observability sink in ${shared.region} (platform.json sharedServices.region); CloudWatch links stay within a region: set crossAccount to false, or move the sink`,
      });
    }
  }
  return problems;
}
