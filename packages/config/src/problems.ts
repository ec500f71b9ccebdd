import { relative } from 'node:path';
import type { z } from 'zod';

/** One thing wrong with the configuration, located precisely enough to fix without guessing. */
export interface ConfigProblem {
  /** Path of the file, as given to the loader. */
  readonly file: string;
  /** JSON path inside the file, such as `$.network.vpcCidr`; `$` for the whole file. */
  readonly path: string;
  /** The offending value as JSON, or a description such as "nothing (the field is missing)". */
  readonly received?: string;
  /** What is wrong, what is allowed, and how to fix it. */
  readonly message: string;
}

/** Thrown when any configuration file is invalid; carries every problem found, not just the first. */
export class ConfigError extends Error {
  constructor(
    readonly directory: string,
    readonly problems: readonly ConfigProblem[],
  ) {
    super(formatProblems(directory, problems));
    this.name = 'ConfigError';
  }
}

export function formatProblems(directory: string, problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  const lines = problems.map((problem) => {
    const received = problem.received === undefined ? '' : ` (received ${problem.received})`;
    return `  - ${displayPath(problem.file)} ${problem.path}${received}: ${problem.message}`;
  });
  return [`Invalid configuration in ${displayPath(directory)} (${count}):`, ...lines].join('\n');
}

/** The warnings of a configuration, one line each, as synth prints them. */
export function formatWarnings(problems: readonly ConfigProblem[]): string {
  const count = problems.length === 1 ? '1 warning' : `${problems.length} warnings`;
  const lines = problems.map((problem) => {
    const received = problem.received === undefined ? '' : ` (received ${problem.received})`;
    return `  - ${displayPath(problem.file)} ${problem.path}${received}: ${problem.message}`;
  });
  return [`Configuration ${count} (synthesis goes on):`, ...lines].join('\n');
}

function displayPath(path: string): string {
  const rel = relative(process.cwd(), path);
  return rel === '' ? '.' : rel.startsWith('..') ? path : rel;
}

export function jsonPath(segments: readonly PropertyKey[]): string {
  return segments.reduce<string>((acc, segment) => {
    if (typeof segment === 'number') return `${acc}[${segment}]`;
    const key = String(segment);
    return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(key)
      ? `${acc}.${key}`
      : `${acc}[${JSON.stringify(key)}]`;
  }, '$');
}

export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing (the field is missing)';
  const text = JSON.stringify(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

/** Turns zod issues into problems; `allowedKeys` lists the fields of the object an unknown key sits in. */
export function problemsFromZod(
  file: string,
  error: z.ZodError,
  allowedKeys: (path: readonly PropertyKey[]) => readonly string[],
): ConfigProblem[] {
  return error.issues.map((issue) => {
    const path = jsonPath(issue.path);
    if (issue.code === 'unrecognized_keys') {
      const allowed = allowedKeys(issue.path).join(', ');
      return {
        file,
        path,
        received: issue.keys.map((key) => JSON.stringify(key)).join(', '),
        message: `unknown field${issue.keys.length > 1 ? 's' : ''}; remove it or fix the spelling. Allowed fields here: ${allowed}`,
      };
    }
    if (issue.code === 'invalid_type' && issue.input === undefined) {
      return {
        file,
        path,
        received: describeValue(undefined),
        message: `required field; add a ${issue.expected}`,
      };
    }
    return { file, path, received: describeValue(issue.input), message: issue.message };
  });
}
