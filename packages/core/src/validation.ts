import { Token } from 'cdktf';
import type { IConstruct } from 'constructs';

/**
 * Prop validation shared by every construct: one problem type, one collector and one error
 * format, so a construct reports every problem of its props at once and composite constructs can
 * fold in their children's problems. Configuration problems (a file and a JSON path) are the config
 * package's `ConfigProblem`; these are about the props a construct was given.
 */

/** One invalid prop: which, the value received, and what is allowed and how to fix it. */
export interface PropProblem {
  /** The prop, with a path for nested values: `retryPolicy.maximumRetryAttempts`. */
  readonly prop: string;
  readonly received: unknown;
  /** What is allowed and how to fix it. */
  readonly message: string;
}

/**
 * True for a value only known at deploy time (a token of a Terraform variable, a resource
 * attribute, a function): such values cannot be checked at synth time and are let through.
 */
export function isDeployTime(value: unknown): boolean {
  return Token.isUnresolved(value);
}

/** Collects the problems of a construct's props; `throwIfAny` reports them all in one error. */
export class PropProblems {
  private readonly found: PropProblem[] = [];

  /** Adds a problem; the caller has already decided that `received` is wrong. */
  add(prop: string, received: unknown, message: string): this {
    this.found.push({ prop, received, message });
    return this;
  }

  /** Adds problems found by a shared check (a child's props, a rule list). */
  addAll(problems: readonly PropProblem[]): this {
    this.found.push(...problems);
    return this;
  }

  /**
   * Runs a check that throws (`checkName` does) on a value known at synth time, and records its
   * message as a problem of `prop`. Deploy-time values are skipped.
   */
  check(prop: string, received: unknown, check: () => unknown): this {
    if (isDeployTime(received)) return this;
    try {
      check();
    } catch (error) {
      this.add(prop, received, error instanceof Error ? error.message : String(error));
    }
    return this;
  }

  get problems(): readonly PropProblem[] {
    return this.found;
  }

  /** Throws one error listing every problem, naming the construct; returns when there is none. */
  throwIfAny(construct: IConstruct, kind: string): void {
    throwIfProblems(construct, kind, this.found);
  }
}

/** Throws one error listing every problem, or returns when there is none. */
export function throwIfProblems(
  construct: IConstruct,
  kind: string,
  problems: readonly PropProblem[],
): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 invalid prop' : `${problems.length} invalid props`;
  const lines = problems.map(
    (problem) =>
      `  - ${problem.prop} (received ${describeReceived(problem.received)}): ${problem.message}`,
  );
  throw new Error([`${kind} ${construct.node.path}: ${count}:`, ...lines].join('\n'));
}

/** A received value as it appears in a message: JSON, shortened; tokens are shown as tokens. */
export function describeReceived(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}
