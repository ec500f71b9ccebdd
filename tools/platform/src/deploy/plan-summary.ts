/**
 * A readable summary of one saved plan, from `terraform show -json <plan>`: what is added,
 * changed, replaced and destroyed, by address, with the attributes that force a replacement.
 */

interface ResourceChangeJson {
  readonly address: string;
  readonly change: {
    readonly actions: readonly string[];
    readonly replace_paths?: readonly (readonly (string | number)[])[];
  };
  readonly action_reason?: string;
}

interface PlanJson {
  readonly resource_changes?: readonly ResourceChangeJson[];
  readonly output_changes?: Record<string, { readonly actions: readonly string[] }>;
}

export interface PlanSummary {
  readonly add: readonly string[];
  readonly change: readonly string[];
  /** Destroyed and created again: the changes a reviewer must not miss. */
  readonly replace: readonly { readonly address: string; readonly forcedBy: readonly string[] }[];
  readonly destroy: readonly string[];
  /** Outputs that change; foundation's feed the stack inputs of the blueprints. */
  readonly outputs: readonly string[];
}

export function summarizePlan(showJson: string): PlanSummary {
  const plan = JSON.parse(showJson) as PlanJson;
  const add: string[] = [];
  const change: string[] = [];
  const replace: { address: string; forcedBy: string[] }[] = [];
  const destroy: string[] = [];
  for (const resource of plan.resource_changes ?? []) {
    const actions = resource.change.actions;
    if (actions.includes('create') && actions.includes('delete')) {
      replace.push({
        address: resource.address,
        forcedBy: (resource.change.replace_paths ?? []).map((path) => path.join('.')),
      });
    } else if (actions.includes('create')) add.push(resource.address);
    else if (actions.includes('update')) change.push(resource.address);
    else if (actions.includes('delete')) destroy.push(resource.address);
  }
  const outputs = Object.entries(plan.output_changes ?? {})
    .filter(([, output]) => !output.actions.every((action) => action === 'no-op'))
    .map(([name]) => name);
  return { add, change, replace, destroy, outputs };
}

export function hasChanges(summary: PlanSummary): boolean {
  return (
    summary.add.length +
      summary.change.length +
      summary.replace.length +
      summary.destroy.length +
      summary.outputs.length >
    0
  );
}

/** "2 to add, 1 to change, 1 to replace, 0 to destroy" (a replacement is counted once, as itself). */
export function countLine(summary: PlanSummary): string {
  return (
    `${summary.add.length} to add, ${summary.change.length} to change, ` +
    `${summary.replace.length} to replace, ${summary.destroy.length} to destroy`
  );
}

/** One line per address, marked as terraform marks them; replacements stand out. */
export function formatPlanSummary(summary: PlanSummary): string {
  const lines = [
    ...summary.replace.map(
      ({ address, forcedBy }) =>
        `-/+ ${address}   REPLACED${forcedBy.length > 0 ? ` (forced by ${forcedBy.join(', ')})` : ''}`,
    ),
    ...summary.destroy.map((address) => `  - ${address}   DESTROYED`),
    ...summary.add.map((address) => `  + ${address}`),
    ...summary.change.map((address) => `  ~ ${address}`),
    ...summary.outputs.map((name) => `  ~ output ${name}`),
  ];
  return lines.join('\n');
}
