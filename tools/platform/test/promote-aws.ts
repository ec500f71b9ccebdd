import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * One local server for `platform promote`'s tests that speaks the wire protocols of the calls it
 * makes: STS Query (form in, XML out), SageMaker JSON 1.1 (X-Amz-Target) and S3 REST XML,
 * path-style. It keeps two accounts' registries and buckets in memory, records every call with the
 * access key that signed it, and injects faults. The real SDK clients talk to it.
 */

export const DEV = '111111111111';
export const TEST = '222222222222';
export const REGION = 'eu-west-1';
export const CALLER_KEY = 'AKIATESTDEPLOYCALLER';
export const WRONG_ACCOUNT_KEY = 'AKIADEVDEPLOYCALLER0';
export const PROMOTION_KEY = 'ASIATESTPROMOTIONKEY';

export interface Call {
  readonly service: 'sts' | 'sagemaker' | 's3';
  readonly action: string;
  readonly accessKeyId: string | undefined;
  /** The ARN, group or s3 path the call was about. */
  readonly resource: string;
}

export interface ModelPackage {
  arn: string;
  account: string;
  group: string;
  version: number;
  status: string;
  created: number;
  inferenceSpecification: Record<string, unknown>;
  customerMetadata?: Record<string, string>;
  clientToken?: string;
}

export interface StoredObject {
  body: Buffer;
  etag: string;
  metadata: Record<string, string>;
  sse?: string;
  kmsKeyId?: string;
}

export type CopyFault =
  | undefined
  | 'AccessDenied'
  /** S3 finishes the copy, but every answer is cut off: the client never learns it. */
  | 'drop-after-copy'
  /** The connection drops before S3 copies anything, on every attempt. */
  | 'drop';

const STS_NS = 'https://sts.amazonaws.com/doc/2011-06-15/';
const MAX_BODY = 1024 * 1024;

