/** The files of a new function, in the shape every function of the workspace has. */

const pascal = (name: string) =>
  name.replace(/(^|-)([a-z0-9])/g, (_match, _dash: string, letter: string) => letter.toUpperCase());

export function apiHandler(name: string): string {
  return `import {
  type ApiGatewayProxyEvent,
  type ApiGatewayProxyResult,
  errorResult,
  jsonResult,
} from '../shared/api-gateway';
import { jsonLogger, type Logger } from '../shared/log';

/** The handler, given its dependencies (clients, settings); tests pass their own. */
export function create${pascal(name)}(dependencies: { readonly log?: Logger } = {}) {
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
export const handler = create${pascal(name)}();
`;
}

export function customActionHandler(name: string): string {
  return `import { customAction } from '../shared/custom-action';

/** The action's input, as FunctionInvocation passes it (without \`tf\`). */
export interface ${pascal(name)}Input {
  readonly name: string;
}

/** Create, update and delete must each be idempotent: Terraform retries a failed apply. */
export const handler = customAction<${pascal(name)}Input, { name: string }>({
  parse(input) {
    const value = input as { name?: unknown };
    if (typeof value.name !== 'string' || value.name === '') throw new Error('name must be a non-empty string');
    return { name: value.name };
  },
  async create(input) {
    return { name: input.name };
  },
  async update(input) {
    return { name: input.name };
  },
  async delete() {},
});
`;
}

export function apiTest(name: string): string {
  return `import { create${pascal(name)} } from '../src/${name}/handler';

/**
 * Handler tests run the real SDK v3 clients against @genai-sandbox/aws-test-server (see the
 * inference router's tests); add the services this function calls.
 */
describe('${name}', () => {
  it('fails with a clear 400 when the request has no body', async () => {
    const result = await create${pascal(name)}({ log: () => undefined })({ body: null });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('MissingBody');
  });
});
`;
}

export function customActionTest(name: string): string {
  return `import { handler } from '../src/${name}/handler';

describe('${name}', () => {
  it('creates from tf.action', async () => {
    await expect(handler({ name: 'a', tf: { action: 'create', prev_input: null } })).resolves.toEqual({ name: 'a' });
  });

  it('fails when the input is invalid, before any side effect', async () => {
    await expect(handler({ name: '', tf: { action: 'create' } })).rejects.toThrow('the input is invalid: name must be a non-empty string');
  });
});
`;
}

export function readmeSection(name: string, trigger: string, description: string): string {
  return `
## ${name}

${description}

Trigger: ${trigger === 'api' ? 'API Gateway (proxy integration)' : 'Terraform custom action (FunctionInvocation, lifecycle_scope CRUD)'}.
Source: \`src/${name}/handler.ts\`; tests: \`test/${name}.test.ts\`.
`;
}
