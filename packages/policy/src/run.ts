import { IamCatalog, splitAction } from './iam/catalog';
import { policiesOf } from './iam/policy-document';
import type { StackModel, TfResource } from './model/stack-model';
import type { Finding, PolicyContext, Rule, Severity } from './types';

/** A named group of rules (cdk-nag's packs): `baseline` for every stack, `prod` on top in production. */
export interface Pack {
  readonly name: string;
  readonly rules: readonly Rule[];
}

export interface Violation {
  readonly ruleId: string;
  readonly severity: Severity;
  readonly title: string;
  readonly address: string;
  readonly constructPath?: string;
  readonly message: string;
  readonly fix: string;
  readonly explanation: string;
}

export interface SuppressedViolation extends Violation {
  readonly reason: string;
}

export interface StackReport {
  readonly name: string;
  /** Whether plan.json values were used. */
  readonly source: 'synth' | 'plan';
  readonly packs: readonly string[];
  readonly violations: readonly Violation[];
  readonly suppressed: readonly SuppressedViolation[];
  /** Suppressions that matched no finding, or name no rule of the packs: stale or mistyped. */
  readonly unusedSuppressions: readonly {
    readonly address: string;
    readonly rule: string;
    readonly reason: string;
  }[];
  /** Rule and resource pairs evaluated. */
  readonly evaluations: number;
}

export interface CheckReport {
  readonly stacks: readonly StackReport[];
  readonly errors: number;
  readonly warnings: number;
  readonly rules: readonly Rule[];
  /** Loading the IAM catalogue and running every rule, in milliseconds. */
  readonly elapsedMs: number;
}

export interface StackToCheck {
  readonly model: StackModel;
  readonly packs: readonly Pack[];
}

/** Every service prefix and condition key the stacks' policies name, so the catalogue loads once. */
function catalogueNeeds(stacks: readonly StackToCheck[]) {
  const services = new Set<string>();
  const keys = new Set<string>();
  for (const { model } of stacks) {
    for (const resource of model.resources) {
      for (const policy of policiesOf(resource)) {
        for (const statement of policy.statements) {
          for (const action of [...statement.actions, ...statement.notActions])
            services.add(splitAction(action)[0]);
          for (const condition of statement.conditions) keys.add(condition.key);
        }
      }
    }
  }
  return { services, keys };
}

function appliesTo(rule: Rule, resource: TfResource, mode: 'managed' | 'data'): boolean {
  return (
    (rule.mode ?? 'managed') === mode &&
    (rule.resourceTypes === '*' || rule.resourceTypes.includes(resource.type))
  );
}

/** Runs the packs over each stack. Rules are pure; the only I/O is loading the IAM catalogue. */
export async function checkStacks(
  stacks: readonly StackToCheck[],
  context: PolicyContext,
): Promise<CheckReport> {
  const started = performance.now();
  const { services, keys } = catalogueNeeds(stacks);
  const iam = await IamCatalog.load(services, keys);
  const reports: StackReport[] = [];
  const allRules = new Map<string, Rule>();
  for (const { model, packs } of stacks) {
    const rules = [
      ...new Map(packs.flatMap((pack) => pack.rules).map((rule) => [rule.id, rule])).values(),
    ];
    for (const rule of rules) allRules.set(rule.id, rule);
    const violations: Violation[] = [];
    const suppressed: SuppressedViolation[] = [];
    const usedSuppressions = new Set<string>();
    let evaluations = 0;
    const targets = [
      ...model.resources.map((resource) => ({ resource, mode: 'managed' as const })),
      ...model.dataSources.map((resource) => ({ resource, mode: 'data' as const })),
    ];
    for (const { resource, mode } of targets) {
      for (const rule of rules.filter((candidate) => appliesTo(candidate, resource, mode))) {
        evaluations += 1;
        const findings: readonly Finding[] = [
          rule.check({ resource, stack: model, context, iam }),
        ].flat();
        for (const finding of findings) {
          if (finding.status !== 'non-compliant') continue;
          const violation: Violation = {
            ruleId: rule.id,
            severity: rule.severity,
            title: rule.title,
            address: resource.address,
            constructPath: resource.constructPath,
            message: finding.message,
            fix: rule.fix,
            explanation: rule.explanation,
          };
          const suppression = resource.suppressions.find((candidate) => candidate.rule === rule.id);
          if (suppression) {
            usedSuppressions.add(`${resource.address} ${rule.id}`);
            suppressed.push({ ...violation, reason: suppression.reason });
          } else {
            violations.push(violation);
          }
        }
      }
    }
    const unusedSuppressions = targets.flatMap(({ resource }) =>
      resource.suppressions
        .filter((suppression) => !usedSuppressions.has(`${resource.address} ${suppression.rule}`))
        .map((suppression) => ({ address: resource.address, ...suppression })),
    );
    reports.push({
      name: model.name,
      source: model.source,
      packs: packs.map((pack) => pack.name),
      violations,
      suppressed,
      unusedSuppressions,
      evaluations,
    });
  }
  const all = reports.flatMap((report) => report.violations);
  return {
    stacks: reports,
    errors: all.filter((violation) => violation.severity === 'error').length,
    warnings:
      all.filter((violation) => violation.severity === 'warning').length +
      reports.reduce((sum, report) => sum + report.unusedSuppressions.length, 0),
    rules: [...allRules.values()].sort((a, b) => a.id.localeCompare(b.id)),
    elapsedMs: performance.now() - started,
  };
}
