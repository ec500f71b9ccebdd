import type { ServerResponse } from 'node:http';
import { restJson, restJsonError } from '../protocols';
import type { AwsRequest, AwsTestServer, ServiceModule } from '../server';

/** One model call as Bedrock received it, guardrail included. */
export interface ModelInvocation {
  readonly action: 'InvokeModel' | 'Converse';
  readonly modelId: string;
  readonly body: unknown;
  readonly guardrailIdentifier: string | undefined;
  readonly guardrailVersion: string | undefined;
}

/** A model: the JSON it answers InvokeModel with, and the text it answers Converse with. */
export interface FakeModel {
  invoke?(body: unknown): unknown;
  converse?(messages: unknown): string;
}

const PATH = /^\/model\/([^/]+)\/(invoke|converse)$/;

/**
 * Bedrock Runtime, REST-JSON: `InvokeModel` (POST /model/{id}/invoke, guardrail in the
 * X-Amzn-Bedrock-Guardrail* headers) and `Converse` (POST /model/{id}/converse, guardrailConfig in
 * the body). Only `allowedKeys` may call; an unknown model is a ResourceNotFoundException.
 */
export class BedrockRuntimeService implements ServiceModule {
  readonly name = 'bedrock-runtime';
  readonly invocations: ModelInvocation[] = [];
  private readonly models = new Map<string, FakeModel>();

  constructor(private readonly allowedKeys: readonly string[]) {}

  addModel(modelId: string, model: FakeModel): void {
    this.models.set(modelId, model);
  }

  matches(request: AwsRequest): boolean {
    return request.signingName === 'bedrock' && PATH.test(request.url.pathname);
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    const [, rawId, operation] = PATH.exec(request.url.pathname) ?? [];
    const modelId = decodeURIComponent(rawId ?? '');
    const action = operation === 'converse' ? 'Converse' : 'InvokeModel';
    server.record(this.name, action, request.accessKeyId, modelId);
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return restJsonError(
        response,
        403,
        'AccessDeniedException',
        `User is not authorized to perform: bedrock:${action} on resource: ${modelId}`,
      );
    const fault = server.takeFault(this.name, action);
    if (fault)
      return restJsonError(response, fault.status, fault.code, fault.message ?? fault.code);
    const model = this.models.get(modelId);
    if (!model)
      return restJsonError(response, 404, 'ResourceNotFoundException', 'Model not found.');
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      return restJsonError(response, 400, 'ValidationException', 'Malformed input request.');
    }
    const guardrail = (body as { guardrailConfig?: Record<string, string> }).guardrailConfig;
    this.invocations.push({
      action,
      modelId,
      body,
      guardrailIdentifier:
        action === 'Converse'
          ? guardrail?.guardrailIdentifier
          : (request.headers['x-amzn-bedrock-guardrailidentifier'] as string | undefined),
      guardrailVersion:
        action === 'Converse'
          ? guardrail?.guardrailVersion
          : (request.headers['x-amzn-bedrock-guardrailversion'] as string | undefined),
    });
    if (action === 'InvokeModel') {
      if (!model.invoke)
        return restJsonError(response, 400, 'ValidationException', 'InvokeModel not supported.');
      return restJson(response, JSON.stringify(model.invoke(body)));
    }
    if (!model.converse)
      return restJsonError(response, 400, 'ValidationException', 'Converse not supported.');
    const text = model.converse((body as { messages?: unknown }).messages);
    restJson(
      response,
      JSON.stringify({
        output: { message: { role: 'assistant', content: [{ text }] } },
        stopReason: 'end_turn',
        usage: { inputTokens: 10, outputTokens: 5, totalTokens: 15 },
        metrics: { latencyMs: 12 },
      }),
    );
  }
}
