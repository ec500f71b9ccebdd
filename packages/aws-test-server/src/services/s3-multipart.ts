import { createHash } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import type { PromotionState } from '../promotion-state';

export type { MultipartUpload } from '../promotion-state';
import { restXmlError } from '../protocols';
import type { AwsRequest, AwsTestServer } from '../server';

const xml = (response: ServerResponse, body: string) =>
  void response
    .writeHead(200, { 'content-type': 'application/xml' })
    .end(`<?xml version="1.0" encoding="UTF-8"?>${body}`);

const md5 = (data: Buffer | string) => createHash('md5').update(data).digest('hex');

/**
 * S3's multipart upload API as promote's copy of artifacts over 5 GiB uses it:
 * CreateMultipartUpload, UploadPartCopy (with a byte range and CopySourceIfMatch), ListParts,
 * ListMultipartUploads, CompleteMultipartUpload (ETag `md5(part md5s)-N`) and AbortMultipartUpload.
 * Returns false for a request that is not one of them.
 */
export function handleMultipart(
  world: PromotionState,
  request: AwsRequest,
  response: ServerResponse,
  server: AwsTestServer,
  path: string,
): boolean {
  const query = request.url.searchParams;
  const key = request.accessKeyId;
  const error = (status: number, code: string, message: string) =>
    restXmlError(response, request.method, status, code, message);
  const [bucket, ...rest] = path.split('/');
  const objectKey = rest.join('/');

  if (request.method === 'GET' && query.has('uploads')) {
    const prefix = query.get('prefix') ?? '';
    server.record('s3', 'ListMultipartUploads', key, `${bucket}/${prefix}`);
    const uploads = [...world.uploads.values()].filter((upload) =>
      upload.path.startsWith(`${bucket}/${prefix}`),
    );
    return (
      xml(
        response,
        `<ListMultipartUploadsResult><Bucket>${bucket}</Bucket><IsTruncated>false</IsTruncated>${uploads
          .map(
            (upload) =>
              `<Upload><Key>${upload.path.slice(bucket.length + 1)}</Key><UploadId>${upload.id}</UploadId>` +
              `<Initiated>${new Date(0).toISOString()}</Initiated></Upload>`,
          )
          .join('')}</ListMultipartUploadsResult>`,
      ),
      true
    );
  }
  if (request.method === 'POST' && query.has('uploads')) {
    server.record('s3', 'CreateMultipartUpload', key, path);
    const id = `upload-${world.uploads.size + 1}-${md5(path).slice(0, 8)}`;
    world.uploads.set(id, {
      id,
      path,
      metadata: Object.fromEntries(
        Object.entries(request.headers)
          .filter(([name]) => name.startsWith('x-amz-meta-'))
          .map(([name, value]) => [name.slice('x-amz-meta-'.length), String(value)]),
      ),
      sse: request.headers['x-amz-server-side-encryption'] as string | undefined,
      kmsKeyId: request.headers['x-amz-server-side-encryption-aws-kms-key-id'] as
        | string
        | undefined,
      parts: new Map(),
    });
    return (
      xml(
        response,
        `<InitiateMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${objectKey}</Key><UploadId>${id}</UploadId></InitiateMultipartUploadResult>`,
      ),
      true
    );
  }
  const uploadId = query.get('uploadId');
  if (uploadId === null) return false;
  const upload = world.uploads.get(uploadId);
  const missing = () => error(404, 'NoSuchUpload', 'The specified upload does not exist.');

  if (request.method === 'PUT' && query.has('partNumber')) {
    const number = Number(query.get('partNumber'));
    const from = decodeURIComponent(
      String(request.headers['x-amz-copy-source']).replace(/^\//, ''),
    );
    server.record('s3', 'UploadPartCopy', key, `${from} -> ${path} part ${number}`);
    if (world.dropPart === number) return (request.socket.destroy(), true);
    if (!upload || upload.path !== path) return (missing(), true);
    const source = world.objects.get(from);
    if (!source) return (error(404, 'NoSuchKey', 'The specified key does not exist.'), true);
    if (request.headers['x-amz-copy-source-if-match'] !== source.etag)
      return (
        error(
          412,
          'PreconditionFailed',
          'At least one of the pre-conditions you specified did not hold',
        ),
        true
      );
    const range = /^bytes=(\d+)-(\d+)$/.exec(String(request.headers['x-amz-copy-source-range']));
    if (!range)
      return (error(400, 'InvalidArgument', 'The x-amz-copy-source-range is not valid.'), true);
    const body = source.body.subarray(Number(range[1]), Number(range[2]) + 1);
    const etag = `"${md5(body)}"`;
    upload.parts.set(number, { body, etag });
    return (
      xml(
        response,
        `<CopyPartResult><ETag>${etag}</ETag><LastModified>${new Date().toISOString()}</LastModified></CopyPartResult>`,
      ),
      true
    );
  }
  if (request.method === 'GET') {
    server.record('s3', 'ListParts', key, path);
    if (!upload || upload.path !== path) return (missing(), true);
    const parts = [...upload.parts.entries()].sort(([a], [b]) => a - b);
    return (
      xml(
        response,
        `<ListPartsResult><Bucket>${bucket}</Bucket><Key>${objectKey}</Key><UploadId>${uploadId}</UploadId><IsTruncated>false</IsTruncated>${parts
          .map(
            ([number, part]) =>
              `<Part><PartNumber>${number}</PartNumber><ETag>${part.etag}</ETag><Size>${part.body.length}</Size>` +
              `<LastModified>${new Date(0).toISOString()}</LastModified></Part>`,
          )
          .join('')}</ListPartsResult>`,
      ),
      true
    );
  }
  if (request.method === 'POST') {
    server.record('s3', 'CompleteMultipartUpload', key, path);
    if (!upload || upload.path !== path) return (missing(), true);
    const listed = [
      ...request.body
        .toString('utf8')
        .matchAll(/<Part>.*?<ETag>(.*?)<\/ETag>.*?<PartNumber>(\d+)<\/PartNumber>.*?<\/Part>/gs),
    ].map((match) => ({ etag: match[1].replace(/&quot;/g, '"'), number: Number(match[2]) }));
    const bodies: Buffer[] = [];
    for (const { etag, number } of listed) {
      const part = upload.parts.get(number);
      if (!part || part.etag !== etag)
        return (
          error(400, 'InvalidPart', `Part ${number} was not uploaded or its ETag differs.`),
          true
        );
      bodies.push(part.body);
    }
    const etag = `"${md5(Buffer.concat(listed.map(({ number }) => Buffer.from(md5(upload.parts.get(number)?.body ?? ''), 'hex'))))}-${listed.length}"`;
    world.objects.set(path, {
      body: Buffer.concat(bodies),
      etag,
      metadata: upload.metadata,
      sse: upload.sse,
      kmsKeyId: upload.kmsKeyId,
    });
    world.uploads.delete(uploadId);
    return (
      xml(
        response,
        `<CompleteMultipartUploadResult><Bucket>${bucket}</Bucket><Key>${objectKey}</Key><ETag>${etag}</ETag></CompleteMultipartUploadResult>`,
      ),
      true
    );
  }
  if (request.method === 'DELETE') {
    server.record('s3', 'AbortMultipartUpload', key, path);
    if (!upload) return (missing(), true);
    world.uploads.delete(uploadId);
    return (void response.writeHead(204).end(), true);
  }
  return false;
}
