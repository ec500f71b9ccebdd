import type { StackFilter } from '@genai-sandbox/core';
import { parseArgs } from 'node:util';
import { didYouMean, UsageError } from './errors';
import { commandHelp, mainHelp } from './help';
import {
  type CommandName,
  COMMAND_SPECS,
  COMMANDS,
  DEFAULT_CONFIG_DIR,
  DEFAULT_OUT_DIR,
  type OptionSpec,
  REPORT_FORMATS,
  type ReportFormat,
} from './options';

/** Narrows the stacks a command works on; lists combine with AND, names within a list with OR. */
export type FilterArgs = StackFilter;

export interface CommandArgs {
  readonly command: CommandName;
  readonly configDir: string;
  readonly out: string;
  readonly filter: FilterArgs;
  /** validate and plan only. */
  readonly concurrency: number;
  /** schema only: compare instead of writing. */
  readonly check: boolean;
  /** check only. */
  readonly format: ReportFormat;
  /** preflight only: the role to assume after the first check. */
  readonly assumeRole: string | undefined;
  /** promote only; undefined for the other commands. */
  readonly promote?: {
    readonly from: string | undefined;
    readonly to: string | undefined;
    readonly modelPackageArn: string | undefined;
    readonly dryRun: boolean;
  };
}

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly text: string }
  | ({ readonly kind: 'run' } & CommandArgs);

/**
 * Parses `<command> [options]`. Throws UsageError for anything it does not understand, rather
 * than guessing: a silently ignored filter would synthesize or plan more than the user asked for.
 */
export function parseCommandLine(
  argv: readonly string[],
  defaultConcurrency: number,
): ParsedCommandLine {
  const [command, ...rest] = argv;
  if (command === undefined) {
    throw new UsageError(
      `No command given. Allowed commands: ${COMMANDS.join(', ')}.\n\n${mainHelp()}`,
    );
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    const topic = rest[0];
    if (topic !== undefined && isCommand(topic))
      return { kind: 'help', text: commandHelp(COMMAND_SPECS[topic]) };
    return { kind: 'help', text: mainHelp() };
  }
  if (!isCommand(command)) {
    throw new UsageError(
      `Unknown command "${command}". Allowed commands: ${COMMANDS.join(', ')}.${didYouMean(command, COMMANDS)} ` +
        'Run "npm run platform -- --help" to see them.',
    );
  }
  const spec = COMMAND_SPECS[command];
  const values = readOptions(command, spec.options, rest);
  if (values.has('help')) return { kind: 'help', text: commandHelp(spec) };

  const single = (name: string) => values.get(name)?.[0];
  const list = (name: string) => values.get(name);
  const concurrencyText = single('concurrency');
  return {
    kind: 'run',
    command,
    configDir: single('config-dir') ?? DEFAULT_CONFIG_DIR,
    out: single('out') ?? DEFAULT_OUT_DIR,
    filter: { apps: list('app'), environments: list('env'), projects: list('project') },
    concurrency:
      concurrencyText === undefined ? defaultConcurrency : parseConcurrency(concurrencyText),
    check: values.has('check'),
    format: parseFormat(single('format')),
    assumeRole: single('assume-role'),
    promote:
      command !== 'promote'
        ? undefined
        : {
            from: single('from'),
            to: single('to'),
            modelPackageArn: single('model-package-arn'),
            dryRun: values.has('dry-run'),
          },
  };
}

function isCommand(word: string): word is CommandName {
  return (COMMANDS as readonly string[]).includes(word);
}