export class FakeAws {
  calls: Call[] = [];
  packages: ModelPackage[] = [];
  objects = new Map<string, StoredObject>();
  copyFault: CopyFault;
  /** Refuse CreateModelPackage with this error type. */
  createFault: string | undefined;
  endpoint = '';
  private server?: Server;

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.handle(request, response));
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 5_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  reset(): void {
    this.calls = [];
    this.packages = [];
    this.objects = new Map();
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

  /** The calls as `service Action resource [key]`, for order assertions. */
  trace(): string[] {
    return this.calls.map((call) => `${call.service} ${call.action} ${call.resource}`.trim());
  }

  private handle(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.socket.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const scope = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/.exec(
        request.headers.authorization ?? '',
      );
      const key = scope?.[1];
      const service = scope?.[2];
      if (service === 'sts') return this.sts(key, body, response);
      if (service === 'sagemaker') return this.sageMaker(key, request, body, response);
      if (service === 's3') return this.s3(key, request, response);
      response.writeHead(400).end(`unknown service ${service}`);
    });
  }

  private record(service: Call['service'], action: string, key: string | undefined, resource = '') {
    this.calls.push({ service, action, accessKeyId: key, resource });
  }

  // --- STS Query -------------------------------------------------------------------------------

  private sts(key: string | undefined, body: string, response: ServerResponse): void {
    const params = Object.fromEntries(new URLSearchParams(body));
    this.record('sts', params.Action, key, params.RoleArn ?? '');
    const xml = (status: number, text: string): void => {
      response.writeHead(status, { 'content-type': 'text/xml' }).end(text);
    };
    const identity = (arn: string, account: string): void =>
      xml(
        200,
        `<GetCallerIdentityResponse xmlns="${STS_NS}"><GetCallerIdentityResult><Arn>${arn}</Arn><UserId>AROA:x</UserId>` +
          `<Account>${account}</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
      );
    if (params.Action === 'GetCallerIdentity' && key === CALLER_KEY)
      return identity(
        `arn:aws:sts::${TEST}:assumed-role/genai-test-github-deploy/GitHubActions`,
        TEST,
      );
    if (params.Action === 'GetCallerIdentity' && key === WRONG_ACCOUNT_KEY)
      return identity(
        `arn:aws:sts::${DEV}:assumed-role/genai-dev-github-deploy/GitHubActions`,
        DEV,
      );
    if (params.Action === 'GetCallerIdentity' && key === PROMOTION_KEY)
      return identity(
        `arn:aws:sts::${TEST}:assumed-role/genai-test-promotion/platform-preflight-test`,
        TEST,
      );
    if (params.Action === 'AssumeRole' && key === CALLER_KEY) {
      const expiration = new Date(Date.now() + 15 * 60_000).toISOString();
      return xml(
        200,
        `<AssumeRoleResponse xmlns="${STS_NS}"><AssumeRoleResult><AssumedRoleUser><Arn>arn:aws:sts::${TEST}:assumed-role/genai-test-promotion/${params.RoleSessionName}</Arn>` +
          `<AssumedRoleId>AROA:${params.RoleSessionName}</AssumedRoleId></AssumedRoleUser><Credentials><AccessKeyId>${PROMOTION_KEY}</AccessKeyId>` +
          `<SecretAccessKey>secret</SecretAccessKey><SessionToken>token</SessionToken><Expiration>${expiration}</Expiration></Credentials>` +
          `</AssumeRoleResult><ResponseMetadata><RequestId>r</RequestId></ResponseMetadata></AssumeRoleResponse>`,
      );
    }
    xml(
      403,
      `<ErrorResponse xmlns="${STS_NS}"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code>` +
        `<Message>The security token included in the request is invalid.</Message></Error><RequestId>r</RequestId></ErrorResponse>`,
    );
  }

  // --- SageMaker JSON 1.1 ----------------------------------------------------------------------

  private sageMaker(
    key: string | undefined,
    request: IncomingMessage,
    text: string,
    response: ServerResponse,
  ): void {
    const action = String(request.headers['x-amz-target'] ?? '').replace(/^SageMaker\./, '');
    const input = JSON.parse(text || '{}') as Record<string, unknown>;
    const json = (status: number, value: unknown): void => {
      response
        .writeHead(status, { 'content-type': 'application/x-amz-json-1.1' })
        .end(JSON.stringify(value));
    };
    const fail = (type: string, message: string): void =>
      json(400, { __type: type, Message: message });
    // Every SageMaker call of promote runs as the promotion role, an identity of the test account.
    const account = key === PROMOTION_KEY ? TEST : undefined;
    if (!account || request.headers['content-type'] !== 'application/x-amz-json-1.1') {
      this.record('sagemaker', action, key);
      return fail(
        'UnrecognizedClientException',
        'The security token included in the request is invalid.',
      );
    }
    if (action === 'DescribeModelPackage') {
      this.record('sagemaker', action, key, String(input.ModelPackageName));
      const pkg = this.packages.find((candidate) => candidate.arn === input.ModelPackageName);
      if (!pkg)
        return fail(
          'ValidationException',
          `ModelPackage ${String(input.ModelPackageName)} does not exist.`,
        );
      return json(200, {
        ModelPackageName: pkg.group,
        ModelPackageGroupName: pkg.group,
        ModelPackageVersion: pkg.version,
        ModelPackageArn: pkg.arn,
        CreationTime: pkg.created,
        InferenceSpecification: pkg.inferenceSpecification,
        ModelPackageStatus: 'Completed',
        ModelApprovalStatus: pkg.status,
        ...(pkg.customerMetadata && { CustomerMetadataProperties: pkg.customerMetadata }),
      });
    }
    if (action === 'ListModelPackages') {
      this.record('sagemaker', action, key, String(input.ModelPackageGroupName));
      const list = this.packages
        .filter((pkg) => pkg.account === account && pkg.group === input.ModelPackageGroupName)
        .sort((a, b) => b.created - a.created);
      return json(200, {
        ModelPackageSummaryList: list.map((pkg) => ({
          ModelPackageArn: pkg.arn,
          ModelPackageGroupName: pkg.group,
          ModelPackageVersion: pkg.version,
          CreationTime: pkg.created,
          ModelPackageStatus: 'Completed',
          ModelApprovalStatus: pkg.status,
        })),
      });
    }
    if (action === 'CreateModelPackage') {
      const group = String(input.ModelPackageGroupName);
      this.record('sagemaker', action, key, group);
      if (this.createFault) return fail(this.createFault, 'Model package group does not exist.');
      const same = this.packages.find(
        (pkg) => pkg.clientToken && pkg.clientToken === input.ClientToken,
      );
      if (same) return json(200, { ModelPackageArn: same.arn });
      const version =
        this.packages.filter((pkg) => pkg.account === account && pkg.group === group).length + 1;
      const pkg: ModelPackage = {
        arn: `arn:aws:sagemaker:${REGION}:${account}:model-package/${group}/${version}`,
        account,
        group,
        version,
        status: String(input.ModelApprovalStatus ?? 'PendingManualApproval'),
        created: 1_800_000_000 + this.packages.length,
        inferenceSpecification: input.InferenceSpecification as Record<string, unknown>,
        customerMetadata: input.CustomerMetadataProperties as Record<string, string>,
        clientToken: input.ClientToken as string | undefined,
      };
      this.packages.push(pkg);
      return json(200, { ModelPackageArn: pkg.arn });
    }
    this.record('sagemaker', action, key);
    fail('UnknownOperationException', `not faked: ${action}`);
  }

  // --- S3 REST XML, path-style -----------------------------------------------------------------

  private s3(key: string | undefined, request: IncomingMessage, response: ServerResponse): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const [bucket, ...rest] = url.pathname.slice(1).split('/');
    const objectKey = rest.map(decodeURIComponent).join('/');
    const path = `${bucket}/${objectKey}`;
    const owner = (name: string) => /-(\d{12})$/.exec(name)?.[1];
    const error = (status: number, code: string, message: string): void => {
      response
        .writeHead(status, { 'content-type': 'application/xml' })
        .end(
          request.method === 'HEAD'
            ? undefined
            : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r</RequestId></Error>`,
        );
    };
    if (key !== PROMOTION_KEY) {
      this.record('s3', request.method ?? '', key, path);
      return error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    if (request.headers['x-amz-expected-bucket-owner'] !== owner(bucket)) {
      this.record('s3', request.method ?? '', key, path);
      return error(403, 'AccessDenied', 'Access Denied');
    }
    if (request.method === 'HEAD') {
      this.record('s3', 'HeadObject', key, path);
      const object = this.objects.get(path);
      if (!object) return void response.writeHead(404).end();
      return void response
        .writeHead(200, {
          etag: object.etag,
          'content-length': String(object.body.length),
          'last-modified': new Date(0).toUTCString(),
          ...(object.sse && { 'x-amz-server-side-encryption': object.sse }),
          ...Object.fromEntries(
            Object.entries(object.metadata).map(([name, value]) => [`x-amz-meta-${name}`, value]),
          ),
        })
        .end();
    }
    const copySource = request.headers['x-amz-copy-source'];
    if (request.method === 'PUT' && typeof copySource === 'string') {
      const from = decodeURIComponent(copySource.replace(/^\//, ''));
      this.record('s3', 'CopyObject', key, `${from} -> ${path}`);
      if (this.copyFault === 'AccessDenied') return error(403, 'AccessDenied', 'Access Denied');
      if (this.copyFault === 'drop') return void request.socket.destroy();
      const source = this.objects.get(from);
      if (!source) return error(404, 'NoSuchKey', 'The specified key does not exist.');
      if (request.headers['x-amz-copy-source-if-match'] !== source.etag)
        return error(
          412,
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
        );
      if (request.headers['x-amz-source-expected-bucket-owner'] !== owner(from.split('/')[0]))
        return error(403, 'AccessDenied', 'Access Denied');
      const metadata = Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => name.startsWith('x-amz-meta-'))
          .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
      );
      const copy: StoredObject = {
        body: source.body,
        etag: `"${createHash('md5').update(path).update(source.body).digest('hex')}"`,
        metadata:
          request.headers['x-amz-metadata-directive'] === 'REPLACE' ? metadata : source.metadata,
        sse: request.headers['x-amz-server-side-encryption'] as string | undefined,
        kmsKeyId: request.headers['x-amz-server-side-encryption-aws-kms-key-id'] as
          | string
          | undefined,
      };
      this.objects.set(path, copy);
      if (this.copyFault === 'drop-after-copy') {
        // S3 answers a copy with 200 at once and the result when it is done: cut it off in between.
        response.writeHead(200, { 'content-type': 'application/xml' });
        response.write('<?xml version="1.0" encoding="UTF-8"?>\n');
        return void setTimeout(() => request.socket.destroy(), 10);
      }
      return void response
        .writeHead(200, { 'content-type': 'application/xml' })
        .end(
          `<?xml version="1.0" encoding="UTF-8"?><CopyObjectResult><ETag>${copy.etag}</ETag>` +
            `<LastModified>${new Date().toISOString()}</LastModified></CopyObjectResult>`,
        );
    }
    this.record('s3', request.method ?? '', key, path);
    error(405, 'MethodNotAllowed', 'not faked');
  }
}
