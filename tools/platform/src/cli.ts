import { ConfigError } from '@genai-sandbox/config';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { parseCommandLine } from './args';
import { CliError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from './errors';
import type { Output } from './progress';
import { synth } from './synth';
import { runPolicyCheck } from './check';
import { runPreflight } from './preflight/preflight';
import { runPromote } from './promote/promote';
import { defaultRepoRoot, writePromotionDiagram } from './diagram/write-diagram';
import { writeJsonSchemas } from './schema';
import { WORKFLOWS_DIR, writeWorkflows } from './workflows/generate';
import { runTerraformCommand } from './terraform-command';

/** Everything the CLI takes from its surroundings, so tests run it in-process with their own. */
export interface CliContext {
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly output: Output;
  /** Where the apps live: `apps/` of the repository, or a fixture directory in tests. */
  readonly appsDir: string;
  /** @default os.availableParallelism() */
  readonly defaultConcurrency?: number;
}

/** Runs one command line and returns the exit code; never throws and never calls process.exit. */
export async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { output } = context;
  try {
    const parsed = parseCommandLine(argv, context.defaultConcurrency ?? availableParallelism());
    if (parsed.kind === 'help') {
      output.out(parsed.text);
      return EXIT_OK;
    }
    const common = {
      configDir: resolve(context.cwd, parsed.configDir),
      out: resolve(context.cwd, parsed.out),
      appsDir: context.appsDir,
      filter: parsed.filter,
      cwd: context.cwd,
      output,
    };
    if (parsed.command === 'check') {
      return await runPolicyCheck({ ...common, format: parsed.format });
    }
    if (parsed.command === 'preflight') {
      return await runPreflight({
        configDir: common.configDir,
        environment: parsed.filter.environments?.[0],
        assumeRole: parsed.assumeRole,
        env: context.env,
        cwd: context.cwd,
        output,
      });
    }
    if (parsed.command === 'promote') {
      return await runPromote({
        configDir: common.configDir,
        from: parsed.promote?.from,
        to: parsed.promote?.to,
        modelPackageArn: parsed.promote?.modelPackageArn,
        dryRun: parsed.promote?.dryRun ?? false,
        env: context.env,
        cwd: context.cwd,
        output,
      });
    }
    if (parsed.command === 'diagram') {
      return writePromotionDiagram({
        configDir: common.configDir,
        repoRoot: defaultRepoRoot(),
        check: parsed.check,
        output,
      });
    }
    if (parsed.command === 'workflows') {
      return writeWorkflows({
        configDir: common.configDir,
        workflowsDir: resolve(context.cwd, WORKFLOWS_DIR),
        check: parsed.check,
        output,
        cwd: context.cwd,
      });
    }
    if (parsed.command === 'schema') {
      return writeJsonSchemas(common.configDir, parsed.check, output);
    }
    if (parsed.command === 'synth') {
      synth(common);
      return EXIT_OK;
    }
    return await runTerraformCommand({
      ...common,
      command: parsed.command,
      concurrency: parsed.concurrency,
      env: context.env,
    });
  } catch (error) {
    if (error instanceof UsageError) {
      output.err(error.message);
      return EXIT_USAGE;
    }
    if (error instanceof ConfigError) {
      output.err(
        `${error.message}\nNothing was written. Fix the problems above and run the command again.`,
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
