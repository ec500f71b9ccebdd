/* eslint-disable @typescript-eslint/no-require-imports -- the table loads a module on use */
import type { Command } from '../command';

/**
 * The command table: each name maps to the loading of its module, so a command line loads the
 * parser, the one command it names and what that command's `run` loads: `platform synth` never
 * loads the policy engine, YAML or the AWS SDK, and `platform --help` loads no configuration.
 * (`require` rather than `import()`: the package is CommonJS, and an `import()` would go through
 * Node's ESM loader.) The order is the overview's.
 */
const COMMANDS = {
  synth: () => require('./synth') as typeof import('./synth'),
  validate: () => require('./validate') as typeof import('./validate'),
  plan: () => require('./plan') as typeof import('./plan'),
  check: () => require('./check') as typeof import('./check'),
  diff: () => require('./diff') as typeof import('./diff'),
  deploy: () => require('./deploy') as typeof import('./deploy'),
  'stack-inputs': () => require('./stack-inputs') as typeof import('./stack-inputs'),
  schema: () => require('./schema') as typeof import('./schema'),
  diagram: () => require('./diagram') as typeof import('./diagram'),
  workflows: () => require('./workflows') as typeof import('./workflows'),
  preflight: () => require('./preflight') as typeof import('./preflight'),
  promote: () => require('./promote') as typeof import('./promote'),
  approve: () => require('./approve') as typeof import('./approve'),
  'promote-genai': () => require('./promote-genai') as typeof import('./promote-genai'),
  'evaluate-genai': () => require('./evaluate-genai') as typeof import('./evaluate-genai'),
} satisfies Record<string, () => Command<unknown>>;

export type CommandName = keyof typeof COMMANDS;

export const COMMAND_NAMES = Object.keys(COMMANDS) as CommandName[];

export function isCommandName(word: string): word is CommandName {
  return Object.hasOwn(COMMANDS, word);
}

/** The module of one command; `run` takes what the same module's `parse` returned. */
export function loadCommand(name: CommandName): Command<unknown> {
  return COMMANDS[name]();
}
