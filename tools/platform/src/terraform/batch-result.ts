import type { StackOutcome } from './stack-job';

/** Each stack's outcome, or why the batch's result cannot be told apart per stack. */
export type BatchResult = Map<string, StackOutcome> | { readonly retry: string };

/** The start of a failure's message, enough to say in one progress line why a batch is re-run. */
export function firstLines(failure: unknown, lines = 3): string {
  const text = failure instanceof Error ? failure.message : String(failure);
  return text
    .split('\n')
    .map((line) => line.replace(/^[╷│╵\s]+/, '').trim())
    .filter((line) => line !== '')
    .slice(0, lines)
    .join(' ');
}
