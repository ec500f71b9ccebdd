import {
  BatchCheckLayerAvailabilityCommand,
  BatchGetImageCommand,
  CompleteLayerUploadCommand,
  type ECRClient,
  GetDownloadUrlForLayerCommand,
  type ImageIdentifier,
  InitiateLayerUploadCommand,
  PutImageCommand,
  UploadLayerPartCommand,
} from '@aws-sdk/client-ecr';
import {
  containerImageUri,
  containerRepositoryName,
  type EnvironmentDefinition,
  type PlatformConfiguration,
} from '@genai-sandbox/config';
import { CliError } from '../errors';
import { errorDetail } from './aws-errors';

/** The manifest types promote copies: one image, Docker v2 or OCI. A multi-arch index is not. */
const MANIFEST_TYPES = [
  'application/vnd.docker.distribution.manifest.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
];

/** ECR takes layer parts of at least 5 MiB (but the last); the part is what promote holds in memory. */
const LAYER_PART_BYTES = 20 * 1024 * 1024;

export interface ImageReference {
  readonly account: string;
  readonly region: string;
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

const IMAGE_URI =
  /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com\/([a-z0-9][a-z0-9._/-]*?)(?::([A-Za-z0-9_][A-Za-z0-9_.-]{0,127}))?(?:@(sha256:[0-9a-f]{64}))?$/;

export function parseImageUri(uri: string): ImageReference | undefined {
  const match = IMAGE_URI.exec(uri);
  if (!match || (!match[4] && !match[5])) return undefined;
  return {
    account: match[1],
    region: match[2],
    repository: match[3],
    ...(match[4] && { tag: match[4] }),
    ...(match[5] && { digest: match[5] }),
  };
}

/** One serving image of the package and where its copy goes. */
export interface PlannedImage {
  readonly sourceUri: string;
  readonly targetUri: string;
  readonly source: ImageReference;
  readonly targetRepository: string;
  readonly digest: string;
  readonly manifest: string;
  readonly mediaType: string;
  /** The target repository already holds this digest (an earlier run copied it). */
  readonly done: boolean;
}

/**
 * The images a promotion copies. Every container image must be in the package group's repository
 * of the source environment: only then can promote copy it, and the target package will name
 * the group's repository of the target account, which the target may pull from.
 */
export function imagesToCopy(
  config: PlatformConfiguration,
  from: EnvironmentDefinition,
  to: EnvironmentDefinition,
  group: string,
  uris: readonly string[],
  sourceArn: string,
): Array<{
  sourceUri: string;
  source: ImageReference;
  targetUri: string;
  targetRepository: string;
}> {
  const repository = containerRepositoryName(config, from, group);
  const expected = `${from.accountId}.dkr.ecr.${from.region}.amazonaws.com/${repository}:<tag>`;
  const unique = [...new Set(uris)];
  const problems = unique.flatMap((uri) => {
    const image = parseImageUri(uri);
    return image &&
      image.account === from.accountId &&
      image.region === from.region &&
      image.repository === repository
      ? []
      : [uri];
  });
  if (problems.length > 0) {
    throw new CliError(
      `promote: ${sourceArn} serves with ${problems.join(', ')}, which ${problems.length === 1 ? 'is' : 'are'} not ` +
        `an image of group ${group}'s repository in ${from.name} (${expected}). promote copies only that repository's ` +
        `images into ${to.name}, so that ${to.name}'s package names its own account's registry. Push the image to ` +
        `${repository} in ${from.name} and register a new version with that URI. Nothing was copied, registered or written.`,
    );
  }
  const targetRepository = containerRepositoryName(config, to, group);
  return unique.map((uri) => {
    const source = parseImageUri(uri) as ImageReference;
    const targetUri = source.tag
      ? containerImageUri(config, to, group, source.tag) +
        (source.digest ? `@${source.digest}` : '')
      : `${to.accountId}.dkr.ecr.${to.region}.amazonaws.com/${targetRepository}@${source.digest}`;
    return { sourceUri: uri, source, targetUri, targetRepository };
  });
}

function imageId(reference: ImageReference): ImageIdentifier {
  return reference.digest ? { imageDigest: reference.digest } : { imageTag: reference.tag };
}

/** BatchGetImage of one image; undefined when the repository does not hold it. */
export async function getImage(
  client: ECRClient,
  registryId: string,
  repository: string,
  id: ImageIdentifier,
): Promise<{ digest: string; manifest: string; mediaType: string } | undefined> {
  const answer = await client.send(
    new BatchGetImageCommand({
      registryId,
      repositoryName: repository,
      imageIds: [id],
      acceptedMediaTypes: MANIFEST_TYPES,
    }),
  );
  const image = answer.images?.[0];
  if (!image?.imageManifest || !image.imageId?.imageDigest) return undefined;
  return {
    digest: image.imageId.imageDigest,
    manifest: image.imageManifest,
    mediaType: image.imageManifestMediaType ?? MANIFEST_TYPES[0],
  };
}

/** Reads the source image and whether the target repository holds its digest already. */
export async function planImage(
  ecr: { source: ECRClient; target: ECRClient },
  wanted: ReturnType<typeof imagesToCopy>[number],
  targetAccount: string,
): Promise<PlannedImage> {
  const { source } = wanted;
  const found = await getImage(ecr.source, source.account, source.repository, imageId(source));
  if (!found) {
    throw new CliError(
      `promote: the image ${wanted.sourceUri} does not exist in ${source.repository}; the package cannot be served ` +
        'without it. Nothing was copied, registered or written.',
    );
  }
  if (!MANIFEST_TYPES.includes(found.mediaType)) {
    throw new CliError(
      `promote: the image ${wanted.sourceUri} is a ${found.mediaType}; promote copies single-platform images ` +
        `(${MANIFEST_TYPES.join(', ')}). Register the package with the digest of the platform SageMaker runs.`,
    );
  }
  const copy = await getImage(ecr.target, targetAccount, wanted.targetRepository, {
    imageDigest: found.digest,
  });
  return { ...wanted, ...found, done: copy !== undefined };
}

/**
 * Copies one image with the ECR API: the layers (and config blob) the target lacks go through
 * GetDownloadUrlForLayer in the source and the layer upload API in the target, one bounded part at
 * a time; then PutImage writes the manifest under the same tag. Only this image moves: nothing
 * else of the source repository is read.
 */
export async function copyImage(
  ecr: { source: ECRClient; target: ECRClient },
  image: PlannedImage,
  targetAccount: string,
): Promise<number> {
  const manifest = JSON.parse(image.manifest) as {
    config?: { digest?: string };
    layers?: Array<{ digest?: string }>;
  };
  const blobs = [
    ...new Set(
      [manifest.config?.digest, ...(manifest.layers ?? []).map((layer) => layer.digest)].filter(
        (digest): digest is string => typeof digest === 'string',
      ),
    ),
  ];
  const availability = await ecr.target.send(
    new BatchCheckLayerAvailabilityCommand({
      registryId: targetAccount,
      repositoryName: image.targetRepository,
      layerDigests: blobs,
    }),
  );
  const present = new Set(
    (availability.layers ?? [])
      .filter((layer) => layer.layerAvailability === 'AVAILABLE')
      .map((layer) => layer.layerDigest),
  );
  const missing = blobs.filter((digest) => !present.has(digest));
  for (const digest of missing) await copyLayer(ecr, image, targetAccount, digest);
  try {
    await ecr.target.send(
      new PutImageCommand({
        registryId: targetAccount,
        repositoryName: image.targetRepository,
        imageManifest: image.manifest,
        imageManifestMediaType: image.mediaType,
        imageDigest: image.digest,
        ...(image.source.tag && { imageTag: image.source.tag }),
      }),
    );
  } catch (error) {
    // An earlier run put it, and the answer was lost: the same digest under the same tag is done.
    if (errorDetail(error).name !== 'ImageAlreadyExistsException') throw error;
  }
  return missing.length;
}

async function copyLayer(
  ecr: { source: ECRClient; target: ECRClient },
  image: PlannedImage,
  targetAccount: string,
  digest: string,
): Promise<void> {
  const { downloadUrl } = await ecr.source.send(
    new GetDownloadUrlForLayerCommand({
      registryId: image.source.account,
      repositoryName: image.source.repository,
      layerDigest: digest,
    }),
  );
  if (!downloadUrl) throw new CliError(`promote: ECR gave no download URL for layer ${digest}.`);
  const download = await fetch(downloadUrl);
  if (!download.ok || !download.body) {
    throw new CliError(
      `promote: downloading layer ${digest} of ${image.sourceUri} answered HTTP ${download.status}; run promote again.`,
    );
  }
  const { uploadId, partSize } = await ecr.target.send(
    new InitiateLayerUploadCommand({
      registryId: targetAccount,
      repositoryName: image.targetRepository,
    }),
  );
  const size = Math.max(partSize ?? 0, LAYER_PART_BYTES);
  let offset = 0;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  const flush = async () => {
    if (pendingBytes === 0) return;
    const blob = Buffer.concat(pending);
    await ecr.target.send(
      new UploadLayerPartCommand({
        registryId: targetAccount,
        repositoryName: image.targetRepository,
        uploadId,
        partFirstByte: offset,
        partLastByte: offset + blob.length - 1,
        layerPartBlob: blob,
      }),
    );
    offset += blob.length;
    pending = [];
    pendingBytes = 0;
  };
  for await (const chunk of download.body as AsyncIterable<Uint8Array>) {
    pending.push(Buffer.from(chunk));
    pendingBytes += chunk.length;
    if (pendingBytes >= size) await flush();
  }
  await flush();
  await ecr.target.send(
    new CompleteLayerUploadCommand({
      registryId: targetAccount,
      repositoryName: image.targetRepository,
      uploadId,
      layerDigests: [digest],
    }),
  );
}
