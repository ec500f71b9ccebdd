import {
  CreateModelPackageCommand,
  DescribeModelPackageCommand,
  type DescribeModelPackageCommandOutput,
  ListModelPackagesCommand,
  type ModelPackageContainerDefinition,
  type SageMakerClient,
  UpdateModelPackageCommand,
} from '@aws-sdk/client-sagemaker';
import { createHash } from 'node:crypto';
import { CliError } from '../errors';

/** Customer metadata keys that record where a promoted package came from (its lineage). */
export const LINEAGE = {
  sourceArn: 'source-model-package-arn',
  sourceEnvironment: 'source-environment',
  sourceVersion: 'source-model-package-version',
  sourceApproval: 'source-approval-status',
  sourceArtifactEtag: 'source-artifact-etag',
} as const;

export type SourcePackage = DescribeModelPackageCommandOutput;

export async function describePackage(
  client: SageMakerClient,
  arn: string,
): Promise<SourcePackage> {
  return client.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
}

/**
 * The package of `group` in the caller's own registry whose lineage names `sourceArn`, newest
 * first: what an earlier run of the same promotion registered. ListModelPackages does not return
 * customer metadata, so each candidate is described.
 */
export async function findPromoted(
  client: SageMakerClient,
  group: string,
  sourceArn: string,
): Promise<SourcePackage | undefined> {
  let nextToken: string | undefined;
  do {
    const page = await client.send(
      new ListModelPackagesCommand({
        ModelPackageGroupName: group,
        SortBy: 'CreationTime',
        SortOrder: 'Descending',
        MaxResults: 100,
        NextToken: nextToken,
      }),
    );
    for (const summary of page.ModelPackageSummaryList ?? []) {
      if (!summary.ModelPackageArn) continue;
      const candidate = await describePackage(client, summary.ModelPackageArn);
      if (candidate.CustomerMetadataProperties?.[LINEAGE.sourceArn] === sourceArn) return candidate;
    }
    nextToken = page.NextToken;
  } while (nextToken);
  return undefined;
}

/** The S3 artifacts of a package's containers, in container order. */
export function artifactUrls(source: SourcePackage, arn: string): string[] {
  const containers = source.InferenceSpecification?.Containers ?? [];
  const withSource = containers.filter((container) => container.ModelDataSource);
  if (withSource.length > 0) {
    throw new CliError(
      `promote: ${arn} names its model data with ModelDataSource (an uncompressed S3 prefix); promote copies ` +
        'compressed artifacts named by ModelDataUrl only. Register the model as a model.tar.gz (ModelDataUrl) to promote it.',
    );
  }
  const urls = containers.flatMap((container) =>
    container.ModelDataUrl ? [container.ModelDataUrl] : [],
  );
  if (urls.length === 0) {
    throw new CliError(
      `promote: ${arn} has no container with a ModelDataUrl, so there is no artifact to copy. ` +
        'Register the package with its model artifact (InferenceSpecification.Containers[].ModelDataUrl).',
    );
  }
  return urls;
}

export interface Registration {
  readonly group: string;
  readonly source: SourcePackage;
  readonly sourceArn: string;
  readonly sourceEnvironment: string;
  readonly version: string;
  /** Source artifact URL -> target artifact URL. */
  readonly artifacts: ReadonlyMap<string, string>;
  readonly sourceEtags: readonly string[];
  /** Source image URI -> the target's copy of it. */
  readonly images: ReadonlyMap<string, string>;
}

/**
 * Registers the copy as PendingManualApproval: the target approves it (`platform approve`) only
 * once its inference stacks serve it and the smoke test passed, and that approval is what forwards
 * it to the next environment. The client token makes SageMaker itself answer a repeated request with the package
 * it already created instead of a second one.
 */
export async function registerPackage(client: SageMakerClient, registration: Registration) {
  const { source } = registration;
  const spec = source.InferenceSpecification;
  const containers = (spec?.Containers ?? []).map(
    (container): ModelPackageContainerDefinition => ({
      ContainerHostname: container.ContainerHostname,
      Image: container.Image
        ? (registration.images.get(container.Image) ?? container.Image)
        : undefined,
      Environment: container.Environment,
      Framework: container.Framework,
      FrameworkVersion: container.FrameworkVersion,
      NearestModelName: container.NearestModelName,
      ModelInput: container.ModelInput,
      ModelDataUrl: container.ModelDataUrl
        ? registration.artifacts.get(container.ModelDataUrl)
        : undefined,
    }),
  );
  const answer = await client.send(
    new CreateModelPackageCommand({
      ModelPackageGroupName: registration.group,
      ModelPackageDescription: `Promoted from ${registration.sourceArn}`.slice(0, 1024),
      InferenceSpecification: {
        Containers: containers,
        SupportedContentTypes: spec?.SupportedContentTypes,
        SupportedResponseMIMETypes: spec?.SupportedResponseMIMETypes,
        SupportedRealtimeInferenceInstanceTypes: spec?.SupportedRealtimeInferenceInstanceTypes,
        SupportedTransformInstanceTypes: spec?.SupportedTransformInstanceTypes,
      },
      ModelApprovalStatus: 'PendingManualApproval',
      CustomerMetadataProperties: {
        [LINEAGE.sourceArn]: registration.sourceArn,
        [LINEAGE.sourceEnvironment]: registration.sourceEnvironment,
        [LINEAGE.sourceVersion]: registration.version,
        [LINEAGE.sourceApproval]: source.ModelApprovalStatus ?? 'Approved',
        [LINEAGE.sourceArtifactEtag]: registration.sourceEtags.join(','),
      },
      ClientToken: clientToken(registration.sourceArn),
    }),
  );
  if (!answer.ModelPackageArn) {
    throw new CliError(
      'promote: SageMaker CreateModelPackage answered without a ModelPackageArn; is the endpoint really SageMaker?',
    );
  }
  return answer.ModelPackageArn;
}

/** At most 36 characters of [a-zA-Z0-9-], the same for every run of one promotion. */
export function clientToken(sourceArn: string): string {
  return `promote-${createHash('sha256').update(sourceArn).digest('hex').slice(0, 28)}`;
}

/** Approves a package of the caller's own registry: what forwards it to the next environment. */
export async function approvePackage(client: SageMakerClient, arn: string, reason: string) {
  await client.send(
    new UpdateModelPackageCommand({
      ModelPackageArn: arn,
      ModelApprovalStatus: 'Approved',
      ApprovalDescription: reason.slice(0, 1024),
    }),
  );
}
