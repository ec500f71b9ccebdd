/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { didYouMean, UsageError } from '../errors';
import {
  HELP,
  STACK_OPTIONS,
  type StackArgs,
  stackArgs,
  DEFAULT_CONFIG_DIR,
  DEFAULT_OUT_DIR,
} from '../options';

export const REPORT_FORMATS = ['text', 'json', 'sarif'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface CheckArgs extends StackArgs {
  readonly format: ReportFormat;
}

export const spec: CommandSpec = {
  name: 'check',
  summary: 'run the policy gate over synthesized stacks (and their plan.json when present)',
  details: [
    'Runs the baseline rule pack over every selected stack, and the prod pack on top where the environment',
    'sets "preventDestroy": true. Reads <out>/stacks/<stack>/cdk.tf.json and, when plan has written it,',
    'plan.json, whose resolved values take precedence. Prints findings grouped by stack with the resource',
    'address and the fix, and the suppressions with their reasons. Exits 1 on any error-level finding.',
  ],
  options: [
    ...STACK_OPTIONS,
    {
      name: 'format',
      value: 'format',
      description: `report format: ${REPORT_FORMATS.join(', ')} (sarif for GitHub code scanning)`,
      defaultText: 'text',
      example: 'sarif',
    },
    HELP,
  ],
  examples: [
    'platform check',
    'platform check --env prod',
    'platform check --format sarif > policy.sarif',
  ],
};

export function parse(options: OptionValues): CheckArgs {
  return { ...stackArgs(options), format: parseFormat(options.single('format')) };
}

function parseFormat(text: string | undefined): ReportFormat {
  if (text === undefined) return 'text';
  if ((REPORT_FORMATS as readonly string[]).includes(text)) return text as ReportFormat;
  throw new UsageError(
    `Option --format received "${text}"; allowed formats: ${REPORT_FORMATS.join(', ')}.${didYouMean(text, REPORT_FORMATS)} Example: --format sarif.`,
  );
}

export async function run(args: CheckArgs, context: CliContext): Promise<number> {
  const { runPolicyCheck } = require('../check') as typeof import('../check');
  return runPolicyCheck({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    out: optionPath(context.cwd, args.out, DEFAULT_OUT_DIR),
    appsDir: context.appsDir,
    filter: args.filter,
    cwd: context.cwd,
    output: context.output,
    format: args.format,
  });
}
