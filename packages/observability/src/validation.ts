// Internal: prop checks shared by the constructs, so each reports every problem of its props in
// one error. Not re-exported from index.ts.
import { LOG_RETENTION_DAYS } from '@genai-sandbox/config';
import { Token } from 'cdktf';
import type { Construct } from 'constructs';

/** One invalid prop: which, the value received, and what is allowed and how to fix it. */
export interface PropProblem {
  readonly prop: string;
  readonly received: unknown;
  readonly message: string;
}

/** Throws one error listing every problem, or returns when there is none. */
export function throwIfProblems(
  construct: Construct,
  kind: string,
  problems: readonly PropProblem[],
): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 invalid prop' : `${problems.length} invalid props`;
  const lines = problems.map(
    (problem) => `  - ${problem.prop} (received ${describe(problem.received)}): ${problem.message}`,
  );
  throw new Error([`${kind} ${construct.node.path}: ${count}:`, ...lines].join('\n'));
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value);
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

export function retentionProblems(prop: string, days: number): PropProblem[] {
  if (Token.isUnresolved(days) || (LOG_RETENTION_DAYS as readonly number[]).includes(days))
    return [];
  return [
    {
      prop,
      received: days,
      message: `CloudWatch Logs accepts only ${LOG_RETENTION_DAYS.join(', ')} days; pick the nearest of those`,
    },
  ];
}

/** A threshold must be a finite number above 0 (every platform alarm fires on "more than"). */
export function positiveProblems(prop: string, value: number | undefined): PropProblem[] {
  if (value === undefined || Token.isUnresolved(value)) return [];
  if (Number.isFinite(value) && value > 0) return [];
  return [{ prop, received: value, message: 'expected a number above 0' }];
}

/** Names that end up in metric dimensions or event patterns must be literal and non-empty. */
export function nameProblems(prop: string, value: string): PropProblem[] {
  if (Token.isUnresolved(value) || value.trim().length > 0) return [];
  return [{ prop, received: value, message: 'expected a non-empty name' }];
}
