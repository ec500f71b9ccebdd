import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  type EnvironmentDefinition,
  loadPlatformConfiguration,
  mlBucketName,
  type PlatformConfiguration,
  platformKeyAliasArn,
  platformRoleArn,
  PROMOTION_ROLE_SIDS,
  type Release,
} from '@genai-sandbox/config';
import { CliError, EXIT_OK } from '../errors';
import { verifyIdentity } from '../preflight/preflight';
import type { StsTimeouts } from '../preflight/sts-client';
import { displayPath, type Output } from '../progress';
import {
  ARTIFACTS_PREFIX,
  copyArtifact,
  headObject,
  isCopyOf,
  type ObjectState,
  parseS3Url,
  refuseLargeCopy,
  type S3Location,
  s3Url,
  targetKey,
} from './artifact';
import { describePromoteFailure, type FailedPromoteCall, isNetworkFailure } from './aws-errors';
import { type PromoteTimeouts, promoteClients } from './clients';
import { artifactUrls, describePackage, findPromoted, registerPackage } from './registry';
import {
  manifestFile,
  manifestText,
  nextManifest,
  releaseBlueprints,
  writeReleaseManifest,
} from './release-manifest';
import { checkRequest, type PromotionRequest } from './request';

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
}

interface Copy {
  readonly source: S3Location;
  readonly sourceState: ObjectState;
  readonly target: S3Location;
  readonly done: boolean;
}

