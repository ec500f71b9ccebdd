import { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { SageMakerRuntimeClient } from '@aws-sdk/client-sagemaker-runtime';
import { NodeHttpHandler } from '@smithy/node-http-handler';
import {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  errorResult,
  jsonResult,
} from '../shared/api-gateway';
import { jsonLogger, type Logger } from '../shared/log';
import { parseRequest, RequestError } from './request';
import {
  DEFAULT_TIMEOUT_MS,
  parseRoutingSetting,
  ROUTING_ENVIRONMENT_VARIABLE,
  type RoutingSetting,
} from './routing-setting';
import { invokeTarget, mapTargetError, type RouterClients } from './targets';

export interface RouterDependencies {
  readonly setting: RoutingSetting;
  readonly clients: RouterClients;
  readonly log?: Logger;
}

/**
 * Client settings: three attempts with the SDK's standard retry (exponential backoff, throttling
 * included), a short connect timeout and a per-attempt timeout within the request's deadline.
 * HTTP/1.1 for Bedrock too: its client defaults to HTTP/2, needed only for streaming calls.
 */
export function routerClientConfig(timeoutMs: number) {
  return {
    maxAttempts: 3,
    retryMode: 'standard' as const,
    requestHandler: new NodeHttpHandler({ connectionTimeout: 2_000, requestTimeout: timeoutMs }),
  };
}

/** The handler, given its setting and clients; the deployed one reads them from the environment. */
export function createRouter(dependencies: RouterDependencies) {
  const log = dependencies.log ?? jsonLogger;
  const timeoutMs = dependencies.setting.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async (event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> => {
    const started = Date.now();
    const requestId = event.requestContext?.requestId;
    let request;
    try {
      request = parseRequest(event ?? {}, dependencies.setting);
    } catch (error) {
      if (!(error instanceof RequestError)) throw error;
      log('warn', 'request-refused', { requestId, status: error.statusCode, code: error.code });
      return errorResult(error.statusCode, error.code, error.message, { problems: error.problems });
    }
    const fields = { requestId, route: request.route, target: request.target.kind };
    try {
      const output = await invokeTarget(
        dependencies.clients,
        request,
        AbortSignal.timeout(timeoutMs),
      );
      log('info', 'request-served', { ...fields, status: 200, latencyMs: Date.now() - started });
      return jsonResult(200, { route: request.route, output });
    } catch (error) {
      const mapped = mapTargetError(error);
      log(mapped.statusCode >= 500 ? 'error' : 'warn', 'target-failed', {
        ...fields,
        status: mapped.statusCode,
        errorName: error instanceof Error ? error.name : 'UnknownError',
        targetStatus: (error as { $metadata?: { httpStatusCode?: number } }).$metadata
          ?.httpStatusCode,
        latencyMs: Date.now() - started,
      });
      return errorResult(mapped.statusCode, mapped.code, mapped.message, {
        headers: mapped.statusCode === 429 ? { 'retry-after': '1' } : {},
      });
    }
  };
}

let deployed: ReturnType<typeof createRouter> | undefined;

/** Lambda's entry point: the setting and clients are built at the first request of a container. */
export async function handler(event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> {
  if (!deployed) {
    const setting = parseRoutingSetting(process.env[ROUTING_ENVIRONMENT_VARIABLE]);
    const config = routerClientConfig(setting.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    deployed = createRouter({
      setting,
      clients: {
        sageMaker: new SageMakerRuntimeClient(config),
        bedrock: new BedrockRuntimeClient(config),
      },
    });
  }
  return deployed(event);
}
