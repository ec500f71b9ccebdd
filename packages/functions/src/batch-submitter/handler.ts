import {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  errorResult,
  jsonResult,
} from '../shared/api-gateway';
import { jsonLogger, type Logger } from '../shared/log';

/** The handler, given its dependencies (clients, settings); tests pass their own. */
export function createBatchSubmitter(dependencies: { readonly log?: Logger } = {}) {
  const log = dependencies.log ?? jsonLogger;
  return async (event: ApiGatewayProxyEvent): Promise<ApiGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId;
    if (!event.body) {
      log('warn', 'request-refused', { requestId, status: 400 });
      return errorResult(400, 'MissingBody', 'the request has no body; POST a JSON object');
    }
    log('info', 'request-served', { requestId, status: 200 });
    return jsonResult(200, {});
  };
}

/** Lambda's entry point: dependencies are built at the first request of a container. */
export const handler = createBatchSubmitter();
