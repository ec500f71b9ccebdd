import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { restXmlError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** An object as PutObject stored it, with the encryption headers it was sent with. */
export interface PutObjectRecord {
  readonly body: Buffer;
  readonly contentType: string | undefined;
  readonly sse: string | undefined;
  readonly kmsKeyId: string | undefined;
}

/**
 * S3 REST XML, path-style, for handlers that store and read objects of one account's buckets:
 * PutObject and GetObject (with `Range`). `writers` and `readers` are access keys by key prefix
 * (`bucket/prefix/`), as prefix-scoped IAM grants allow; any other call is AccessDenied, as is a
 * call whose `x-amz-expected-bucket-owner` is not `account`. Independent of the promotion world's
 * S3Service: a test uses one or the other.
 */
export class S3ObjectService implements ServiceModule {
  readonly name = 's3';
  readonly objects = new Map<string, PutObjectRecord>();

  constructor(
    private readonly account: string,
    private readonly grants: {
      readonly writers: Readonly<Record<string, readonly string[]>>;
      readonly readers: Readonly<Record<string, readonly string[]>>;
    },
  ) {}

  /** Puts an object as another writer would (SageMaker writing a result). */
  putObject(path: string, body: string, contentType = 'application/json'): void {
    this.objects.set(path, {
      body: Buffer.from(body),
      contentType,
      sse: 'aws:kms',
      kmsKeyId: undefined,
    });
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 's3';
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const method = request.method;
    const [bucket, ...rest] = request.url.pathname.slice(1).split('/');
    const path = `${bucket}/${rest.map(decodeURIComponent).join('/')}`;
    const action = method === 'PUT' ? 'PutObject' : method === 'GET' ? 'GetObject' : method;
    server.record(this.name, action, request.accessKeyId, path);
    const fault = server.takeFault(this.name, action);
    if (fault)
      return restXmlError(response, method, fault.status, fault.code, fault.message ?? fault.code);
    const granted = method === 'PUT' ? this.grants.writers : this.grants.readers;
    const allowed = Object.entries(granted).some(
      ([prefix, keys]) =>
        path.startsWith(prefix) && keys.includes(request.accessKeyId ?? '(unsigned)'),
    );
    if (!allowed || request.headers['x-amz-expected-bucket-owner'] !== this.account)
      return restXmlError(response, method, 403, 'AccessDenied', 'Access Denied');
    if (method === 'PUT') {
      const header = (name: string) => request.headers[name] as string | undefined;
      this.objects.set(path, {
        body: request.body,
        contentType: header('content-type'),
        sse: header('x-amz-server-side-encryption'),
        kmsKeyId: header('x-amz-server-side-encryption-aws-kms-key-id'),
      });
      const etag = `"${createHash('md5').update(request.body).digest('hex')}"`;
      return void response.writeHead(200, { etag }).end();
    }
    if (method === 'GET') {
      const object = this.objects.get(path);
      if (!object) return restXmlError(response, method, 404, 'NoSuchKey', 'No such key.');
      const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers.range ?? ''));
      const body = range
        ? object.body.subarray(Number(range[1]), Number(range[2]) + 1)
        : object.body;
      return void response
        .writeHead(range ? 206 : 200, {
          'content-type': object.contentType ?? 'binary/octet-stream',
          'content-length': String(body.length),
          ...(range && {
            'content-range': `bytes ${range[1]}-${Number(range[1]) + body.length - 1}/${object.body.length}`,
          }),
        })
        .end(body);
    }
    restXmlError(response, method, 405, 'MethodNotAllowed', 'not faked');
  }
}
