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
const GUARDRAIL_PATH = /^\/guardrail\/([^/]+)\/version\/([^/]+)\/apply$/;

/** A deployed guardrail version: whether it intervenes on a text (and the message it returns). */
export type FakeGuardrail = (text: string, source: 'INPUT' | 'OUTPUT') => boolean;

/** One ApplyGuardrail call as Bedrock received it. */
export interface GuardrailApplication {
  readonly guardrailIdentifier: string;
  readonly guardrailVersion: string;
  readonly source: string;
  readonly texts: readonly string[];
}

/**
 * Bedrock Runtime, REST-JSON: `InvokeModel` (POST /model/{id}/invoke, guardrail in the
 * X-Amzn-Bedrock-Guardrail* headers), `Converse` (POST /model/{id}/converse, guardrailConfig in
 * the body) and `ApplyGuardrail` (POST /guardrail/{id}/version/{version}/apply). Only
 * `allowedKeys` may call; an unknown model or guardrail version is a ResourceNotFoundException.
 */
export class BedrockRuntimeService implements ServiceModule {
  readonly name = 'bedrock-runtime';
  readonly invocations: ModelInvocation[] = [];
  readonly guardrailApplications: GuardrailApplication[] = [];
  private readonly models = new Map<string, FakeModel>();
  private readonly guardrails = new Map<string, FakeGuardrail>();

  constructor(private readonly allowedKeys: readonly string[]) {}

  addModel(modelId: string, model: FakeModel): void {
    this.models.set(modelId, model);
  }

  /** A published guardrail version, by ID (ApplyGuardrail also accepts its ARN). */
  addGuardrail(guardrailId: string, version: string, guardrail: FakeGuardrail): void {
    this.guardrails.set(`${guardrailId}:${version}`, guardrail);
  }

  matches(request: AwsRequest): boolean {
    return (
      request.signingName === 'bedrock' &&
      (PATH.test(request.url.pathname) || GUARDRAIL_PATH.test(request.url.pathname))
    );
  }

  handle(request: AwsRequest, response: ServerResponse, server: AwsTestServer): void {
    if (GUARDRAIL_PATH.test(request.url.pathname))
      return this.applyGuardrail(request, response, server);
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

  private applyGuardrail(
    request: AwsRequest,
    response: ServerResponse,
    server: AwsTestServer,
  ): void {
    const [, rawId, rawVersion] = GUARDRAIL_PATH.exec(request.url.pathname) ?? [];
    const identifier = decodeURIComponent(rawId ?? '');
    const version = decodeURIComponent(rawVersion ?? '');
    server.record(this.name, 'ApplyGuardrail', request.accessKeyId, `${identifier}:${version}`);
    if (!request.accessKeyId || !this.allowedKeys.includes(request.accessKeyId))
      return restJsonError(
        response,
        403,
        'AccessDeniedException',
        `User is not authorized to perform: bedrock:ApplyGuardrail on resource: ${identifier}`,
      );
    const fault = server.takeFault(this.name, 'ApplyGuardrail');
    if (fault)
      return restJsonError(response, fault.status, fault.code, fault.message ?? fault.code);
    // The identifier is the guardrail ID or its ARN, whose last segment is the ID.
    const id = identifier.split('/').at(-1) ?? identifier;
    const guardrail = this.guardrails.get(`${id}:${version}`);
    if (!guardrail)
      return restJsonError(
        response,
        404,
        'ResourceNotFoundException',
        `The guardrail ${identifier} version ${version} does not exist.`,
      );
    let body: { source?: string; content?: { text?: { text?: string } }[] };
    try {
      body = JSON.parse(request.body.toString('utf8')) as typeof body;
    } catch {
      return restJsonError(response, 400, 'ValidationException', 'Malformed input request.');
    }
    const source = body.source;
    const texts = (body.content ?? []).map((block) => block.text?.text);
    if ((source !== 'INPUT' && source !== 'OUTPUT') || texts.some((text) => text === undefined))
      return restJsonError(
        response,
        400,
        'ValidationException',
        'source must be INPUT or OUTPUT and every content block a text block.',
      );
    this.guardrailApplications.push({
      guardrailIdentifier: identifier,
      guardrailVersion: version,
      source,
      texts: texts as string[],
    });
    const intervened = (texts as string[]).some((text) => guardrail(text, source));
    restJson(
      response,
      JSON.stringify({
        usage: {
          topicPolicyUnits: 1,
          contentPolicyUnits: 1,
          wordPolicyUnits: 1,
          sensitiveInformationPolicyUnits: 1,
          sensitiveInformationPolicyFreeUnits: 0,
          contextualGroundingPolicyUnits: 0,
        },
        action: intervened ? 'GUARDRAIL_INTERVENED' : 'NONE',
        outputs: intervened
          ? [{ text: 'Sorry, this request is outside what this assistant may answer.' }]
          : [],
        assessments: [],
      }),
    );
  }
}
