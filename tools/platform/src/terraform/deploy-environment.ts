/**
 * The environment of terraform in `platform deploy` and `diff`: the caller's AWS settings are
 * kept (they are the point: the same credentials preflight checked), inherited TF_* variables
 * are dropped (TF_CLI_ARGS, TF_DATA_DIR or TF_WORKSPACE would change what runs) except TF_LOG*
 * for debugging, and the CLI configuration is the run's own.
 */
export function deployEnvironment(
  parent: NodeJS.ProcessEnv,
  cliConfigFile: string,
): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(parent)) {
    if (name.startsWith('TF_') && !name.startsWith('TF_LOG')) continue;
    env[name] = value;
  }
  return {
    ...env,
    CHECKPOINT_DISABLE: '1',
    TF_IN_AUTOMATION: '1',
    TF_INPUT: '0',
    TF_CLI_CONFIG_FILE: cliConfigFile,
  };
}
