import { createHash } from 'node:crypto';
import { REGION } from './accounts';
import { AwsTestServer } from './server';
import { S3Service } from './services/s3';
import { SageMakerService } from './services/sagemaker';
import { StsService } from './services/sts';

export { CALLER_KEY, DEV, PROMOTION_KEY, REGION, TEST, WRONG_ACCOUNT_KEY } from './accounts';
export type { Call } from './server';
export type { CopyFault, ModelPackage, StoredObject } from './promotion-state';
import type { CopyFault, ModelPackage, PromotionState, StoredObject } from './promotion-state';
import type { MultipartUpload } from './services/s3-multipart';

/**
 * The world of `platform promote`'s tests: STS (three identities), the SageMaker model registry
 * and S3 objects of two accounts, kept in memory, with the faults promote must survive. Every call
 * is recorded with the access key that signed it. The real SDK clients talk to it.
 */
export class PromotionAws extends AwsTestServer implements PromotionState {
  packages: ModelPackage[] = [];
  objects = new Map<string, StoredObject>();
  uploads = new Map<string, MultipartUpload>();
  dropPart: number | undefined;
  copyFault: CopyFault;
  /** Refuse CreateModelPackage with this error type. */
  createFault: string | undefined;

  constructor() {
    super();
    this.use(new StsService());
    this.use(new SageMakerService(this));
    this.use(new S3Service(this));
  }

  reset(): void {
    this.resetCalls();
    this.packages = [];
    this.objects = new Map();
    this.uploads = new Map();
    this.dropPart = undefined;
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

  addPackage(account: string, group: string, version: number, status: string, url: string) {
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
            Image: `${account}.dkr.ecr.${REGION}.amazonaws.com/llm-serving:1.4`,
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
