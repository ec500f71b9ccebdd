import { EventStreamCodec } from '@smithy/core/event-streams';
import type { ServerResponse } from 'node:http';
import { restJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** A deployed agent alias: the answer it gives to a prompt, in the chunks it streams it in. */
export type FakeAgent = (inputText: string) => readonly string[];

/** One InvokeAgent call as Bedrock received it. */
export interface AgentInvocation {
  readonly agentId: string;
  readonly agentAliasId: string;
  readonly sessionId: string;
  readonly inputText: string;
}

const PATH = /^\/agents\/([^/]+)\/agentAliases\/([^/]+)\/sessions\/([^/]+)\/text$/;

// The event stream's binary framing (prelude, headers, payload, CRCs), as the SDK decodes it.
const codec = new EventStreamCodec(
  (bytes) => Buffer.from(bytes).toString('utf8'),
  (text) => new Uint8Array(Buffer.from(text, 'utf8')),
);

/**
 * Agents for Amazon Bedrock Runtime, REST-JSON with an event-stream answer: `InvokeAgent`
 * (POST /agents/{agentId}/agentAliases/{aliasId}/sessions/{sessionId}/text) answers with
 * `chunk` events whose payload is `{"bytes": "<base64 text>"}`, the framing the real SDK client
 * decodes. Only `allowedKeys` may call; an unknown alias is a ResourceNotFoundException.
 */
export class BedrockAgentRuntimeService implements ServiceModule {
  readonly name = 'bedrock-agent-runtime';
  readonly invocations: AgentInvocation[] = [];
  private readonly agents = new Map<string, FakeAgent>();

  constructor(private readonly allowedKeys: readonly string[]) {}

  /** An agent alias, by agent ID and alias ID. */
  addAgent(agentId: string, agentAliasId: string, agent: FakeAgent): void {
    this.agents.set(`${agentId}/${agentAliasId}`, agent);
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 'bedrock' && PATH.test(request.url.pathname);
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const [, agentId, agentAliasId, sessionId] = (PATH.exec(request.url.pathname) ?? []).map(
      (part) => decodeURIComponent(part ?? ''),
    );
    server.record(this.name, 'InvokeAgent', request.accessKeyId, `${agentId}/${agentAliasId}`);
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return restJsonError(
        response,
        403,
        'AccessDeniedException',
        `User is not authorized to perform: bedrock:InvokeAgent on resource: agent-alias/${agentId}/${agentAliasId}`,
      );
    const agent = this.agents.get(`${agentId}/${agentAliasId}`);
    if (!agent)
      return restJsonError(
        response,
        404,
        'ResourceNotFoundException',
        `Agent alias ${agentAliasId} of agent ${agentId} does not exist.`,
      );
    const { inputText } = JSON.parse(request.body.toString('utf8') || '{}') as {
      inputText?: string;
    };
    this.invocations.push({ agentId, agentAliasId, sessionId, inputText: inputText ?? '' });
    const events = agent(inputText ?? '').map((text) =>
      codec.encode({
        headers: {
          ':message-type': { type: 'string', value: 'event' },
          ':event-type': { type: 'string', value: 'chunk' },
          ':content-type': { type: 'string', value: 'application/json' },
        },
        body: new Uint8Array(
          Buffer.from(JSON.stringify({ bytes: Buffer.from(text).toString('base64') })),
        ),
      }),
    );
    response
      .writeHead(200, {
        'content-type': 'application/vnd.amazon.eventstream',
        'x-amzn-bedrock-agent-content-type': 'application/json',
        'x-amz-bedrock-agent-session-id': sessionId,
      })
      .end(Buffer.concat(events.map((event) => Buffer.from(event))));
  }
}
