import { randomUUID } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { restJson, restJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** What an endpoint answers: a body (JSON text or bytes), or a model error with its status. */
export type EndpointAnswer =
  | { readonly body: string | Buffer; readonly contentType?: string }
  | { readonly modelError: string; readonly originalStatusCode: number };

/** One InvokeEndpoint as the endpoint received it. */
export interface EndpointInvocation {
  readonly endpointName: string;
  readonly contentType: string | undefined;
  readonly accept: string | undefined;
  readonly body: string;
}

/** One InvokeEndpointAsync as the endpoint's queue received it. */
export interface AsyncInvocation {
  readonly endpointName: string;
  readonly inferenceId: string;
  readonly inputLocation: string;
  readonly contentType: string | undefined;
  readonly outputLocation: string;
}

/** Where an asynchronous endpoint writes results: its `async_inference_config` output paths. */
export interface AsyncEndpointPaths {
  /** `s3://<bucket>/<prefix>` of results. */
  readonly outputPath: string;
  /** `s3://<bucket>/<prefix>` of failures. */
  readonly failurePath: string;
}

const PATH = /^\/endpoints\/([^/]+)\/invocations$/;
const ASYNC_PATH = /^\/endpoints\/([^/]+)\/async-invocations$/;

/**
 * SageMaker Runtime, REST-JSON: `InvokeEndpoint` (POST /endpoints/{name}/invocations, raw body
 * in and out) and `InvokeEndpointAsync` (POST /endpoints/{name}/async-invocations, the input's
 * S3 location in a header, 202 with the inference ID in the body and the output and failure
 * locations in headers). Endpoints answer with the function given to `addEndpoint`, asynchronous
 * ones are registered with `addAsyncEndpoint`; an unknown endpoint is a ValidationError, as in
 * AWS. Only `allowedKeys` may call (AccessDeniedException otherwise).
 */
export class SageMakerRuntimeService implements ServiceModule {
  readonly name = 'sagemaker-runtime';
  readonly invocations: EndpointInvocation[] = [];
  readonly asyncInvocations: AsyncInvocation[] = [];
  private readonly endpoints = new Map<string, (body: string) => EndpointAnswer>();
  private readonly asyncEndpoints = new Map<string, AsyncEndpointPaths>();

  constructor(private readonly allowedKeys: readonly string[]) {}

  addEndpoint(name: string, answer: (body: string) => EndpointAnswer): void {
    this.endpoints.set(name, answer);
  }

  addAsyncEndpoint(name: string, paths: AsyncEndpointPaths): void {
    this.asyncEndpoints.set(name, paths);
  }

  matches(request: AwsRequest): boolean {
    return (
      request.signingName === 'sagemaker' &&
      (PATH.test(request.url.pathname) || ASYNC_PATH.test(request.url.pathname))
    );
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    if (ASYNC_PATH.test(request.url.pathname)) return this.handleAsync(request, response, server);
    const endpointName = decodeURIComponent(PATH.exec(request.url.pathname)?.[1] ?? '');
    server.record(this.name, 'InvokeEndpoint', request.accessKeyId, endpointName);
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return restJsonError(
        response,
        400,
        'AccessDeniedException',
        `User is not authorized to perform: sagemaker:InvokeEndpoint on resource: endpoint/${endpointName}`,
      );
    const fault = server.takeFault(this.name, 'InvokeEndpoint');
    if (fault)
      return restJsonError(response, fault.status, fault.code, fault.message ?? fault.code);
    const answer = this.endpoints.get(endpointName);
    if (!answer)
      return restJsonError(
        response,
        400,
        'ValidationError',
        `Endpoint ${endpointName} of account 111111111111 not found.`,
      );
    const body = request.body.toString('utf8');
    this.invocations.push({
      endpointName,
      contentType: request.headers['content-type'],
      accept: request.headers.accept,
      body,
    });
    const result = answer(body);
    if ('modelError' in result)
      return restJsonError(
        response,
        424,
        'ModelError',
        `Received client error (${result.originalStatusCode}) from primary with message "${result.modelError}".`,
      );
    restJson(response, result.body, {
      'content-type': result.contentType ?? 'application/json',
      'x-amzn-invoked-production-variant': 'AllTraffic',
    });
  }

  private handleAsync(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const action = 'InvokeEndpointAsync';
    const endpointName = decodeURIComponent(ASYNC_PATH.exec(request.url.pathname)?.[1] ?? '');
    server.record(this.name, action, request.accessKeyId, endpointName);
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return restJsonError(
        response,
        400,
        'AccessDeniedException',
        `User is not authorized to perform: sagemaker:${action} on resource: endpoint/${endpointName}`,
      );
    const fault = server.takeFault(this.name, action);
    if (fault)
      return restJsonError(response, fault.status, fault.code, fault.message ?? fault.code);
    const paths = this.asyncEndpoints.get(endpointName);
    if (!paths)
      return restJsonError(
        response,
        400,
        'ValidationError',
        `Endpoint ${endpointName} of account 111111111111 not found or not asynchronous.`,
      );
    const header = (name: string) => {
      const value = request.headers[name.toLowerCase()];
      return typeof value === 'string' ? value : undefined;
    };
    const inputLocation = header('X-Amzn-SageMaker-InputLocation');
    if (!inputLocation)
      return restJsonError(response, 400, 'ValidationError', 'InputLocation is required.');
    const inferenceId = header('X-Amzn-SageMaker-Inference-Id') ?? randomUUID();
    const outputLocation = `${paths.outputPath}${inferenceId}.out`;
    this.asyncInvocations.push({
      endpointName,
      inferenceId,
      inputLocation,
      contentType: header('X-Amzn-SageMaker-Content-Type'),
      outputLocation,
    });
    response
      .writeHead(202, {
        'content-type': 'application/json',
        'x-amzn-requestid': 'test-request',
        'x-amzn-sagemaker-outputlocation': outputLocation,
        'x-amzn-sagemaker-failurelocation': `${paths.failurePath}${inferenceId}-error.out`,
      })
      .end(JSON.stringify({ InferenceId: inferenceId }));
  }
}
