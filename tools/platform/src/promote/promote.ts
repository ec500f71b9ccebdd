import { loadPlatformConfiguration, platformRoleArn } from '@genai-sandbox/config';
import { CliError, EXIT_OK } from '../errors';
import { verifyIdentity } from '../preflight/preflight';
import type { StsTimeouts } from '../preflight/sts-client';
import { displayPath, type Output } from '../progress';
import { applyPlan } from './apply';
import { type PromoteTimeouts, promoteClients } from './clients';
import { describePlan } from './describe';
import { DEFAULT_MULTIPART, type MultipartTuning } from './multipart-copy';
import { planPromotion, type PromoteAws, readApprovedSource } from './plan';
import { checkRequest } from './request';
import { Session } from './session';

export interface PromoteOptions {
  /** Absolute. */
  readonly configDir: string;
  readonly from?: string;
  readonly to?: string;
  readonly modelPackageArn?: string;
  readonly dryRun: boolean;
  /** The CLI's context: credentials and endpoint overrides are read from here. */
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
  /** Tests shorten them. */
  readonly stsTimeouts?: StsTimeouts;
  readonly timeouts?: PromoteTimeouts;
  /** Tests force a small part size. */
  readonly multipart?: Partial<MultipartTuning>;
}

/**
 * `platform promote` (docs/architecture.md#event-flow, step 6): plan (every check, reading only), then
 * describe the plan (--dry-run) or apply it. Every check comes before the first write.
 */
export async function runPromote(options: PromoteOptions): Promise<number> {
  const config = loadPlatformConfiguration(options.configDir);
  const request = checkRequest(config, {
    from: options.from,
    to: options.to,
    modelPackageArn: options.modelPackageArn,
  });
  const { from, to, sourceArn, group } = request;
  const out = (text: string) => options.output.out(`promote: ${text}`);
  out(
    `${options.dryRun ? '(dry run) ' : ''}${from.name} -> ${to.name}: ${sourceArn} (group ${group}, version ${request.version}).`,
  );

  const roleArn = platformRoleArn(config, to, 'promotion');
  const credentials = await identity(options, to.name, roleArn);
  const clients = promoteClients(options.env, credentials, options.timeouts);
  const aws: PromoteAws = {
    sageMaker: { source: clients.sageMaker(from.region), target: clients.sageMaker(to.region) },
    s3: { source: clients.s3(from.region), target: clients.s3(to.region) },
    ecr: { source: clients.ecr(from.region), target: clients.ecr(to.region) },
    session: new Session(request, roleArn, clients.describeEndpoint),
    multipart: { ...DEFAULT_MULTIPART, ...options.multipart },
  };
  try {
    const source = await readApprovedSource(request, aws);
    out(`${sourceArn} is Approved in ${from.name}'s registry.`);
    const plan = await planPromotion(config, request, source, aws);
    const file = displayPath(options.cwd, plan.manifest.file);
    if (options.dryRun) describePlan(plan, file, out);
    else await applyPlan(config, plan, aws, file, out);
    return EXIT_OK;
  } finally {
    for (const client of [
      aws.sageMaker.source,
      aws.sageMaker.target,
      aws.s3.source,
      aws.s3.target,
      aws.ecr.source,
      aws.ecr.target,
    ])
      client.destroy();
  }
}

/** The caller must be in the target account; then promote works as that account's promotion role. */
async function identity(options: PromoteOptions, environment: string, roleArn: string) {
  try {
    const credentials = await verifyIdentity({
      configDir: options.configDir,
      environment,
      assumeRole: roleArn,
      env: options.env,
      cwd: options.cwd,
      output: options.output,
      timeouts: options.stsTimeouts,
    });
    if (!credentials) throw new CliError(`promote: assuming ${roleArn} gave no credentials.`);
    return credentials;
  } catch (error) {
    if (!(error instanceof CliError)) throw error;
    throw new CliError(
      `${error.message}\npromote: stopped before any AWS change: nothing was copied, registered or written. ` +
        `Run promote with credentials of ${environment}'s deploy role (account of ${environment}.json), which may assume ${roleArn}.`,
    );
  }
}
