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

const PATH = /^\/endpoints\/([^/]+)\/invocations$/;

/**
 * SageMaker Runtime, REST-JSON: `InvokeEndpoint` (POST /endpoints/{name}/invocations, raw body
 * in and out). Endpoints answer with the function given to `addEndpoint`; an unknown endpoint is
 * a ValidationError, as in AWS. Only `allowedKeys` may call (AccessDeniedException otherwise).
 */
export class SageMakerRuntimeService implements ServiceModule {
  readonly name = 'sagemaker-runtime';
  readonly invocations: EndpointInvocation[] = [];
  private readonly endpoints = new Map<string, (body: string) => EndpointAnswer>();

  constructor(private readonly allowedKeys: readonly string[]) {}

  addEndpoint(name: string, answer: (body: string) => EndpointAnswer): void {
    this.endpoints.set(name, answer);
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 'sagemaker' && PATH.test(request.url.pathname);
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
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
}
