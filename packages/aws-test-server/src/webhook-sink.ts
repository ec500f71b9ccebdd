import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery the sink received. */
export interface WebhookDelivery {
  readonly method: string;
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** What the sink does with the next delivery: answer with a status, or drop the connection. */
export type WebhookAnswer = number | 'drop';

/**
 * A local HTTP receiver standing in for a customer's webhook: records every delivery and answers
 * 200 unless `answerNext` queued other answers (a 503, a 400, a dropped connection). Plain HTTP
 * on 127.0.0.1: deployed callbacks accept only https URLs; tests hand the URL to the handler
 * directly.
 */
export class WebhookSink {
  readonly deliveries: WebhookDelivery[] = [];
  url = '';
  private answers: WebhookAnswer[] = [];
  private server?: Server;

  answerNext(...answers: WebhookAnswer[]): void {
    this.answers.push(...answers);
  }

  reset(): void {
    this.deliveries.length = 0;
    this.answers = [];
  }

  async start(): Promise<void> {
    this.server = createServer((request, response) => {
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        this.deliveries.push({
          method: request.method ?? 'GET',
          path: request.url ?? '/',
          headers: request.headers,
          body: Buffer.concat(chunks).toString('utf8'),
        });
        const answer = this.answers.shift() ?? 200;
        if (answer === 'drop') return void request.socket.destroy();
        response.writeHead(answer, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/hooks/inference`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise((resolve) => this.server?.close(resolve));
  }
}
