import { SHARED_SERVICES_ENVIRONMENT } from '@genai-sandbox/config';
import type { PlannedStack } from '@genai-sandbox/core';
import { didYouMean, UsageError } from '../errors';
import type { FilterArgs } from '../options';
import { selectStacks } from '../select-stacks';
import { BOOTSTRAP_APP, deploymentOrder } from './order';

export interface DeploySelection {
  /** What synth and the policy gate are run with: the apps of the chosen stacks. */
  readonly filter: FilterArgs;
  /** In deployment order. */
  readonly stacks: readonly PlannedStack[];
}

/**
 * The stacks of one account that deploy or diff works on: those of `environment` (or, for
 * `shared`, the shared-services stack), narrowed by --app, --project and --stack. Bootstrap is
 * left out unless --app names it: an administrator applies it once, and the deploy roles cannot
 * change it.
 */
export function selectDeployStacks(
  configDir: string,
  appsDir: string,
  environment: string,
  filter: FilterArgs & { readonly stacks?: readonly string[] },
): DeploySelection {
  const shared = environment === SHARED_SERVICES_ENVIRONMENT;
  const selection = selectStacks(
    configDir,
    appsDir,
    {
      apps: filter.apps,
      projects: filter.projects,
      // `shared` selects the shared-services account's stacks (planStacks).
      environments: [environment],
    },
    { loadApps: false },
  );
  const ofAccount = selection.stacks.filter(
    (stack) =>
      stack.context.environment.name === environment &&
      (stack.app.name !== BOOTSTRAP_APP || filter.apps?.includes(BOOTSTRAP_APP)),
  );
  const names = ofAccount.map((stack) => stack.name);
  const unknown = (filter.stacks ?? []).filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new UsageError(
      unknown
        .map(
          (name) =>
            `Unknown name "${name}" in --stack.${didYouMean(name, names)} Stacks of ${environment} that the other filters select: ${names.join(', ') || '(none)'}.`,
        )
        .join('\n'),
    );
  }
  const stacks = filter.stacks
    ? ofAccount.filter((stack) => filter.stacks?.includes(stack.name))
    : ofAccount;
  if (stacks.length === 0) {
    throw new UsageError(
      shared
        ? `No shared-services stack to deploy: platform.json has no sharedServices section, or --app/--project exclude it.`
        : `No stack of ${environment} to deploy with these filters (bootstrap is deployed only when --app names it). Loosen a filter.`,
    );
  }
  const apps = [...new Set(stacks.map((stack) => stack.app.name))];
  return {
    filter: {
      apps,
      projects: filter.projects,
      environments: [environment],
    },
    stacks: deploymentOrder(stacks),
  };
}
