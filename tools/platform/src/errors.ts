import { distance as editDistance } from 'fastest-levenshtein';

/** Exit codes of the CLI; the README documents them and scripts rely on them. */
export const EXIT_OK = 0;
/** Something went wrong doing the work: bad configuration, a failing stack, a missing tool. */
export const EXIT_FAILURE = 1;
/** The command line itself is wrong: unknown flag, missing value, unknown name. */
export const EXIT_USAGE = 2;

/**
 * A mistake on the command line. The message names the flag, the value received, what is
 * allowed and how to fix it (docs/architecture.md#conventions).
 */
export class UsageError extends Error {
  readonly exitCode = EXIT_USAGE;
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** A problem that stops the command before or while it works; the message says how to fix it. */
export class CliError extends Error {
  readonly exitCode = EXIT_FAILURE;
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

/** The closest candidates to a mistyped word, for "did you mean" hints; empty when none is close. */
export function closest(word: string, candidates: readonly string[]): string[] {
  const scored = candidates
    .map((candidate) => ({ candidate, distance: editDistance(word, candidate) }))
    .filter(({ candidate, distance }) => distance <= Math.max(2, Math.floor(candidate.length / 3)));
  const best = Math.min(...scored.map(({ distance }) => distance));
  return scored.filter(({ distance }) => distance === best).map(({ candidate }) => candidate);
}

/** " Did you mean x?" or nothing. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const matches = closest(word, candidates);
  return matches.length > 0
    ? ` Did you mean ${matches.map((match) => `"${match}"`).join(' or ')}?`
    : '';
}
