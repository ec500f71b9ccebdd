import type { StackFilter } from '@genai-sandbox/core';
import type { OptionSpec, OptionValues } from './command';
import { UsageError } from './errors';

/** The options that several commands share, and how their values are read. */

/** Narrows the stacks a command works on; lists combine with AND, names within a list with OR. */
export type FilterArgs = StackFilter;

export const DEFAULT_CONFIG_DIR = 'environments';
export const DEFAULT_OUT_DIR = 'cdktf.out';

export const CONFIG_DIR: OptionSpec = {
  name: 'config-dir',
  value: 'dir',
  description:
    'configuration directory holding platform.json, <env>.json and releases/ (a value given is relative to the current directory)',
  defaultText: `${DEFAULT_CONFIG_DIR}/ of the repository, found upwards from the current directory`,
  example: DEFAULT_CONFIG_DIR,
};

export const OUT_DIR: OptionSpec = {
  name: 'out',
  value: 'dir',
  description:
    'output directory of synthesized stacks (a value given is relative to the current directory)',
  defaultText: `${DEFAULT_OUT_DIR}/ beside the default configuration directory`,
  example: DEFAULT_OUT_DIR,
};

/** --config-dir, --out and the three filters: the options of every command over stacks. */
export const STACK_OPTIONS: readonly OptionSpec[] = [
  CONFIG_DIR,
  OUT_DIR,
  {
    name: 'app',
    value: 'name',
    list: true,
    description: 'only stacks of these apps (directories under apps/)',
    example: 'foundation',
  },
  {
    name: 'env',
    value: 'name',
    list: true,
    description: 'only stacks of these environments',
    example: 'dev,test',
  },
  {
    name: 'project',
    value: 'name',
    list: true,
    description: 'only stacks of these SMUS projects (account-level apps have none)',
    example: 'fraud-detection',
  },
];

export const CONCURRENCY: OptionSpec = {
  name: 'concurrency',
  value: 'n',
  description: 'stacks run in parallel',
  defaultText: 'the number of CPUs (os.availableParallelism())',
  example: '2',
};

export const HELP: OptionSpec = { name: 'help', short: 'h', description: 'show this help' };

/** --check of the commands that generate files; `what` names the files it compares. */
export function checkOption(what: string): OptionSpec {
  return { name: 'check', description: `write nothing; fail if ${what} is missing or out of date` };
}

/** The arguments of every command over stacks. */
export interface StackArgs {
  readonly configDir: string;
  readonly out: string;
  readonly filter: FilterArgs;
}

export function stackArgs(options: OptionValues): StackArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    out: options.single('out') ?? DEFAULT_OUT_DIR,
    filter: {
      apps: options.list('app'),
      environments: options.list('env'),
      projects: options.list('project'),
    },
  };
}

/** The arguments of the commands that generate files from the configuration. */
export interface GenerateArgs {
  readonly configDir: string;
  /** Compare with the configuration instead of writing. */
  readonly check: boolean;
}

export function generateArgs(options: OptionValues): GenerateArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    check: options.flag('check'),
  };
}

export function parseConcurrency(text: string | undefined, defaultConcurrency: number): number {
  if (text === undefined) return defaultConcurrency;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > 256) {
    throw new UsageError(
      `Option --concurrency needs a whole number from 1 to 256, received "${text}". Example: --concurrency 2.`,
    );
  }
  return value;
}
