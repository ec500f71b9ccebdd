import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promotionAccountOf } from '../accounts';
import { awsJson, awsJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** One image of a repository: its manifest, by digest, and its tags. */
export interface StoredImage {
  digest: string;
  manifest: string;
  mediaType: string;
  tags: string[];
}

/** A repository of the ECR world: `<account>/<name>`; its layers are the blobs it holds. */
export interface StoredRepository {
  images: StoredImage[];
  layers: Set<string>;
}

/** What the ECR service keeps: repositories, the blobs by digest, layer uploads in progress. */
export interface EcrState {
  repositories: Map<string, StoredRepository>;
  blobs: Map<string, Buffer>;
  layerUploads: Map<string, { repository: string; parts: Buffer[] }>;
}

export const sha256 = (data: Buffer | string) =>
  `sha256:${createHash('sha256').update(data).digest('hex')}`;

const LAYER_PATH = '/ecr-layer/';

/**
 * Amazon ECR's API, AWS JSON 1.1 (X-Amz-Target AmazonEC2ContainerRegistry_V20150921.*): the calls
 * of promote's image copy, over repositories of two accounts. The promotion role (of the test
 * account) may read the dev account's repositories, as their repository policy allows, and write
 * its own only. GetDownloadUrlForLayer answers a URL of this server, which serves the blob
 * unsigned, as S3's pre-signed URL would. Layer uploads check the digest of what was uploaded.
 */
export class EcrService implements ServiceModule {
  readonly name = 'ecr';

  constructor(private readonly world: EcrState) {}

  matches(request: AwsRequest): boolean {
    return request.signingName === 'ecr' || request.url.pathname.startsWith(LAYER_PATH);
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    if (request.url.pathname.startsWith(LAYER_PATH)) {
      const [account, ...rest] = request.url.pathname.slice(LAYER_PATH.length).split('/');
      const digest = decodeURIComponent(rest.pop() ?? '');
      const repository = `${account}/${rest.join('/')}`;
      server.record('ecr', 'DownloadLayer', undefined, `${repository} ${digest}`);
      const blob = this.world.repositories.get(repository)?.layers.has(digest)
        ? this.world.blobs.get(digest)
        : undefined;
      if (!blob) return void response.writeHead(404).end();
      return void response.writeHead(200, { 'content-type': 'application/octet-stream' }).end(blob);
    }
    const key = request.accessKeyId;
    const action = String(request.headers['x-amz-target'] ?? '').replace(
      /^AmazonEC2ContainerRegistry_V20150921\./,
      '',
    );
    const input = JSON.parse(request.body.toString('utf8') || '{}') as Record<string, unknown>;
    const caller = promotionAccountOf(key);
    const account = String(input.registryId ?? caller);
    const name = `${account}/${String(input.repositoryName)}`;
    const repository = this.world.repositories.get(name);
    const fail = (type: string, message: string) => awsJsonError(response, type, message);
    const ok = (value: unknown) => awsJson(response, 200, value);
    const writes = new Set([
      'InitiateLayerUpload',
      'UploadLayerPart',
      'CompleteLayerUpload',
      'PutImage',
    ]);
    const resource =
      action === 'BatchGetImage'
        ? `${name} ${JSON.stringify((input.imageIds as unknown[])?.[0])}`
        : action === 'GetDownloadUrlForLayer' || action === 'CompleteLayerUpload'
          ? `${name} ${String(input.layerDigest ?? (input.layerDigests as string[])?.[0])}`
          : action === 'PutImage'
            ? `${name} ${String(input.imageTag ?? input.imageDigest)}`
            : name;
    server.record('ecr', action, key, resource);
    if (!caller)
      return fail(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    if (writes.has(action) && account !== caller)
      return fail('AccessDeniedException', `not authorized to perform ecr:${action} on ${name}`);
    if (!repository)
      return fail('RepositoryNotFoundException', `The repository ${name} does not exist.`);

    if (action === 'BatchGetImage') {
      const ids = (input.imageIds as Array<{ imageTag?: string; imageDigest?: string }>) ?? [];
      const images = ids.flatMap((id) =>
        repository.images
          .filter((image) =>
            id.imageDigest
              ? image.digest === id.imageDigest
              : image.tags.includes(id.imageTag ?? ''),
          )
          .map((image) => ({
            registryId: account,
            repositoryName: input.repositoryName,
            imageId: { imageDigest: image.digest, ...(id.imageTag && { imageTag: id.imageTag }) },
            imageManifest: image.manifest,
            imageManifestMediaType: image.mediaType,
          })),
      );
      const failures = ids
        .filter((_, index) => !images[index])
        .map((id) => ({
          imageId: id,
          failureCode: 'ImageNotFound',
          failureReason: 'Requested image not found',
        }));
      return ok({ images, failures });
    }
    if (action === 'BatchCheckLayerAvailability') {
      return ok({
        layers: ((input.layerDigests as string[]) ?? []).map((digest) => ({
          layerDigest: digest,
          layerAvailability: repository.layers.has(digest) ? 'AVAILABLE' : 'UNAVAILABLE',
        })),
        failures: [],
      });
    }
    if (action === 'GetDownloadUrlForLayer') {
      const digest = String(input.layerDigest);
      if (!repository.layers.has(digest))
        return fail('LayersNotFoundException', `The layer ${digest} does not exist.`);
      return ok({
        layerDigest: digest,
        downloadUrl: `${server.endpoint}${LAYER_PATH}${name}/${encodeURIComponent(digest)}`,
      });
    }
    if (action === 'InitiateLayerUpload') {
      const uploadId = `layer-upload-${this.world.layerUploads.size + 1}`;
      this.world.layerUploads.set(uploadId, { repository: name, parts: [] });
      return ok({ uploadId, partSize: 5 * 1024 * 1024 });
    }
    const upload = this.world.layerUploads.get(String(input.uploadId));
    if (action === 'UploadLayerPart') {
      if (!upload || upload.repository !== name)
        return fail('UploadNotFoundException', 'The upload does not exist.');
      const blob = Buffer.from(String(input.layerPartBlob), 'base64');
      const expected = upload.parts.reduce((total, part) => total + part.length, 0);
      if (Number(input.partFirstByte) !== expected)
        return fail(
          'InvalidLayerPartException',
          `The part starts at ${String(input.partFirstByte)}, not ${expected}.`,
        );
      upload.parts.push(blob);
      return ok({ uploadId: input.uploadId, lastByteReceived: expected + blob.length - 1 });
    }
    if (action === 'CompleteLayerUpload') {
      if (!upload || upload.repository !== name)
        return fail('UploadNotFoundException', 'The upload does not exist.');
      const digest = (input.layerDigests as string[])[0];
      const data = Buffer.concat(upload.parts);
      if (sha256(data) !== digest)
        return fail(
          'InvalidLayerException',
          `The uploaded layer is ${sha256(data)}, not ${digest}.`,
        );
      this.world.blobs.set(digest, data);
      repository.layers.add(digest);
      this.world.layerUploads.delete(String(input.uploadId));
      return ok({ layerDigest: digest, uploadId: input.uploadId });
    }
    if (action === 'PutImage') {
      const manifest = String(input.imageManifest);
      const digest = sha256(manifest);
      if (input.imageDigest && input.imageDigest !== digest)
        return fail('ImageDigestDoesNotMatchException', 'The digest of the manifest differs.');
      const parsed = JSON.parse(manifest) as {
        config: { digest: string };
        layers: Array<{ digest: string }>;
      };
      const absent = [parsed.config.digest, ...parsed.layers.map((layer) => layer.digest)].filter(
        (blob) => !repository.layers.has(blob),
      );
      if (absent.length > 0)
        return fail(
          'LayersNotFoundException',
          `The layers ${absent.join(', ')} were not uploaded.`,
        );
      const tag = input.imageTag as string | undefined;
      const existing = repository.images.find((image) => image.digest === digest);
      if (existing && (!tag || existing.tags.includes(tag)))
        return fail('ImageAlreadyExistsException', 'The image already exists.');
      if (tag && repository.images.some((image) => image.tags.includes(tag)))
        return fail('ImageTagAlreadyExistsException', `The tag ${tag} is immutable.`);
      if (existing && tag) existing.tags.push(tag);
      else
        repository.images.push({
          digest,
          manifest,
          mediaType: String(input.imageManifestMediaType),
          tags: tag ? [tag] : [],
        });
      return ok({
        image: {
          registryId: account,
          repositoryName: input.repositoryName,
          imageId: { imageDigest: digest, imageTag: tag },
        },
      });
    }
    fail('UnknownOperationException', `not faked: ${action}`);
  }
}