/** Option name -> values; list options are split on commas. */
function readOptions(
  command: CommandName,
  specs: readonly OptionSpec[],
  args: readonly string[],
): Map<string, string[]> {
  const parseOptions: Record<string, { type: 'string' | 'boolean'; short?: string }> = {};
  for (const spec of specs) {
    parseOptions[spec.name] = spec.short
      ? { type: spec.value ? 'string' : 'boolean', short: spec.short }
      : { type: spec.value ? 'string' : 'boolean' };
  }
  // strict: false keeps every token so that each mistake gets our own message, naming the flag.
  const { tokens } = parseArgs({
    args: [...args],
    options: parseOptions,
    strict: false,
    allowPositionals: true,
    tokens: true,
  });
  const allowed = specs.map((spec) => `--${spec.name}`);
  const helpHint = `Run "npm run platform -- ${command} --help" for the options.`;
  const values = new Map<string, string[]>();

  for (const token of tokens) {
    if (token.kind === 'option-terminator') continue;
    if (token.kind === 'positional') {
      throw new UsageError(
        `Unexpected argument "${token.value}" for "platform ${command}": it takes only options. ` +
          `Remove it, or give it to a flag such as --app ${token.value}. ${helpHint}`,
      );
    }
    const spec = specs.find(
      (candidate) => candidate.name === token.name || candidate.short === token.name,
    );
    if (!spec) {
      throw new UsageError(
        `Unknown option "${token.rawName}" for "platform ${command}".${didYouMean(token.rawName, allowed)} ` +
          `Allowed options: ${allowed.join(', ')}. ${helpHint}`,
      );
    }
    const flag = `--${spec.name}`;
    if (!spec.value) {
      if (token.value !== undefined) {
        throw new UsageError(
          `Option ${flag} takes no value, received "${token.value}". Write ${flag} on its own.`,
        );
      }
      values.set(spec.name, []);
      continue;
    }
    // Without strict mode parseArgs takes the next argument as the value even when it is a flag.
    const value = token.inlineValue
      ? token.value
      : token.value?.startsWith('-')
        ? undefined
        : token.value;
    if (value === undefined || value.trim() === '') {
      const after =
        token.value !== undefined && !token.inlineValue
          ? ` (the next argument "${token.value}" is an option)`
          : '';
      throw new UsageError(
        `Option ${flag} needs a value, received nothing${after}. Example: ${flag} ${exampleValue(spec)}; ` +
          `write ${flag}=<value> for a value that starts with "-". ${helpHint}`,
      );
    }
    if (spec.list) {
      const names = value.split(',').map((name) => name.trim());
      if (names.some((name) => name === '')) {
        throw new UsageError(
          `Option ${flag} received "${value}", which has an empty name. ` +
            `Give names separated by commas without gaps, such as ${flag} ${exampleValue(spec)}.`,
        );
      }
      values.set(spec.name, [...(values.get(spec.name) ?? []), ...names]);
      continue;
    }
    const previous = values.get(spec.name);
    if (previous) {
      throw new UsageError(
        `Option ${flag} was given twice ("${previous[0]}" and "${value}"); it takes one value. Keep one of them.`,
      );
    }
    values.set(spec.name, [value]);
  }
  return values;
}

function exampleValue(spec: OptionSpec): string {
  switch (spec.name) {
    case 'app':
      return 'foundation';
    case 'env':
      return spec.list ? 'dev,test' : 'dev';
    case 'assume-role':
      return 'arn:aws:iam::111111111111:role/genai-dev-promotion';
    case 'project':
      return 'fraud-detection';
    case 'from':
      return 'dev';
    case 'to':
      return 'test';
    case 'model-package-arn':
      return 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3';
    case 'concurrency':
      return '2';
    case 'format':
      return 'sarif';
    case 'config-dir':
      return DEFAULT_CONFIG_DIR;
    default:
      return DEFAULT_OUT_DIR;
  }
}

function parseConcurrency(text: string): number {
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 256) {
    throw new UsageError(
      `Option --concurrency needs a whole number from 1 to 256, received "${text}". Example: --concurrency 2.`,
    );
  }
  return value;
}

function parseFormat(text: string | undefined): ReportFormat {
  if (text === undefined) return 'text';
  if ((REPORT_FORMATS as readonly string[]).includes(text)) return text as ReportFormat;
  throw new UsageError(
    `Option --format received "${text}"; allowed formats: ${REPORT_FORMATS.join(', ')}.${didYouMean(text, REPORT_FORMATS)} Example: --format sarif.`,
  );
}
