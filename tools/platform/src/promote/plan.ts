import type { ECRClient } from '@aws-sdk/client-ecr';
import type { S3Client } from '@aws-sdk/client-s3';
import type { SageMakerClient } from '@aws-sdk/client-sagemaker';
import {
  type EnvironmentDefinition,
  mlBucketName,
  type PlatformConfiguration,
  platformKeyAliasArn,
  PROMOTION_ROLE_SIDS,
  type Release,
  type ReleaseManifest,
} from '@genai-sandbox/config';
import { CliError } from '../errors';
import {
  ARTIFACTS_PREFIX,
  headObject,
  isCopyOf,
  type ObjectState,
  parseS3Url,
  type S3Location,
  s3Url,
  targetKey,
} from './artifact';
import { imagesToCopy, type PlannedImage, planImage } from './images';
import { type MultipartTuning, partsOf } from './multipart-copy';
import { artifactUrls, describePackage, findPromoted, type SourcePackage } from './registry';
import { manifestFile, nextManifest, releaseBlueprints } from './release-manifest';
import type { PromotionRequest } from './request';
import type { Session } from './session';

/** The clients of one promotion, all working as the target's promotion role. */
export interface PromoteAws {
  readonly sageMaker: { readonly source: SageMakerClient; readonly target: SageMakerClient };
  readonly s3: { readonly source: S3Client; readonly target: S3Client };
  readonly ecr: { readonly source: ECRClient; readonly target: ECRClient };
  readonly session: Session;
  readonly multipart: MultipartTuning;
}

export interface PlannedCopy {
  readonly source: S3Location;
  readonly sourceState: ObjectState;
  readonly target: S3Location;
  /** The target already holds this artifact (an earlier run copied it). */
  readonly done: boolean;
  /** How many parts a multipart copy takes; 0 for one CopyObject. */
  readonly parts: number;
}

/** What a promotion would do, found by reading only: describe prints it, apply carries it out. */
export interface PromotionPlan {
  readonly request: PromotionRequest;
  /** The approved package in the source registry. */
  readonly source: SourcePackage;
  readonly project: string;
  /** The inference blueprints of the project that will serve the package. */
  readonly blueprints: readonly string[];
  /** The target's platform key (alias ARN): the copies are encrypted with it. */
  readonly keyArn: string;
  readonly copies: readonly PlannedCopy[];
  /** The serving images, copied into the target's repository of the group. */
  readonly images: readonly PlannedImage[];
  /** The package an earlier run registered in the target registry, found by its lineage. */
  readonly registered: string | undefined;
  /** releases/<to>.json (absolute) and what it holds now. */
  readonly manifest: { readonly file: string; readonly current: ReleaseManifest | undefined };
}

/** The source package, described; only an Approved one is promoted. */
export async function readApprovedSource(
  request: PromotionRequest,
  aws: PromoteAws,
): Promise<SourcePackage> {
  const { from, to, sourceArn } = request;
  const source = await aws.session.call(
    { service: 'SageMaker', action: 'DescribeModelPackage', resource: sourceArn },
    `The promotion role reads ${from.name}'s registry by its ${PROMOTION_ROLE_SIDS.readSourceRegistry} statement, and the resource policy of ` +
      `${from.name}'s model package group must let account ${to.accountId} describe it: deploy the foundation stacks of both environments.`,
    () => describePackage(aws.sageMaker.source, sourceArn),
  );
  if (source.ModelApprovalStatus !== 'Approved') {
    throw new CliError(
      `promote: ${sourceArn} is ${source.ModelApprovalStatus ?? 'without an approval status'} in ${from.name}'s registry, ` +
        'not Approved; only approved packages are promoted. Nothing was copied, registered or written. Have a reviewer ' +
        `approve it (SageMaker Studio, or "aws sagemaker update-model-package --model-package-arn ${sourceArn} ` +
        '--model-approval-status Approved"): the approval itself starts the promotion.',
    );
  }
  return source;
}

/**
 * Every check of the promotion, before any write: where the artifacts are and whose project they
 * belong to, what an earlier run did (the copies in place, the registration found by its lineage)
 * and whether the target has decided against it. Reads AWS, writes and prints nothing.
 */
