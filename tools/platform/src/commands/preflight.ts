/* eslint-disable @typescript-eslint/no-require-imports -- what `run` needs is loaded when it runs (see commands/index.ts) */
import { optionPath } from '../paths';
import type { CliContext, CommandSpec, OptionValues } from '../command';
import { CONFIG_DIR, DEFAULT_CONFIG_DIR, HELP } from '../options';

export interface PreflightArgs {
  readonly configDir: string;
  /** Required; checked against the configuration by the command, which lists the names. */
  readonly environment: string | undefined;
  /** The role to assume after the first check. */
  readonly assumeRole: string | undefined;
}

export const spec: CommandSpec = {
  name: 'preflight',
  summary: "check with STS that the AWS credentials are in the environment's account",
  details: [
    "Calls STS GetCallerIdentity in the environment's region with the AWS SDK's default credentials (the",
    'variables set by aws-actions/configure-aws-credentials, AWS_PROFILE, ...) and exits 1 unless the caller is',
    'in the account of <env>.json. With --assume-role it then assumes that role of the same account',
    '(session platform-preflight-<env>) and checks the new identity too. Run it before any terraform command',
    'that uses real credentials. AWS_ENDPOINT_URL_STS overrides the endpoint.',
  ],
  options: [
    CONFIG_DIR,
    // preflight checks one environment, so its --env takes one name and is required.
    {
      name: 'env',
      value: 'name',
      description: 'the environment whose account the credentials must be in (required)',
      example: 'dev',
    },
    {
      name: 'assume-role',
      value: 'arn',
      description:
        "then assume this role of the environment's account (role chaining) and check the new identity",
      example: 'arn:aws:iam::111111111111:role/genai-dev-promotion',
    },
    HELP,
  ],
  examples: [
    'platform preflight --env dev',
    'platform preflight --env test --assume-role arn:aws:iam::222222222222:role/genai-test-promotion',
  ],
};

export function parse(options: OptionValues): PreflightArgs {
  return {
    configDir: options.single('config-dir') ?? DEFAULT_CONFIG_DIR,
    environment: options.single('env'),
    assumeRole: options.single('assume-role'),
  };
}

export async function run(args: PreflightArgs, context: CliContext): Promise<number> {
  const { runPreflight } =
    require('../preflight/preflight') as typeof import('../preflight/preflight');
  return runPreflight({
    configDir: optionPath(context.cwd, args.configDir, DEFAULT_CONFIG_DIR),
    environment: args.environment,
    assumeRole: args.assumeRole,
    env: context.env,
    cwd: context.cwd,
    output: context.output,
  });
}