/**
 * `platform promote` (ARCHITECTURE.md section 8, step 6). Every check comes before the first
 * write, and the writes go in an order that a re-run can resume: the artifact copy, then the
 * registration (found again by its lineage), then the release manifest, last, in one rename.
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
  const dry = options.dryRun;
  out(
    `${dry ? '(dry run) ' : ''}${from.name} -> ${to.name}: ${sourceArn} (group ${group}, version ${request.version}).`,
  );

  const roleArn = platformRoleArn(config, to, 'promotion');
  const credentials = await identity(options, to.name, roleArn);
  const clients = promoteClients(options.env, credentials, options.timeouts);
  const sageMaker = {
    source: clients.sageMaker(from.region),
    target: clients.sageMaker(to.region),
  };
  const s3 = { source: clients.s3(from.region), target: clients.s3(to.region) };
  const session = new Session(request, roleArn, clients.describeEndpoint);
  try {
    return await promote(config, request, options, { sageMaker, s3, session, out });
  } finally {
    for (const client of [sageMaker.source, sageMaker.target, s3.source, s3.target])
      client.destroy();
  }
}

interface Context {
  readonly sageMaker: { source: SageMakerClient; target: SageMakerClient };
  readonly s3: { source: S3Client; target: S3Client };
  readonly session: Session;
  readonly out: (text: string) => void;
}

async function promote(
  config: PlatformConfiguration,
  request: PromotionRequest,
  options: PromoteOptions,
  { sageMaker, s3, session, out }: Context,
): Promise<number> {
  const { from, to, sourceArn, group } = request;
  const source = await session.call(
    { service: 'SageMaker', action: 'DescribeModelPackage', resource: sourceArn },
    `The promotion role reads ${from.name}'s registry by its ${PROMOTION_ROLE_SIDS.readSourceRegistry} statement, and the resource policy of ` +
      `${from.name}'s model package group must let account ${to.accountId} describe it: deploy the foundation stacks of both environments.`,
    () => describePackage(sageMaker.source, sourceArn),
  );
  if (source.ModelApprovalStatus !== 'Approved') {
    throw new CliError(
      `promote: ${sourceArn} is ${source.ModelApprovalStatus ?? 'without an approval status'} in ${from.name}'s registry, ` +
        'not Approved; only approved packages are promoted. Nothing was copied, registered or written. Have a reviewer ' +
        `approve it (SageMaker Studio, or "aws sagemaker update-model-package --model-package-arn ${sourceArn} ` +
        '--model-approval-status Approved"): the approval itself starts the promotion.',
    );
  }
  out(`${sourceArn} is Approved in ${from.name}'s registry.`);

  const locations = artifactUrls(source, sourceArn).map((url) => parseS3Url(url, sourceArn));
  const project = projectOf(config, from, locations, sourceArn);
  const blueprints = releaseBlueprints(config, request, project);
  const targetBucket = mlBucketName(config, to, project);
  const keyArn = platformKeyAliasArn(config, to);

  const existing = await session.call(
    { service: 'SageMaker', action: 'ListModelPackages', resource: `group ${group} of ${to.name}` },
    `The promotion role lists and describes ${to.name}'s packages by its ${PROMOTION_ROLE_SIDS.listModelPackages} and ${PROMOTION_ROLE_SIDS.registerPackages} statements: deploy ${to.name}'s foundation stack.`,
    () => findPromoted(sageMaker.target, group, sourceArn),
  );
  if (existing && existing.ModelApprovalStatus !== 'Approved') {
    throw new CliError(
      `promote: ${sourceArn} was promoted to ${to.name} before, as ${existing.ModelPackageArn}, which is now ` +
        `${existing.ModelApprovalStatus} there. promote does not override a decision taken in ${to.name}: approve that ` +
        'package again, or delete it and run promote again. Nothing was changed.',
    );
  }

  const copies: Copy[] = [];
  for (const location of locations) {
    const sourceState = await session.call(
      { service: 'S3', action: 'HeadObject', resource: s3Url(location) },
      `The promotion role reads ${from.name}'s artifacts by its ${PROMOTION_ROLE_SIDS.readSourceArtifacts} statement, and the bucket policy of ` +
        `${location.bucket} must let account ${to.accountId} read ${ARTIFACTS_PREFIX}*.`,
      () => headObject(s3.source, location, from.accountId),
    );
    if (!sourceState) {
      throw new CliError(
        `promote: the artifact of ${sourceArn}, ${s3Url(location)}, does not exist. The package cannot be served ` +
          'without it; register a new version with its artifact in place. Nothing was copied, registered or written.',
      );
    }
    refuseLargeCopy(location, sourceState);
    const target = {
      bucket: targetBucket,
      key: targetKey(location.key, from.name, group, request.version),
    };
    const targetState = await session.call(
      { service: 'S3', action: 'HeadObject', resource: s3Url(target) },
      `The promotion role reads and writes ${to.name}'s artifacts by its ${PROMOTION_ROLE_SIDS.writeArtifacts} statement.`,
      () => headObject(s3.target, target, to.accountId),
    );
    copies.push({
      source: location,
      sourceState,
      target,
      done: isCopyOf(targetState, sourceState),
    });
  }

  const entries = (modelPackageArn: string): Release[] =>
    blueprints.map((blueprint) => ({
      project,
      blueprint: blueprint as Release['blueprint'],
      modelPackageGroup: group,
      modelPackageArn,
      sourceModelPackageArn: sourceArn,
      sourceEnvironment: from.name,
    }));
  const file = displayPath(options.cwd, manifestFile(config, to));
  const current = config.releases[to.name];

  if (options.dryRun) {
    for (const copy of copies) {
      out(
        copy.done
          ? `${s3Url(copy.target)} already holds the artifact (source ETag ${copy.sourceState.etag}); would not copy it.`
          : `would copy ${s3Url(copy.source)} (${copy.sourceState.size} bytes) to ${s3Url(copy.target)}, encrypted with ${keyArn}.`,
      );
    }
    out(
      existing
        ? `already registered in ${to.name} as ${existing.ModelPackageArn}; would not register it again.`
        : `would register a package in ${to.name}'s group ${group}, Approved, with lineage source-model-package-arn=${sourceArn}.`,
    );
    const targetArn = existing?.ModelPackageArn ?? `<the package registered in ${to.name}>`;
    const next = nextManifest(current, entries(targetArn));
    out(
      existing && JSON.stringify(next) === JSON.stringify(current)
        ? `${file} already records it; would not change it.`
        : `would write ${file}: ${blueprints.map((blueprint) => `${project}/${blueprint}`).join(', ')} -> ${targetArn}.`,
    );
    out('dry run: nothing was changed.');
    return EXIT_OK;
  }

  for (const copy of copies.filter((candidate) => !candidate.done)) {
    await session.call(
      {
        service: 'S3',
        action: 'CopyObject',
        resource: `${s3Url(copy.source)} -> ${s3Url(copy.target)}`,
      },
      `The copy needs, for the promotion role: s3:GetObject on ${s3Url(copy.source)} (its ${PROMOTION_ROLE_SIDS.readSourceArtifacts} statement and ` +
        `the bucket policy of ${copy.source.bucket}) with kms:Decrypt on ${from.name}'s key through S3, and s3:PutObject on ` +
        `${copy.target.bucket}/${ARTIFACTS_PREFIX}* (${PROMOTION_ROLE_SIDS.writeArtifacts}) with kms:GenerateDataKey on ${keyArn} ` +
        `(${PROMOTION_ROLE_SIDS.encryptArtifacts}; the bucket policy accepts objects encrypted with that key only).`,
      () =>
        copyArtifact(s3.target, {
          source: copy.source,
          sourceState: copy.sourceState,
          sourceAccount: from.accountId,
          target: copy.target,
          targetAccount: to.accountId,
          kmsKeyArn: keyArn,
          sourceArn,
        }),
    );
    session.copied.push(s3Url(copy.target));
    out(
      `copied ${s3Url(copy.source)} (${copy.sourceState.size} bytes) to ${s3Url(copy.target)}, encrypted with ${keyArn}.`,
    );
  }
  for (const copy of copies.filter((candidate) => candidate.done)) {
    out(
      `${s3Url(copy.target)} already holds the artifact (source ETag ${copy.sourceState.etag}); not copied again.`,
    );
  }

  let targetArn = existing?.ModelPackageArn;
  if (targetArn) {
    out(
      `already registered in ${to.name} as ${targetArn} (lineage ${sourceArn}); not registered again.`,
    );
  } else {
    const artifacts = new Map(copies.map((copy) => [s3Url(copy.source), s3Url(copy.target)]));
    targetArn = await session.call(
      {
        service: 'SageMaker',
        action: 'CreateModelPackage',
        resource: `group ${group} of ${to.name}`,
      },
      `The promotion role registers packages by its ${PROMOTION_ROLE_SIDS.registerPackages} statement, on the groups of platform.json: deploy ${to.name}'s foundation stack.`,
      () =>
        registerPackage(sageMaker.target, {
          group,
          source,
          sourceArn,
          sourceEnvironment: from.name,
          version: request.version,
          artifacts,
          sourceEtags: copies.map((copy) => copy.sourceState.etag),
        }),
    );
    session.registered = targetArn;
    out(
      `registered ${targetArn} in ${to.name}, Approved, with lineage source-model-package-arn=${sourceArn}, ` +
        `source-model-package-version=${request.version}, source-approval-status=Approved.`,
    );
  }

  const next = nextManifest(current, entries(targetArn));
  const served = `${blueprints.map((blueprint) => `${project}/${blueprint}`).join(', ')} -> ${targetArn}`;
  const manifestChanged = JSON.stringify(next) !== JSON.stringify(current);
  if (manifestChanged) {
    writeReleaseManifest(config, to, manifestText(next));
    out(`wrote ${file}: ${served}.`);
  } else {
    out(`${file} already records ${served}; not written.`);
  }
  if (session.copied.length === 0 && !session.registered && !manifestChanged) {
    out(`already promoted: ${sourceArn} is ${targetArn} in ${to.name}. Nothing changed.`);
  } else {
    out(
      `done: the next plan of ${to.name}'s inference stacks serves ${targetArn}. Commit ${file} (promote.yml opens a pull request with it).`,
    );
  }
  return EXIT_OK;
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

/** The project whose ML bucket in the source environment holds every artifact of the package. */
function projectOf(
  config: PlatformConfiguration,
  from: EnvironmentDefinition,
  locations: readonly S3Location[],
  sourceArn: string,
): string {
  const buckets = from.projects.map((project) => ({
    project: project.name,
    bucket: mlBucketName(config, from, project.name),
  }));
  const owners = new Set<string>();
  for (const location of locations) {
    const owner = buckets.find(({ bucket }) => bucket === location.bucket);
    if (!owner || !location.key.startsWith(ARTIFACTS_PREFIX)) {
      throw new CliError(
        `promote: the artifact of ${sourceArn} is ${s3Url(location)}, which is not under ${ARTIFACTS_PREFIX} of a project's ` +
          `ML bucket in ${from.name} (${buckets.map(({ bucket }) => bucket).join(', ') || 'no projects'}). promote copies ` +
          'only artifacts it can attribute to a project, and the promotion role may read nothing else. Register the ' +
          'package with its artifact in the ML bucket of its project. Nothing was copied, registered or written.',
      );
    }
    owners.add(owner.project);
  }
  if (owners.size > 1) {
    throw new CliError(
      `promote: the artifacts of ${sourceArn} are in the buckets of several projects (${[...owners].join(', ')}); a ` +
        'package must belong to one project. Nothing was copied, registered or written.',
    );
  }
  return [...owners][0];
}

