import type { Output } from './progress';

/**
 * The shape of one command: `commands/<name>.ts` exports `spec`, `parse` and `run`, and the table
 * in `commands/index.ts` loads it only when the command line names it (or asks for the overview).
 */

/** Everything the CLI takes from its surroundings, so tests run it in-process with their own. */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly output: Output;
  /** Where the apps live: `apps/` of the repository, or a fixture directory in tests. */
  readonly appsDir: string;
  /**
   * Asks a yes/no question on the terminal (deploy's confirmation); absent when stdin or stdout is
   * not a terminal, so a job never waits for an answer that cannot come.
   */
  readonly confirm?: (question: string) => Promise<boolean>;
  /** @default os.availableParallelism() */
  readonly defaultConcurrency?: number;
}

export interface OptionSpec {
  /** The long name, without the leading dashes. */
  readonly name: string;
  /** The placeholder shown in help; absent for boolean flags. */
  readonly value?: string;
  /** Repeatable and comma-separated, collected into a list. */
  readonly list?: boolean;
  readonly description: string;
  /** Shown in help. */
  readonly defaultText?: string;
  /** A one-letter alias, such as -h. */
  readonly short?: string;
  /** A valid value, quoted in the message when the value is missing or malformed. */
  readonly example?: string;
}

/** What the parser and the help text read; one per command. */
export interface CommandSpec {
  readonly name: string;
  /** One line: the overview lists it, the command's help starts with it. */
  readonly summary: string;
  readonly details: readonly string[];
  readonly options: readonly OptionSpec[];
  readonly examples: readonly string[];
}

/** The options of one command line, read against the command's spec. */
export class OptionValues {
  constructor(private readonly values: ReadonlyMap<string, readonly string[]>) {}

  /** The value of a single-value option, undefined when absent. */
  single(name: string): string | undefined {
    return this.values.get(name)?.[0];
  }

  /** The names of a list option (every occurrence, split on commas), undefined when absent. */
  list(name: string): string[] | undefined {
    const values = this.values.get(name);
    return values ? [...values] : undefined;
  }

  /** True when a boolean flag was given. */
  flag(name: string): boolean {
    return this.values.has(name);
  }
}

/** What a command's `parse` may need besides the options. */
export interface ParseDefaults {
  readonly concurrency: number;
}

/**
 * A command module. `run` is declared as a method so that a module with its own arguments type
 * fits the table's `Command<unknown>`: the CLI hands `run` only what the same module's `parse`
 * returned.
 */
export interface Command<Args> {
  readonly spec: CommandSpec;
  /** Turns the options into this command's arguments; throws UsageError for a bad value. */
  parse(options: OptionValues, defaults: ParseDefaults): Args;
  /** Does the work and returns the exit code; heavy modules are imported here, not at the top. */
  run(args: Args, context: CliContext): Promise<number>;
}
