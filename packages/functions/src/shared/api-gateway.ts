/** The parts of an API Gateway REST proxy event and result that handlers use. */
export interface ApiGatewayProxyEvent {
  readonly httpMethod?: string;
  readonly path?: string;
  readonly body?: string | null;
  readonly isBase64Encoded?: boolean;
  readonly headers?: Readonly<Record<string, string | undefined>> | null;
  readonly requestContext?: { readonly requestId?: string };
}

export interface ApiGatewayProxyResult {
  readonly statusCode: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/** A JSON answer; `x-content-type-options` keeps browsers from sniffing it into HTML. */
export function jsonResult(
  statusCode: number,
  value: unknown,
  headers: Record<string, string> = {},
): ApiGatewayProxyResult {
  return {
    statusCode,
    headers: {
      'content-type': 'application/json',
      'x-content-type-options': 'nosniff',
      ...headers,
    },
    body: JSON.stringify(value),
  };
}

/** An error answer: a stable code for programs, a message for people, the problems if several. */
export function errorResult(
  statusCode: number,
  code: string,
  message: string,
  extra: { problems?: readonly string[]; headers?: Record<string, string> } = {},
): ApiGatewayProxyResult {
  return jsonResult(
    statusCode,
    { error: { code, message, ...(extra.problems && { problems: extra.problems }) } },
    extra.headers,
  );
}
