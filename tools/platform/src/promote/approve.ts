import {
  loadPlatformConfiguration,
  MODEL_PACKAGE_ARN_PATTERN,
  platformRoleArn,
  PROMOTION_ROLE_SIDS,
  RELEASES_DIR,
} from '@genai-sandbox/config';
import { CliError, didYouMean, EXIT_OK, UsageError } from '../errors';
import { verifyIdentity } from '../preflight/preflight';
import type { StsTimeouts } from '../preflight/sts-client';
import type { Output } from '../progress';
import { describePromoteFailure } from './aws-errors';
import { type PromoteTimeouts, promoteClients } from './clients';
import { approvePackage, describePackage, LINEAGE } from './registry';

export interface ApproveOptions {
  /** Absolute. */
  readonly configDir: string;
  readonly environment?: string;
  readonly modelPackageArn?: string;
  readonly env: NodeJS.ProcessEnv;
  readonly cwd: string;
  readonly output: Output;
  readonly stsTimeouts?: StsTimeouts;
  readonly timeouts?: PromoteTimeouts;
}

/**
 * `platform approve`: the gate after an environment's apply and smoke test. Approving is what
 * forwards a package to the next environment, so only the package the environment's release
 * manifest pins, registered there by promote (its lineage matches the manifest's), is approved; a
 * package already Approved is left alone, so a re-run of the workflow approves nothing twice.
 */
export async function runApprove(options: ApproveOptions): Promise<number> {
  const config = loadPlatformConfiguration(options.configDir);
  if (options.environment === undefined || options.modelPackageArn === undefined) {
    throw new UsageError(
      '"platform approve" needs --env and --model-package-arn. Example: --env test --model-package-arn ' +
        'arn:aws:sagemaker:eu-west-1:222222222222:model-package/genai-llm-finetuned/1.',
    );
  }
  const names = config.environments.map((candidate) => candidate.name);
  const environment = config.environments.find(
    (candidate) => candidate.name === options.environment,
  );
  if (!environment) {
    throw new UsageError(
      `Unknown environment "${options.environment}" in --env.${didYouMean(options.environment, names)} Environments: ${names.join(', ')}.`,
    );
  }
  const arn = options.modelPackageArn;
  const match = MODEL_PACKAGE_ARN_PATTERN.exec(arn);
  if (!match || match[2] !== environment.accountId || match[1] !== environment.region) {
    throw new UsageError(
      `Option --model-package-arn received "${arn}", which is not a versioned model package of ${environment.name}'s ` +
        `registry (account ${environment.accountId}, ${environment.region}): arn:aws:sagemaker:${environment.region}:` +
        `${environment.accountId}:model-package/<group>/<version>.`,
    );
  }
  const file = `${RELEASES_DIR}/${environment.name}.json`;
  const pinned = (config.releases[environment.name]?.releases ?? []).filter(
    (release) => release.modelPackageArn === arn,
  );
  if (pinned.length === 0) {
    throw new CliError(
      `approve: ${arn} is not a release of ${file}, so ${environment.name} does not serve it and its smoke test ` +
        `tested something else. Approve only the package ${file} pins (promote wrote it). Nothing was approved.`,
    );
  }
  const out = (text: string) => options.output.out(`approve: ${text}`);
  const roleArn = platformRoleArn(config, environment, 'promotion');
  const credentials = await verifyIdentity({
    configDir: options.configDir,
    environment: environment.name,
    assumeRole: roleArn,
    env: options.env,
    cwd: options.cwd,
    output: options.output,
    timeouts: options.stsTimeouts,
  });
  if (!credentials) throw new CliError(`approve: assuming ${roleArn} gave no credentials.`);
  const clients = promoteClients(options.env, credentials, options.timeouts);
  const client = clients.sageMaker(environment.region);
  const call = async <T>(action: string, deniedHint: string, body: () => Promise<T>) => {
    try {
      return await body();
    } catch (error) {
      const reason = describePromoteFailure(error, {
        service: 'SageMaker',
        action,
        resource: arn,
        role: roleArn,
        endpoint: clients.describeEndpoint('SageMaker'),
        deniedHint,
      });
      throw new CliError(`approve: ${reason}\nNothing was approved; run the same command again.`);
    }
  };
  try {
    const current = await call(
      'DescribeModelPackage',
      `The promotion role reads ${environment.name}'s packages by its ${PROMOTION_ROLE_SIDS.readPackages} statement: deploy ${environment.name}'s foundation stack.`,
      () => describePackage(client, arn),
    );
    const lineage = current.CustomerMetadataProperties?.[LINEAGE.sourceArn];
    const expected = pinned.find((release) => release.sourceModelPackageArn)?.sourceModelPackageArn;
    if (expected !== undefined && lineage !== expected) {
      throw new CliError(
        `approve: ${file} serves ${arn} as the promotion of ${expected}, but the package's lineage ` +
          `(${LINEAGE.sourceArn}) is ${lineage ?? 'missing'}: it is not the package promote registered. Nothing was approved.`,
      );
    }
    const status = current.ModelApprovalStatus;
    if (status === 'Approved') {
      out(`${arn} is already Approved in ${environment.name}; nothing changed.`);
      return EXIT_OK;
    }
    if (status !== 'PendingManualApproval') {
      throw new CliError(
        `approve: ${arn} is ${status ?? 'without an approval status'} in ${environment.name}'s registry; approve ` +
          'only approves a package promote registered as PendingManualApproval and does not override a rejection. ' +
          'Nothing was approved.',
      );
    }
    await call(
      'UpdateModelPackage',
      `The promotion role approves ${environment.name}'s packages by its ${PROMOTION_ROLE_SIDS.approvePackages} statement (ModelApprovalStatus Approved only): deploy ${environment.name}'s foundation stack.`,
      () =>
        approvePackage(
          client,
          arn,
          `Served by ${environment.name} (${file}) and smoke-tested; approved by platform approve.`,
        ),
    );
    out(
      `approved ${arn} in ${environment.name}: the approval forwards it to the next environment of the chain.`,
    );
    return EXIT_OK;
  } finally {
    client.destroy();
  }
}
