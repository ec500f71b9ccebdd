import { parseArgs } from 'node:util';
import { type Command, type CommandSpec, type OptionSpec, OptionValues } from './command';
import { COMMAND_NAMES, type CommandName, isCommandName, loadCommand } from './commands';
import { didYouMean, UsageError } from './errors';
import { commandHelp, mainHelp } from './help';

/** Kept here too for the modules that imported it from the parser. */
export type { FilterArgs } from './options';

export type ParsedCommandLine =
  | { readonly kind: 'help'; readonly text: string }
  | {
      readonly kind: 'run';
      readonly name: CommandName;
      readonly command: Command<unknown>;
      /** What the command's own `parse` returned; its `run` takes it. */
      readonly args: unknown;
    };

/**
 * Parses `<command> [options]`, loading only the module of the command named (every command's
 * module for the overview, which lists their summaries). Throws UsageError for anything it does
 * not understand, rather than guessing: a silently ignored filter would synthesize or plan more
 * than the user asked for.
 */
export function parseCommandLine(
  argv: readonly string[],
  defaultConcurrency: number,
  env: NodeJS.ProcessEnv = {},
): ParsedCommandLine {
  const [word, ...rest] = argv;
  if (word === undefined) {
    throw new UsageError(
      `No command given. Allowed commands: ${COMMAND_NAMES.join(', ')}.\n\n${mainHelp(allSpecs())}`,
    );
  }
  if (word === '--help' || word === '-h' || word === 'help') {
    const topic = rest[0];
    if (topic !== undefined && isCommandName(topic))
      return { kind: 'help', text: commandHelp(loadCommand(topic).spec) };
    return { kind: 'help', text: mainHelp(allSpecs()) };
  }
  if (!isCommandName(word)) {
    throw new UsageError(
      `Unknown command "${word}". Allowed commands: ${COMMAND_NAMES.join(', ')}.${didYouMean(word, COMMAND_NAMES)} ` +
        'Run "npm run platform -- --help" to see them.',
    );
  }
  const command = loadCommand(word);
  const swallowed = optionsNpmKept(command.spec, env);
  if (swallowed) throw new UsageError(swallowed);
  const values = readOptions(word, command.spec.options, rest);
  if (values.has('help')) return { kind: 'help', text: commandHelp(command.spec) };
  const args = command.parse(new OptionValues(values), { concurrency: defaultConcurrency });
  return { kind: 'run', name: word, command, args };
}

function allSpecs(): CommandSpec[] {
  return COMMAND_NAMES.map((name) => loadCommand(name).spec);
}

/** Option name -> values; list options are split on commas. */
function readOptions(
  command: string,
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
        `Option ${flag} needs a value, received nothing${after}. Example: ${flag} ${spec.example ?? '<value>'}; ` +
          `write ${flag}=<value> for a value that starts with "-". ${helpHint}`,
      );
    }
    if (spec.list) {
      const names = value.split(',').map((name) => name.trim());
      if (names.some((name) => name === '')) {
        throw new UsageError(
          `Option ${flag} received "${value}", which has an empty name. ` +
            `Give names separated by commas without gaps, such as ${flag} ${spec.example ?? '<value>'}.`,
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

/** The npm scripts that start the CLI (package.json): `npm run synth`, `npm run platform`. */
const NPM_SCRIPTS = ['synth', 'platform'];

/**
 * `npm run synth --env dev` (without `--`) gives `--env` to npm, which keeps it as the setting
 * npm_config_env=true and passes only "dev" on: the CLI would run unfiltered, or fail on a word
 * it does not expect. npm's own warning ("Unknown cli config") is easy to miss, so the CLI names
 * the options npm kept and the fix.
 */
function optionsNpmKept(spec: CommandSpec, env: NodeJS.ProcessEnv): string | undefined {
  if (!NPM_SCRIPTS.includes(env.npm_lifecycle_event ?? '')) return undefined;
  const kept = spec.options
    .map((option) => option.name)
    .filter((name) => env[`npm_config_${name.replace(/-/g, '_')}`] !== undefined);
  if (kept.length === 0) return undefined;
  const script =
    env.npm_lifecycle_event === 'synth' ? 'npm run synth' : `npm run platform -- ${spec.name}`;
  return (
    `npm took ${kept.map((name) => `--${name}`).join(', ')} for its own settings (npm_config_${kept[0].replace(/-/g, '_')}), ` +
    `so "platform ${spec.name}" did not receive ${kept.length === 1 ? 'it' : 'them'}: options after "npm run <script>" need "--" before them. ` +
    `Write: ${script} -- ${kept.map((name) => `--${name}${spec.options.find((option) => option.name === name)?.value ? ' <value>' : ''}`).join(' ')}` +
    ' (or run the CLI directly: npx platform ' +
    spec.name +
    ' ...).'
  );
}
