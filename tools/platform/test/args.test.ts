import { parseCommandLine } from '../src/args';
import { UsageError } from '../src/errors';
import { runCli, workspace } from './helpers';

function usageError(argv: string[]): string {
  try {
    parseCommandLine(argv, 2);
  } catch (error) {
    expect(error).toBeInstanceOf(UsageError);
    return (error as Error).message;
  }
  throw new Error(`expected a UsageError for ${argv.join(' ')}`);
}

describe('parseCommandLine', () => {
  test('defaults: environments, cdktf.out, no filters, concurrency from the caller', () => {
    const parsed = parseCommandLine(['plan'], 3);
    expect(parsed).toMatchObject({ kind: 'run', name: 'plan' });
    expect(parsed.kind === 'run' && parsed.args).toEqual({
      configDir: 'environments',
      out: 'cdktf.out',
      filter: { apps: undefined, environments: undefined, projects: undefined },
      concurrency: 3,
    });
  });

  test('filters are repeatable and comma-separated', () => {
    const parsed = parseCommandLine(
      ['synth', '--app', 'a,b', '--app=c', '--env', 'dev', '--project', ' p1 , p2 '],
      2,
    );
    expect(parsed).toMatchObject({
      args: { filter: { apps: ['a', 'b', 'c'], environments: ['dev'], projects: ['p1', 'p2'] } },
    });
  });

  test('--config-dir, --out and --concurrency take values, inline or separate', () => {
    expect(
      parseCommandLine(['validate', '--config-dir=cfg', '--out=-odd', '--concurrency', '4'], 2),
    ).toMatchObject({ args: { configDir: 'cfg', out: '-odd', concurrency: 4 } });
  });

  test('--help and -h give the command help, with its options', () => {
    const help = parseCommandLine(['plan', '--help'], 2);
    expect(help.kind).toBe('help');
    const text = (help as { text: string }).text;
    expect(text).toContain('npm run platform -- plan [options]');
    for (const option of ['--config-dir', '--out', '--app', '--env', '--project', '--concurrency'])
      expect(text).toContain(option);
    expect(parseCommandLine(['synth', '-h'], 2)).toMatchObject({ kind: 'help' });
    expect((parseCommandLine(['synth', '-h'], 2) as { text: string }).text).not.toContain(
      '--concurrency',
    );
    expect((parseCommandLine(['--help'], 2) as { text: string }).text).toMatch(
      /synth .*\n.*validate .*\n.*plan /,
    );
  });

  test('fails when the command is unknown, naming it, the allowed commands and a suggestion', () => {
    const message = usageError(['synt']);
    expect(message).toContain('Unknown command "synt"');
    expect(message).toContain('Allowed commands: synth, validate, plan');
    expect(message).toContain('Did you mean "synth"?');
  });

  test('fails when no command is given', () => {
    expect(usageError([])).toContain('No command given');
  });

  test('fails when a flag is unknown, naming it, the allowed flags and the closest one', () => {
    const message = usageError(['synth', '--evn', 'dev']);
    expect(message).toContain('Unknown option "--evn" for "platform synth"');
    expect(message).toContain('Did you mean "--env"?');
    expect(message).toContain(
      'Allowed options: --config-dir, --out, --app, --env, --project, --help',
    );
  });

  test('fails when --concurrency is given to synth, which has no such option', () => {
    expect(usageError(['synth', '--concurrency', '2'])).toContain('Unknown option "--concurrency"');
  });

  test('fails when a value is missing at the end', () => {
    const message = usageError(['synth', '--out']);
    expect(message).toContain('Option --out needs a value, received nothing');
    expect(message).toContain('Example: --out cdktf.out');
  });

  test('fails when a value is missing because the next argument is a flag', () => {
    const message = usageError(['synth', '--env', '--app', 'demo']);
    expect(message).toContain(
      'Option --env needs a value, received nothing (the next argument "--app" is an option)',
    );
  });

  test('fails when a list has an empty name', () => {
    expect(usageError(['synth', '--env', 'dev,,prod'])).toContain(
      'Option --env received "dev,,prod", which has an empty name',
    );
  });

  test('fails when a single-value option is given twice', () => {
    expect(usageError(['synth', '--out', 'a', '--out', 'b'])).toContain(
      'Option --out was given twice ("a" and "b")',
    );
  });

  test('fails when --concurrency is not a positive whole number', () => {
    for (const value of ['0', 'two', '1.5', '-1']) {
      expect(usageError(['plan', `--concurrency=${value}`])).toContain(
        `Option --concurrency needs a whole number from 1 to 256, received "${value}"`,
      );
    }
  });

  test('fails when a positional argument is given', () => {
    expect(usageError(['synth', 'dev'])).toContain(
      'Unexpected argument "dev" for "platform synth"',
    );
  });

  test('fails when a boolean flag gets a value', () => {
    expect(usageError(['synth', '--help=yes'])).toContain(
      'Option --help takes no value, received "yes"',
    );
  });
});

describe('command-line errors through the CLI', () => {
  test('fails with exit code 2 on an unknown flag, printing to stderr only', async () => {
    const result = await runCli(['synth', '--bogus']);
    expect(result).toMatchObject({ code: 2, stdout: '' });
    expect(result.stderr).toContain('Unknown option "--bogus"');
  });

  test('fails with exit code 2 when --env names an environment that does not exist, listing those that do', async () => {
    const result = await runCli(['synth', '--env', 'qa,dev'], { cwd: workspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Unknown name "qa" in --env\. Environments in .*: dev, test, prod\. Use one of them, or drop --env/,
    );
  });

  test('fails with exit code 2 when --app names an app that does not exist, listing the apps', async () => {
    const result = await runCli(['synth', '--app', 'demoo'], { cwd: workspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('Unknown name "demoo" in --app. Did you mean "demo"?');
    expect(result.stderr).toContain(': demo, genai-bedrock.');
  });

  test('fails with exit code 2 when --project names a project that does not exist, listing the projects', async () => {
    const result = await runCli(['validate', '--project', 'fraud'], { cwd: workspace() });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /Unknown name "fraud" in --project\..* Projects in .*: fraud-detection\./,
    );
  });

  test('fails with exit code 2 when valid filters select no stack, explaining why', async () => {
    const result = await runCli(['synth', '--app', 'demo', '--project', 'fraud-detection'], {
      cwd: workspace(),
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No stack matches --app demo AND --project fraud-detection');
    expect(result.stderr).toContain('demo is an account-level app');
  });

  test('--help exits 0 and prints the help on stdout', async () => {
    const result = await runCli(['validate', '--help']);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toContain('Usage: npm run platform -- validate [options]');
  });
});
