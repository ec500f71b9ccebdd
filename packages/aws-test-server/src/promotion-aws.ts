import { createHash } from 'node:crypto';
import { REGION } from './accounts';
import { AwsTestServer } from './server';
import { EcrService, type EcrState, sha256, type StoredRepository } from './services/ecr';
import { S3Service } from './services/s3';
import { SageMakerService } from './services/sagemaker';
import { StsService } from './services/sts';

export { CALLER_KEY, DEV, PROMOTION_KEY, REGION, TEST, WRONG_ACCOUNT_KEY } from './accounts';
export type { Call } from './server';
export type { CopyFault, ModelPackage, StoredObject } from './promotion-state';
import type {
  CopyFault,
  ModelPackage,
  MultipartUpload,
  PromotionState,
  StoredObject,
} from './promotion-state';

/**
 * The world of `platform promote`'s tests: STS (three identities), the SageMaker model registry
 * and S3 objects of two accounts, kept in memory, with the faults promote must survive. Every call
 * is recorded with the access key that signed it. The real SDK clients talk to it.
 */
export class PromotionAws extends AwsTestServer implements PromotionState, EcrState {
  packages: ModelPackage[] = [];
  objects = new Map<string, StoredObject>();
  uploads = new Map<string, MultipartUpload>();
  dropPart: number | undefined;
  repositories = new Map<string, StoredRepository>();
  blobs = new Map<string, Buffer>();
  layerUploads = new Map<string, { repository: string; parts: Buffer[] }>();
  copyFault: CopyFault;
  /** Refuse CreateModelPackage with this error type. */
  createFault: string | undefined;

  constructor() {
    super();
    this.use(new StsService());
    this.use(new SageMakerService(this));
    this.use(new S3Service(this));
    this.use(new EcrService(this));
  }

  reset(): void {
    this.resetCalls();
    this.packages = [];
    this.objects = new Map();
    this.uploads = new Map();
    this.dropPart = undefined;
    this.repositories = new Map();
    this.blobs = new Map();
    this.layerUploads = new Map();
    this.copyFault = undefined;
    this.createFault = undefined;
  }

  putObject(bucket: string, key: string, body: string): StoredObject {
    const object = {
      body: Buffer.from(body),
      etag: `"${createHash('md5').update(body).digest('hex')}"`,
      metadata: {},
      sse: 'aws:kms',
    };
    this.objects.set(`${bucket}/${key}`, object);
    return object;
  }

  /** An empty repository `<account>/<name>`. */
  addRepository(account: string, name: string): StoredRepository {
    const repository: StoredRepository = { images: [], layers: new Set() };
    this.repositories.set(`${account}/${name}`, repository);
    return repository;
  }

  /** Pushes an image of a config blob and the given layers; returns its manifest digest. */
  pushImage(account: string, name: string, tag: string, layers: readonly string[]): string {
    const repository =
      this.repositories.get(`${account}/${name}`) ?? this.addRepository(account, name);
    const blob = (content: string, mediaType: string) => {
      const data = Buffer.from(content);
      const digest = sha256(data);
      this.blobs.set(digest, data);
      repository.layers.add(digest);
      return { mediaType, size: data.length, digest };
    };
    const manifest = JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      config: blob(`{"config":"${tag}"}`, 'application/vnd.docker.container.image.v1+json'),
      layers: layers.map((layer) =>
        blob(layer, 'application/vnd.docker.image.rootfs.diff.tar.gzip'),
      ),
    });
    const digest = sha256(manifest);
    repository.images.push({
      digest,
      manifest,
      mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
      tags: [tag],
    });
    return digest;
  }

  addPackage(
    account: string,
    group: string,
    version: number,
    status: string,
    url: string,
    image = `${account}.dkr.ecr.${REGION}.amazonaws.com/llm-serving:1.4`,
  ) {
    const pkg: ModelPackage = {
      arn: `arn:aws:sagemaker:${REGION}:${account}:model-package/${group}/${version}`,
      account,
      group,
      version,
      status,
      created: 1_700_000_000 + version,
      inferenceSpecification: {
        Containers: [
          {
            Image: image,
            ModelDataUrl: url,
          },
        ],
        SupportedContentTypes: ['application/json'],
        SupportedResponseMIMETypes: ['application/json'],
        SupportedRealtimeInferenceInstanceTypes: ['ml.g5.xlarge'],
      },
    };
    this.packages.push(pkg);
    return pkg;
  }
}
