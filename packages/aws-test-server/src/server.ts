import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as a service module sees it: parsed once, signature scope included. */
export interface AwsRequest {
  readonly method: string;
  readonly url: URL;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
  /** The access key ID of the SigV4 signature. */
  readonly accessKeyId: string | undefined;
  /** The signing name of the SigV4 credential scope: `sts`, `sagemaker`, `s3`, `bedrock`... */
  readonly signingName: string | undefined;
  /** The socket, to drop a connection the way a network failure would. */
  readonly socket: IncomingMessage['socket'];
}

/** A recorded call, in order, for assertions. */
export interface Call {
  /** The module that answered: `sts`, `sagemaker`, `s3`, `sagemaker-runtime`, `bedrock-runtime`. */
  readonly service: string;
  readonly action: string;
  readonly accessKeyId: string | undefined;
  /** The ARN, name or s3 path the call was about. */
  readonly resource: string;
}

/**
 * One AWS service's wire protocol. Several modules may share a signing name (SageMaker's control
 * plane and its runtime both sign as `sagemaker`), so each says which requests are its own.
 */
export interface ServiceModule {
  readonly name: string;
  matches(request: AwsRequest): boolean;
  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void;
}

/** A fault the next matching calls get instead of an answer. */
export interface Fault {
  readonly service: string;
  /** @default - any action of the service */
  readonly action?: string;
  /** The error code (`ThrottlingException`, `AccessDeniedException`...). */
  readonly code: string;
  readonly status: number;
  /** @default 1 */
  readonly times?: number;
  /** @default - a message naming the code */
  readonly message?: string;
}

const MAX_BODY = 8 * 1024 * 1024;
const SCOPE = /Credential=([^/]+)\/\d{8}\/[^/]+\/([^/]+)\/aws4_request/;

/**
 * A local HTTP server on 127.0.0.1 that the real SDK v3 clients talk to (pass `endpoint` and any
 * static credentials). It parses the SigV4 scope, hands each request to the first service module
 * that claims it, records every call and injects faults. Test code only.
 */
export class AwsTestServer {
  calls: Call[] = [];
  endpoint = '';
  private faults: Array<Fault & { remaining: number }> = [];
  private readonly modules: ServiceModule[] = [];
  private server?: Server;

  constructor(modules: readonly ServiceModule[] = []) {
    for (const module of modules) this.use(module);
  }

  use<T extends ServiceModule>(module: T): T {
    this.modules.push(module);
    return module;
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => this.receive(request, response));
    this.server.requestTimeout = 10_000;
    this.server.headersTimeout = 5_000;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.endpoint = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }

  /** Forgets calls and faults; modules keep their own state. */
  resetCalls(): void {
    this.calls = [];
    this.faults = [];
  }

  record(service: string, action: string, key: string | undefined, resource = ''): void {
    this.calls.push({ service, action, accessKeyId: key, resource });
  }

  /** The calls as `service Action resource`, for order assertions. */
  trace(): string[] {
    return this.calls.map((call) => `${call.service} ${call.action} ${call.resource}`.trim());
  }

  /** The next `times` calls of the service (and action) fail with this error. */
  failNext(fault: Fault): void {
    this.faults.push({ ...fault, remaining: fault.times ?? 1 });
  }

  /** For modules: the fault this call gets, if any; each call uses up one. */
  takeFault(service: string, action: string): Fault | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        candidate.service === service &&
        (candidate.action === undefined || candidate.action === action),
    );
    if (fault) fault.remaining -= 1;
    return fault;
  }

  private receive(request: IncomingMessage, response: ServerResponse): void {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY) request.socket.destroy();
      else chunks.push(chunk);
    });
    request.on('end', () => {
      const scope = SCOPE.exec(request.headers.authorization ?? '');
      const parsed: AwsRequest = {
        method: request.method ?? 'GET',
        url: new URL(request.url ?? '/', 'http://localhost'),
        headers: request.headers,
        body: Buffer.concat(chunks),
        accessKeyId: scope?.[1],
        signingName: scope?.[2],
        socket: request.socket,
      };
      const module = this.modules.find((candidate) => candidate.matches(parsed));
      if (!module) {
        response.writeHead(400).end(`no service module for ${parsed.signingName} ${parsed.url}`);
        return;
      }
      module.handle(parsed, response, this);
    });
  }
}
