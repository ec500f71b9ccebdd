import { AssumeRoleCommand, GetCallerIdentityCommand, type STSClient } from '@aws-sdk/client-sts';
import {
  type EnvironmentDefinition,
  loadPlatformConfiguration,
  SHARED_SERVICES_ENVIRONMENT,
  sharedServicesEnvironment,
} from '@genai-sandbox/config';
import { CliError, didYouMean, EXIT_OK, UsageError } from '../errors';
import { displayPath, type Output } from '../progress';
import { parseRoleArn, type RoleArn } from './role-arn';
import { type StaticCredentials, stsSetup, type StsSetup, type StsTimeouts } from './sts-client';
import { describeStsFailure, type FailedCall } from './sts-errors';

export interface PreflightOptions {
  /** Absolute. */
  readonly configDir: string;
  /** The value of --env; undefined when it was not given. */
  readonly environment: string | undefined;
  /** The value of --assume-role. */
  readonly assumeRole?: string;
  /** Where the AWS settings are read from: the CLI's context, process.env in the real CLI. */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
  /** @default DEFAULT_TIMEOUTS; tests shorten them. */
  readonly timeouts?: StsTimeouts;
}

/**
 * The minimum an assumed session may last. The credentials serve only this check, and role
 * chaining caps a session at one hour anyway.
 */
const ASSUMED_SESSION_SECONDS = 900;

/** `platform-preflight-<env>`: shows in CloudTrail which check assumed the role. */
function sessionName(environment: string): string {
  return `platform-preflight-${environment}`;
}

/**
 * Stops a job before it touches Terraform with credentials of the wrong account: asks STS who the
 * caller is and compares its account with the environment's `accountId`. With --assume-role it
 * then assumes that role (role chaining) and checks the new identity the same way. Returns 0, or
 * throws CliError (exit 1) or UsageError (exit 2) with the reason.
 */
export async function runPreflight(options: PreflightOptions): Promise<number> {
  await verifyIdentity(options);
  return EXIT_OK;
}

/**
 * runPreflight's check, for commands that go on working with the identity it checked (`platform
 * promote`): returns the assumed role's credentials with --assume-role, else undefined.
 */
export async function verifyIdentity(
  options: PreflightOptions,
): Promise<StaticCredentials | undefined> {
  const config = loadPlatformConfiguration(options.configDir);
  const names = config.environments.map((environment) => environment.name);
  const known = `Environments in ${displayPath(options.cwd, config.directory)}: ${names.join(', ')}.`;
  if (options.environment === undefined) {
    throw new UsageError(
      `"platform preflight" needs --env <name>: the environment whose account the credentials must be in. ${known} ` +
        `Example: --env ${names[0] ?? 'dev'}.`,
    );
  }
  // "shared" is the shared-services account of platform.json, which `deploy --env shared` applies.
  const environment =
    config.environments.find(({ name }) => name === options.environment) ??
    (options.environment === SHARED_SERVICES_ENVIRONMENT
      ? sharedServicesEnvironment(config)
      : undefined);
  if (!environment) {
    throw new UsageError(
      `Unknown name "${options.environment}" in --env.${didYouMean(options.environment, names)} ${known} ` +
        'preflight checks one environment; give one of them.',
    );
  }
  const accountFile = `${displayPath(options.cwd, environment.file)} accountId`;
  // Before any AWS call: a malformed ARN or a role of another account is refused outright.
  const role = options.assumeRole
    ? parseRoleArn(options.assumeRole, {
        ...environment,
        file: displayPath(options.cwd, environment.file),
      })
    : undefined;

  const setup = stsSetup(options.env, environment.region, options.timeouts);
  if (setup.endpointVariable) {
    options.output.out(
      `preflight: STS endpoint ${setup.endpoint} (from ${setup.endpointVariable}).`,
    );
  }
  const failure = { setup, environment } as const;

  const caller = await callerIdentity(setup.client(), { ...failure, action: 'GetCallerIdentity' });
  if (caller.account !== environment.accountId) {
    throw new CliError(
      `preflight: the caller ${caller.arn} is in account ${caller.account}, but environment "${environment.name}" ` +
        `is account ${environment.accountId} (${accountFile}). Refusing to continue: check the role this job assumed` +
        ` (credentials from ${setup.credentialSource.description}).`,
    );
  }
  options.output.out(
    `preflight: caller ${caller.arn} is in account ${caller.account}, the account of environment "${environment.name}" (${accountFile}). OK.`,
  );
  if (!role) return undefined;

  const assumed = await assumeRole(setup, role, environment, caller.arn);
  const chained = await callerIdentity(setup.client(assumed.credentials), {
    ...failure,
    action: 'GetCallerIdentity',
    credentials: `the session of ${role.arn}`,
  });
  // The account is checked again, and the role: STS names the session after the role it assumed.
  const expected = `arn:${role.partition}:sts::${environment.accountId}:assumed-role/${role.roleName}/`;
  if (chained.account !== environment.accountId || !chained.arn.startsWith(expected)) {
    throw new CliError(
      `preflight: after assuming ${role.arn}, the caller is ${chained.arn} in account ${chained.account}, but ` +
        `environment "${environment.name}" is account ${environment.accountId} (${accountFile}) and the session ` +
        `should be ${expected}${sessionName(environment.name)}. Refusing to continue: check ${setup.endpointVariable ?? 'the STS endpoint'} and the role.`,
    );
  }
  options.output.out(
    `preflight: assumed ${role.arn} as ${chained.arn} (account ${chained.account}, ${ASSUMED_SESSION_SECONDS} s session). OK.`,
  );
  return assumed.credentials;
}

interface Identity {
  readonly arn: string;
  readonly account: string;
}

async function callerIdentity(client: STSClient, call: FailedCall): Promise<Identity> {
  try {
    const answer = await client.send(new GetCallerIdentityCommand({}));
    if (!answer.Arn || !answer.Account) {
      throw new CliError(
        `preflight: STS GetCallerIdentity at ${call.setup.endpoint} answered without ${answer.Arn ? 'Account' : 'Arn'}; ` +
          'nothing can be checked. Is the endpoint really STS?',
      );
    }
    return { arn: answer.Arn, account: answer.Account };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(describeStsFailure(error, call));
  } finally {
    client.destroy();
  }
}

async function assumeRole(
  setup: StsSetup,
  role: RoleArn,
  environment: EnvironmentDefinition,
  callerArn: string,
): Promise<{ credentials: StaticCredentials }> {
  const client = setup.client();
  try {
    const answer = await client.send(
      new AssumeRoleCommand({
        RoleArn: role.arn,
        RoleSessionName: sessionName(environment.name),
        DurationSeconds: ASSUMED_SESSION_SECONDS,
      }),
    );
    const credentials = answer.Credentials;
    if (!credentials?.AccessKeyId || !credentials.SecretAccessKey || !credentials.SessionToken) {
      throw new CliError(
        `preflight: STS AssumeRole of ${role.arn} at ${setup.endpoint} answered without complete credentials; ` +
          'nothing can be checked. Is the endpoint really STS?',
      );
    }
    return {
      credentials: {
        accessKeyId: credentials.AccessKeyId,
        secretAccessKey: credentials.SecretAccessKey,
        sessionToken: credentials.SessionToken,
        expiration: credentials.Expiration,
      },
    };
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      describeStsFailure(error, {
        action: 'AssumeRole',
        setup,
        environment,
        callerArn,
        roleArn: role.arn,
      }),
    );
  } finally {
    client.destroy();
  }
}
