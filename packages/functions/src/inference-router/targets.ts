import {
  type BedrockRuntimeClient,
  ConverseCommand,
  type ConverseCommandInput,
  InvokeModelCommand,
} from '@aws-sdk/client-bedrock-runtime';
import {
  InvokeEndpointCommand,
  type SageMakerRuntimeClient,
} from '@aws-sdk/client-sagemaker-runtime';
import type { RouterRequest } from './request';

/** The clients the router calls; built once per container, or by tests against a local server. */
export interface RouterClients {
  readonly sageMaker: SageMakerRuntimeClient;
  readonly bedrock: BedrockRuntimeClient;
}

const decoder = new TextDecoder();

/** A target's answer: JSON when it is JSON, text otherwise. */
function decode(bytes: Uint8Array | undefined): unknown {
  const text = decoder.decode(bytes ?? new Uint8Array());
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** Calls the request's target; the SDK retries throttling and transient errors (RouterClients' config). */
export async function invokeTarget(
  clients: RouterClients,
  request: RouterRequest,
  abortSignal: AbortSignal,
): Promise<unknown> {
  const target = request.target;
  const body = JSON.stringify(request.input);
  if (target.kind === 'sagemaker-endpoint') {
    const answer = await clients.sageMaker.send(
      new InvokeEndpointCommand({
        EndpointName: target.endpointName,
        ContentType: 'application/json',
        Accept: 'application/json',
        Body: new TextEncoder().encode(body),
      }),
      { abortSignal },
    );
    return decode(answer.Body);
  }
  if ((target.api ?? 'converse') === 'invoke-model') {
    const answer = await clients.bedrock.send(
      new InvokeModelCommand({
        modelId: target.modelId,
        contentType: 'application/json',
        accept: 'application/json',
        body: new TextEncoder().encode(body),
        ...(target.guardrail && {
          guardrailIdentifier: target.guardrail.identifier,
          guardrailVersion: target.guardrail.version,
        }),
      }),
      { abortSignal },
    );
    return decode(answer.body);
  }
  const answer = await clients.bedrock.send(
    new ConverseCommand({
      ...(request.input as Omit<ConverseCommandInput, 'modelId'>),
      modelId: target.modelId,
      ...(target.guardrail && {
        guardrailConfig: {
          guardrailIdentifier: target.guardrail.identifier,
          guardrailVersion: target.guardrail.version,
        },
      }),
    }),
    { abortSignal },
  );
  return { output: answer.output, stopReason: answer.stopReason, usage: answer.usage };
}

/** How an error of a target becomes an answer of the API. */
export interface ErrorMapping {
  readonly statusCode: number;
  readonly code: string;
  readonly message: string;
}

const THROTTLED = new Set([
  'ThrottlingException',
  'TooManyRequestsException',
  'ServiceQuotaExceededException',
  'ModelNotReadyException',
]);
const MODEL_FAILED = new Set([
  'ModelError',
  'ModelErrorException',
  'ModelTimeoutException',
  'ModelStreamErrorException',
  'InternalDependencyException',
]);
const CONFIGURATION = new Set([
  'AccessDeniedException',
  'AccessDenied',
  'ResourceNotFoundException',
  'UnrecognizedClientException',
]);
const INPUT_REJECTED = new Set(['ValidationException', 'ValidationError']);

/**
 * Throttling is 429 (the caller may retry later), a model's failure 502, the router's own
 * configuration (permissions, a missing endpoint) 500, the deadline 504. Messages are fixed
 * texts: a target's message can quote the payload.
 */
export function mapTargetError(error: unknown): ErrorMapping {
  const name = error instanceof Error ? error.name : 'UnknownError';
  if (THROTTLED.has(name))
    return {
      statusCode: 429,
      code: 'Throttled',
      message: 'the model is busy; retry after a short wait',
    };
  if (MODEL_FAILED.has(name))
    return {
      statusCode: 502,
      code: 'ModelError',
      message: 'the model failed to answer this request',
    };
  if (INPUT_REJECTED.has(name))
    return {
      statusCode: 400,
      code: 'InputRejected',
      message: "the model rejected the input; check it against the model's input format",
    };
  if (CONFIGURATION.has(name))
    return {
      statusCode: 500,
      code: 'RouterMisconfigured',
      message:
        'the router cannot reach its target; the platform team has the details in the function logs',
    };
  if (name === 'AbortError' || name === 'TimeoutError')
    return { statusCode: 504, code: 'Timeout', message: 'the model did not answer in time' };
  return {
    statusCode: 502,
    code: 'TargetUnavailable',
    message: 'the model is unavailable; retry later',
  };
}
