import type { PlannedStack } from '@genai-sandbox/core';

/**
 * The order in which the stacks of one account are applied. Bootstrap creates the state bucket
 * and the roles every other stack is applied with; the account-level stacks (foundation) create
 * the key, network and buckets whose outputs the project blueprints read as stack inputs; the
 * blueprints of one environment depend on nothing but those. The shared-services stack lives in
 * its own account and is applied on its own (`--env shared`), before the environments.
 */
export const BOOTSTRAP_APP = 'bootstrap';

/** 0 for bootstrap, 1 for the other account-level stacks, 2 for the project blueprints. */
function rank(stack: PlannedStack): number {
  if (stack.app.name === BOOTSTRAP_APP) return 0;
  return stack.app.scope === 'project' ? 2 : 1;
}

/** The stacks sorted by rank, in planStacks' stable order within a rank. */
export function deploymentOrder(stacks: readonly PlannedStack[]): PlannedStack[] {
  return stacks
    .map((stack, index) => ({ stack, index }))
    .sort((a, b) => rank(a.stack) - rank(b.stack) || a.index - b.index)
    .map(({ stack }) => stack);
}

/**
 * The stacks each stack waits for: every stack of a lower rank in the same account and
 * environment. Written into manifest.json so that `cdktf deploy 'foundation-dev' '*-dev'` orders
 * them as `platform deploy` does. Bootstrap is never a dependency there: it is applied once by an
 * administrator with a local backend, and a dependency would make cdktf refuse every deploy that
 * does not name it.
 */
export function stackDependencies(stacks: readonly PlannedStack[]): Map<string, string[]> {
  const dependencies = new Map<string, string[]>();
  for (const stack of stacks) {
    const before = stacks.filter(
      (other) =>
        other.app.name !== BOOTSTRAP_APP &&
        other.context.environment.name === stack.context.environment.name &&
        rank(other) < rank(stack),
    );
    dependencies.set(
      stack.name,
      before.map((other) => other.name),
    );
  }
  return dependencies;
}
