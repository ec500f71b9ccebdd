import {
  type ConfigWarning,
  loadPlatformConfiguration,
  type PlatformConfiguration,
  projectsWithNothingToDeploy,
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesEnvironment,
} from '@genai-sandbox/config';
import { type PlannedStack, planStacks, type PlatformApp } from '@genai-sandbox/core';
import type { FilterArgs } from './options';
import { type AppDescriptor, describeApps, listAppNames, loadApps } from './discover-apps';
import { CliError, didYouMean, UsageError } from './errors';

export interface Selection {
  readonly config: PlatformConfiguration;
  readonly apps: readonly PlatformApp[];
  /** In planStacks' stable order. */
  readonly stacks: readonly PlannedStack[];
  /** True when any filter was given: synth then replaces only the matched stacks. */
  readonly filtered: boolean;
  /** Valid but probably unintended configuration of the selected environments and projects. */
  readonly warnings: readonly ConfigWarning[];
}

export interface SelectOptions {
  /**
   * Load the apps' code, which synth needs to build the stacks. Commands over synthesized stacks
   * (check, validate, plan) need only names and contexts: without it, each app's scope is read
   * from its package.json, and the stacks' `app.createStack` must not be called.
   * @default true
   */
  readonly loadApps?: boolean;
}

/**
 * Loads the configuration (throwing its ConfigError untouched), checks every filter name against
 * what exists, loads only the apps asked for, and plans the stacks. Names are checked before any
 * work starts, because a misspelt filter would otherwise quietly select nothing.
 */
export function selectStacks(
  configDir: string,
  appsDir: string,
  filter: FilterArgs,
  options: SelectOptions = {},
): Selection {
  const appNames = listAppNames(appsDir);
  if (appNames.length === 0) {
    throw new CliError(
      `No app found under ${appsDir}: each app is a directory there with a package.json exporting platformApp.`,
    );
  }
  const problems = unknownNames(
    '--app',
    filter.apps,
    appNames,
    `Apps (directories under ${appsDir})`,
  );

  const config = loadPlatformConfiguration(configDir);
  // `shared` names the shared-services account when platform.json configures it.
  const environmentNames = [
    ...config.environments.map((environment) => environment.name),
    ...(sharedServicesEnvironment(config) ? [SHARED_SERVICES_ENVIRONMENT] : []),
  ];
  problems.push(
    ...unknownNames(
      '--env',
      filter.environments,
      environmentNames,
      `Environments in ${config.directory}`,
    ),
  );
  problems.push(
    ...unknownNames(
      '--project',
      filter.projects,
      projectNames(config),
      `Projects in ${config.directory}`,
    ),
  );
  if (problems.length > 0) throw new UsageError(problems.join('\n'));

  const selected = filter.apps ? appNames.filter((name) => filter.apps?.includes(name)) : appNames;
  const apps =
    options.loadApps === false
      ? describeApps(appsDir, selected).map(unloaded)
      : loadApps(appsDir, selected);
  const stacks = planStacks(apps, config, filter);
  if (stacks.length === 0) throw new UsageError(emptySelectionMessage(apps, filter));
  const filtered = Boolean(filter.apps || filter.environments || filter.projects);
  // From every app of the repository, not only the selected ones: --app narrows what is built,
  // not what a project could deploy.
  const warnings = projectsWithNothingToDeploy(config, appNames, filter);
  return { config, apps, stacks, filtered, warnings };
}

/** An app planned by name and scope only; building its stack is a bug in the caller. */
function unloaded(app: AppDescriptor): PlatformApp {
  return {
    name: app.name,
    scope: app.scope,
    createStack: () => {
      throw new Error(
        `The code of app ${app.name} was not loaded: selectStacks was called with loadApps: false.`,
      );
    },
  };
}

function projectNames(config: PlatformConfiguration): string[] {
  const names = new Set(
    config.environments.flatMap((environment) =>
      environment.projects.map((project) => project.name),
    ),
  );
  return [...names].sort();
}

function unknownNames(
  flag: string,
  given: readonly string[] | undefined,
  existing: readonly string[],
  what: string,
): string[] {
  return (given ?? [])
    .filter((name) => !existing.includes(name))
    .map(
      (name) =>
        `Unknown name "${name}" in ${flag}.${didYouMean(name, existing)} ${what}: ${existing.join(', ') || '(none)'}. ` +
        `Use one of them, or drop ${flag} to select all.`,
    );
}

function emptySelectionMessage(apps: readonly PlatformApp[], filter: FilterArgs): string {
  const parts = [
    filter.apps && `--app ${filter.apps.join(',')}`,
    filter.environments && `--env ${filter.environments.join(',')}`,
    filter.projects && `--project ${filter.projects.join(',')}`,
  ].filter(Boolean);
  const accountApps = apps
    .filter((app) => app.scope === 'account' || app.scope === 'every-account')
    .map((app) => app.name);
  const sharedApps = apps.filter((app) => app.scope === 'shared-services').map((app) => app.name);
  if (sharedApps.length > 0 && sharedApps.length === apps.length) {
    return filter.projects || filter.environments
      ? `No stack matches ${parts.join(' AND ')}. ${sharedApps.join(', ')} has one stack in the shared-services account (platform.json sharedServices), which --project and an environment's --env do not select: use --app ${sharedApps.join(',')} alone, or with --env ${SHARED_SERVICES_ENVIRONMENT}.`
      : `No stack for ${sharedApps.join(', ')}: platform.json has no sharedServices section (region, stateBackend, tags); add it to deploy the shared-services account.`;
  }
  const hint =
    filter.projects && accountApps.length > 0
      ? ` ${accountApps.join(', ')} ${accountApps.length === 1 ? 'is an account-level app' : 'are account-level apps'} with one stack per environment and no project, so --project excludes ${accountApps.length === 1 ? 'it' : 'them'}.`
      : ' No project in the selected environments has a profile that includes the selected apps.';
  return `No stack matches ${parts.join(' AND ') || 'the configuration'}. Filters combine with AND.${hint} Loosen a filter; run without filters to see every stack.`;
}