export async function planPromotion(
  config: PlatformConfiguration,
  request: PromotionRequest,
  source: SourcePackage,
  aws: PromoteAws,
): Promise<PromotionPlan> {
  const { from, to, sourceArn, group } = request;
  const { session } = aws;
  const locations = artifactUrls(source, sourceArn).map((url) => parseS3Url(url, sourceArn));
  const project = projectOf(config, from, locations, sourceArn);
  const blueprints = releaseBlueprints(config, request, project);
  const targetBucket = mlBucketName(config, to, project);
  const keyArn = platformKeyAliasArn(config, to);
  const wantedImages = imagesToCopy(
    config,
    from,
    to,
    group,
    (source.InferenceSpecification?.Containers ?? []).flatMap((container) =>
      container.Image ? [container.Image] : [],
    ),
    sourceArn,
  );

  const existing = await session.call(
    { service: 'SageMaker', action: 'ListModelPackages', resource: `group ${group} of ${to.name}` },
    `The promotion role lists and describes ${to.name}'s packages by its ${PROMOTION_ROLE_SIDS.listModelPackages} and ${PROMOTION_ROLE_SIDS.readPackages} statements: deploy ${to.name}'s foundation stack.`,
    () => findPromoted(aws.sageMaker.target, group, sourceArn),
  );
  // An earlier run registered it pending (approve has not run yet) or test approved it: either is
  // this promotion, resumed. A rejection is a decision taken in the target.
  if (
    existing &&
    !['Approved', 'PendingManualApproval'].includes(existing.ModelApprovalStatus ?? '')
  ) {
    throw new CliError(
      `promote: ${sourceArn} was promoted to ${to.name} before, as ${existing.ModelPackageArn}, which is now ` +
        `${existing.ModelApprovalStatus} there. promote does not override a decision taken in ${to.name}: approve that ` +
        'package again, or delete it and run promote again. Nothing was changed.',
    );
  }

  const copies: PlannedCopy[] = [];
  for (const location of locations) {
    const sourceState = await session.call(
      { service: 'S3', action: 'HeadObject', resource: s3Url(location) },
      `The promotion role reads ${from.name}'s artifacts by its ${PROMOTION_ROLE_SIDS.readSourceArtifacts} statement, and the bucket policy of ` +
        `${location.bucket} must let account ${to.accountId} read ${ARTIFACTS_PREFIX}*.`,
      () => headObject(aws.s3.source, location, from.accountId),
    );
    if (!sourceState) {
      throw new CliError(
        `promote: the artifact of ${sourceArn}, ${s3Url(location)}, does not exist. The package cannot be served ` +
          'without it; register a new version with its artifact in place. Nothing was copied, registered or written.',
      );
    }
    const target = {
      bucket: targetBucket,
      key: targetKey(location.key, from.name, group, request.version),
    };
    const targetState = await session.call(
      { service: 'S3', action: 'HeadObject', resource: s3Url(target) },
      `The promotion role reads and writes ${to.name}'s artifacts by its ${PROMOTION_ROLE_SIDS.writeArtifacts} statement.`,
      () => headObject(aws.s3.target, target, to.accountId),
    );
    copies.push({
      source: location,
      sourceState,
      target,
      done: isCopyOf(targetState, sourceState),
      parts:
        sourceState.size > aws.multipart.thresholdBytes
          ? partsOf(sourceState.size, aws.multipart.partSizeBytes).length
          : 0,
    });
  }

  const images: PlannedImage[] = [];
  for (const wanted of wantedImages) {
    images.push(
      await session.call(
        { service: 'ECR', action: 'BatchGetImage', resource: wanted.sourceUri },
        `The promotion role reads the image by its ${PROMOTION_ROLE_SIDS.readSourceImages} statement (and the repository policy of ` +
          `${wanted.source.repository} in ${from.name} must let account ${to.accountId} pull), and looks for its copy in ` +
          `${wanted.targetRepository} by its ${PROMOTION_ROLE_SIDS.copyImages} statement: deploy both foundation stacks.`,
        () => planImage(aws.ecr, wanted, to.accountId),
      ),
    );
  }

  return {
    request,
    source,
    project,
    blueprints,
    keyArn,
    copies,
    images,
    registered: existing?.ModelPackageArn,
    manifest: { file: manifestFile(config, to), current: config.releases[to.name] },
  };
}

/** releases/<to>.json once `targetArn` serves the project's blueprints, and whether it changes. */
export function manifestAfter(
  plan: PromotionPlan,
  targetArn: string,
): { readonly next: ReleaseManifest; readonly changed: boolean } {
  const { project, request } = plan;
  const entries: Release[] = plan.blueprints.map((blueprint) => ({
    project,
    blueprint: blueprint as Release['blueprint'],
    modelPackageGroup: request.group,
    modelPackageArn: targetArn,
    sourceModelPackageArn: request.sourceArn,
    sourceEnvironment: request.from.name,
  }));
  const next = nextManifest(plan.manifest.current, entries);
  return { next, changed: JSON.stringify(next) !== JSON.stringify(plan.manifest.current) };
}

/** `project/blueprint, ... -> arn`: what the manifest will record. */
export function servedText(plan: PromotionPlan, targetArn: string): string {
  return `${plan.blueprints.map((blueprint) => `${plan.project}/${blueprint}`).join(', ')} -> ${targetArn}`;
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
