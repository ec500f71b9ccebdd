import { availableParallelism } from 'node:os';
import { parseCommandLine } from './args';
import type { CliContext } from './command';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';

export type { CliContext } from './command';

/** Runs one command line and returns the exit code; never throws and never calls process.exit. */
export async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { output } = context;
  try {
    const parsed = parseCommandLine(
      argv,
      context.defaultConcurrency ?? availableParallelism(),
      context.env,
    );
    if (parsed.kind === 'help') {
      output.out(parsed.text);
      return EXIT_OK;
    }
    return await parsed.command.run(parsed.args, context);
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(error.message);
      return EXIT_USAGE;
    }
    if (isConfigError(error)) {
      output.err(
        `${(error as Error).message}\nNothing was written. Fix the problems above and run the command again.`,
      );
      return EXIT_FAILURE;
    }
    if (error instanceof CliError) {
      output.err(error.message);
      return EXIT_FAILURE;
    }
    output.err(
      `Unexpected error (a bug in the platform CLI; please report it with the command line):\n${error instanceof Error ? (error.stack ?? error.message) : String(error)}`,
    );
    return EXIT_FAILURE;
  }
}

/**
 * The configuration package is imported only when an error needs classifying: a command that
 * threw a ConfigError has loaded it already, and a wrong command line never does.
 */
function isConfigError(error: unknown): boolean {
  if (error instanceof CliError || !(error instanceof Error)) return false;
  type Config = typeof import('@genai-sandbox/config');
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on use, see above
  const { ConfigError } = require('@genai-sandbox/config') as Config;
  return error instanceof ConfigError;
}
