import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { runCli, workspace } from './helpers';

describe('the CLI from anywhere in the repository', () => {
  it('finds the configuration and writes cdktf.out of the repository from a subdirectory', async () => {
    const root = workspace();
    const subdirectory = join(root, 'apps', 'demo');
    mkdirSync(subdirectory, { recursive: true });
    const result = await runCli(['synth', '--app', 'demo', '--env', 'dev'], { cwd: subdirectory });
    expect(result.code).toBe(0);
    expect(existsSync(join(root, 'cdktf.out', 'stacks', 'demo-dev', 'cdk.tf.json'))).toBe(true);
    expect(existsSync(join(subdirectory, 'cdktf.out'))).toBe(false);
  });

  it('takes a path given on the command line relative to the current directory', async () => {
    const root = workspace();
    const subdirectory = join(root, 'apps');
    mkdirSync(subdirectory, { recursive: true });
    const result = await runCli(['synth', '--app', 'demo', '--env', 'dev', '--out', 'here'], {
      cwd: subdirectory,
    });
    expect(result.code).toBe(0);
    expect(existsSync(join(subdirectory, 'here', 'stacks', 'demo-dev'))).toBe(true);
  });

  it('explains the "--" forgotten after npm run synth, naming the options npm kept', async () => {
    const result = await runCli(['synth', 'dev'], {
      cwd: workspace(),
      env: { npm_lifecycle_event: 'synth', npm_config_env: 'true' },
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(
      'npm took --env for its own settings (npm_config_env), so "platform synth" did not receive it',
    );
    expect(result.stderr).toContain('Write: npm run synth -- --env <value>');
  });
});
