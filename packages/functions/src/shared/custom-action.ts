/**
 * The handler side of a Terraform-managed custom action: an `aws_lambda_invocation` with
 * `lifecycle_scope = "CRUD"` (FunctionInvocation in @genai-sandbox/compute) invokes the function on
 * create, update and delete, adding `tf: { action, prev_input }` to the input. This helper parses
 * that, runs the matching operation, retries the errors of IAM's propagation delay, and fails with
 * a message Terraform shows as the apply error.
 */

export type CustomActionName = 'create' | 'update' | 'delete';

/** The key Terraform adds to the input (the resource's `terraform_key`). */
export const TERRAFORM_KEY = 'tf';

export interface CustomActionOperations<Input, Result> {
  /** Checks the input (without `tf`); throws with every problem. Runs before any side effect. */
  parse(input: unknown): Input;
  /** Must succeed when what it creates already exists (a retried apply). */
  create(input: Input): Promise<Result>;
  /** Must succeed when nothing changed. */
  update(input: Input, previous: Input): Promise<Result>;
  /** Must succeed when what it deletes is already gone. */
  delete(input: Input): Promise<void>;
}

export interface CustomActionOptions {
  /** How long after the first attempt AccessDenied counts as IAM propagation. @default 60000 */
  readonly propagationWindowMs?: number;
  /** First retry delay, doubled each time up to 16 s. @default 1000 */
  readonly baseDelayMs?: number;
  /** For tests. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
}

/** Thrown for an event Terraform would not send or an input `parse` refused: never retried. */
export class CustomActionInputError extends Error {
  override readonly name = 'CustomActionInputError';
}

/**
 * Errors a freshly created or changed role or policy gives until IAM has propagated it (usually
 * seconds, documented as up to a minute or more).
 */
const PROPAGATION_ERRORS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthorizationErrorException',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
]);

export function isPropagationError(error: unknown): boolean {
  return error instanceof Error && PROPAGATION_ERRORS.has(error.name);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

interface ParsedEvent<Input> {
  readonly action: CustomActionName;
  readonly input: Input;
  readonly previous: Input | undefined;
}

function parseEvent<Input>(event: unknown, parse: (input: unknown) => Input): ParsedEvent<Input> {
  if (!isObject(event) || !isObject(event[TERRAFORM_KEY]))
    throw new CustomActionInputError(
      `the event has no "${TERRAFORM_KEY}" object; invoke this function through an aws_lambda_invocation with lifecycle_scope "CRUD" (FunctionInvocation)`,
    );
  const { [TERRAFORM_KEY]: tf, ...rest } = event;
  const meta = tf as Record<string, unknown>;
  const action = meta.action;
  if (action !== 'create' && action !== 'update' && action !== 'delete')
    throw new CustomActionInputError(
      `${TERRAFORM_KEY}.action is ${JSON.stringify(action)}; expected "create", "update" or "delete"`,
    );
  const check = (value: unknown, what: string): Input => {
    try {
      return parse(value);
    } catch (error) {
      throw new CustomActionInputError(
        `${what} is invalid: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
  };
  const input = check(rest, 'the input');
  const prev = meta.prev_input;
  if (action === 'update' && !isObject(prev))
    throw new CustomActionInputError(
      `${TERRAFORM_KEY}.prev_input is missing on an update; Terraform sends the previous input with every update`,
    );
  const previous = isObject(prev) ? check(prev, `${TERRAFORM_KEY}.prev_input`) : undefined;
  return { action, input, previous };
}

/** Builds the Lambda handler of a custom action. Its result is the resource's `result` (JSON). */
export function customAction<Input, Result>(
  operations: CustomActionOperations<Input, Result>,
  options: CustomActionOptions = {},
): (event: unknown) => Promise<Result | { deleted: true }> {
  const window = options.propagationWindowMs ?? 60_000;
  const base = options.baseDelayMs ?? 1_000;
  const sleep =
    options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;

  return async (event) => {
    const { action, input, previous } = parseEvent(event, (value) => operations.parse(value));
    const run = async (): Promise<Result | { deleted: true }> => {
      if (action === 'create') return operations.create(input);
      if (action === 'update') return operations.update(input, previous as Input);
      await operations.delete(input);
      return { deleted: true };
    };
    const started = now();
    for (let attempt = 1; ; attempt++) {
      try {
        return await run();
      } catch (error) {
        const elapsed = now() - started;
        if (isPropagationError(error) && elapsed < window) {
          await sleep(Math.min(base * 2 ** (attempt - 1), 16_000));
          continue;
        }
        const name = error instanceof Error ? error.name : 'Error';
        const message = error instanceof Error ? error.message : String(error);
        const hint = isPropagationError(error)
          ? ` It was still denied after ${Math.round(elapsed / 1000)} s, longer than IAM takes to propagate: the function's role lacks the permission (grant it on the PlatformFunction).`
          : '';
        throw new Error(
          `Custom action ${action} failed after ${attempt} attempt(s): ${name}: ${message}.${hint}`,
        );
      }
    }
  };
}
