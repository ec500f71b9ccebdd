import type { ServerResponse } from 'node:http';

/** Error and answer shapes of the AWS wire protocols, so every module renders them alike. */

/** AWS JSON 1.0/1.1 (X-Amz-Target services such as SageMaker's control plane). */
export function awsJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  version: '1.0' | '1.1' = '1.1',
): void {
  response
    .writeHead(status, { 'content-type': `application/x-amz-json-${version}` })
    .end(JSON.stringify(value));
}

export function awsJsonError(response: ServerResponse, type: string, message: string): void {
  awsJson(response, 400, { __type: type, Message: message });
}

/** REST-JSON (SageMaker Runtime, Bedrock Runtime): the code travels in `x-amzn-ErrorType`. */
export function restJsonError(
  response: ServerResponse,
  status: number,
  code: string,
  message: string,
): void {
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'x-amzn-errortype': `${code}:http://internal.amazon.com/coral/com.amazonaws/`,
      'x-amzn-requestid': 'test-request',
    })
    .end(JSON.stringify({ message }));
}

/** REST-JSON success with a raw body (InvokeEndpoint, InvokeModel) or a JSON document. */
export function restJson(
  response: ServerResponse,
  body: string | Buffer,
  headers: Record<string, string> = {},
): void {
  response
    .writeHead(200, {
      'content-type': 'application/json',
      'x-amzn-requestid': 'test-request',
      ...headers,
    })
    .end(body);
}

/** S3 REST XML errors; a HEAD answer has no body. */
export function restXmlError(
  response: ServerResponse,
  method: string,
  status: number,
  code: string,
  message: string,
): void {
  response
    .writeHead(status, { 'content-type': 'application/xml' })
    .end(
      method === 'HEAD'
        ? undefined
        : `<?xml version="1.0" encoding="UTF-8"?><Error><Code>${code}</Code><Message>${message}</Message><RequestId>r</RequestId></Error>`,
    );
}