/** Runs the AWS calls of one promotion, and turns a failure into what was done and what to do. */
class Session {
  readonly copied: string[] = [];
  registered: string | undefined;

  constructor(
    private readonly request: PromotionRequest,
    private readonly role: string,
    private readonly endpoint: (service: 'S3' | 'SageMaker') => string,
  ) {}

  async call<T>(
    call: Pick<FailedPromoteCall, 'service' | 'action' | 'resource'>,
    deniedHint: string,
    body: () => Promise<T>,
  ): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof CliError) throw error;
      const reason = describePromoteFailure(error, {
        ...call,
        role: this.role,
        endpoint: this.endpoint(call.service),
        deniedHint,
      });
      const again = isNetworkFailure(error)
        ? 'Check the network, then run the same command again: it finds what this run did and finishes the job.'
        : 'Fix the cause, then run the same command again: it finds what this run did and finishes the job.';
      throw new CliError(`promote: ${reason}\n${this.state()} ${again}`);
    }
  }

  private state(): string {
    const file = `releases/${this.request.to.name}.json`;
    if (this.registered) return `Registered ${this.registered}, but ${file} was not written.`;
    if (this.copied.length > 0)
      return `Copied ${this.copied.join(', ')}, but registered no package and did not write ${file}.`;
    return `This run copied nothing, registered nothing and did not write ${file}.`;
  }
}
