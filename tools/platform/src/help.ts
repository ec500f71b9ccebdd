import type { CommandSpec } from './command';

/** The overview: every command with its summary, in the order given. */
export function mainHelp(specs: readonly CommandSpec[]): string {
  const width = Math.max(...specs.map((spec) => spec.name.length));
  return [
    'Usage: npm run platform -- <command> [options]',
    '',
    'Commands:',
    ...specs.map((spec) => `  ${spec.name.padEnd(width)}  ${spec.summary}`),
    '',
    'Run "npm run platform -- <command> --help" for the options of a command.',
    'Exit codes: 0 success, 1 failure (configuration, terraform, a stack), 2 wrong command line.',
  ].join('\n');
}

/** The help of one command, from the spec its parser reads. */
export function commandHelp(spec: CommandSpec): string {
  const labels = spec.options.map((option) => {
    const names = option.short ? `-${option.short}, --${option.name}` : `    --${option.name}`;
    return option.value ? `${names} <${option.value}>` : names;
  });
  const width = Math.max(...labels.map((label) => label.length));
  const lines = spec.options.map((option, index) => {
    const notes = [
      option.list ? 'repeatable, comma-separated' : undefined,
      option.defaultText ? `default: ${option.defaultText}` : undefined,
    ]
      .filter(Boolean)
      .join('; ');
    return `  ${labels[index].padEnd(width)}  ${option.description}${notes ? ` (${notes})` : ''}`;
  });
  return [
    `Usage: npm run platform -- ${spec.name} [options]`,
    '',
    `${spec.summary[0].toUpperCase()}${spec.summary.slice(1)}.`,
    ...spec.details,
    '',
    'Options:',
    ...lines,
    '',
    // Only commands that select stacks take filters.
    ...(spec.options.some((option) => option.name === 'app')
      ? ['Filters combine with AND: --app foundation --env dev selects foundation-dev only.', '']
      : []),
    'Examples:',
    ...spec.examples.map((example) => `  ${example.replace('platform ', 'npm run platform -- ')}`),
  ].join('\n');
}
