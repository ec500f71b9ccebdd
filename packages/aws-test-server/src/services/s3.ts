import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { promotionAccountOf } from '../accounts';
import type { PromotionState, StoredObject } from '../promotion-state';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';
import { handleMultipart } from './s3-multipart';

/** S3 REST XML, path-style: HeadObject, CopyObject and the multipart copy of promote, with faults. */
export class S3Service implements ServiceModule {
  readonly name = 's3';

  constructor(private readonly world: PromotionState) {}

  matches(request: AwsRequest): boolean {
    return request.signingName === 's3';
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const key = request.accessKeyId;
    const url = request.url;
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
    if (!promotionAccountOf(key)) {
      server.record('s3', request.method ?? '', key, path);
      return error(
        403,
        'InvalidAccessKeyId',
        'The AWS Access Key Id you provided does not exist in our records.',
      );
    }
    if (request.headers['x-amz-expected-bucket-owner'] !== owner(bucket)) {
      server.record('s3', request.method ?? '', key, path);
      return error(403, 'AccessDenied', 'Access Denied');
    }
    if (handleMultipart(this.world, request, response, server, path)) return;
    if (request.method === 'HEAD') {
      server.record('s3', 'HeadObject', key, path);
      const object = this.world.objects.get(path);
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
      server.record('s3', 'CopyObject', key, `${from} -> ${path}`);
      if (this.world.copyFault === 'AccessDenied')
        return error(403, 'AccessDenied', 'Access Denied');
      if (this.world.copyFault === 'drop') return void request.socket.destroy();
      const source = this.world.objects.get(from);
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
      this.world.objects.set(path, copy);
      if (this.world.copyFault === 'drop-after-copy') {
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
    server.record('s3', request.method ?? '', key, path);
    error(405, 'MethodNotAllowed', 'not faked');
  }
}
