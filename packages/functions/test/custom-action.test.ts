import { customAction, CustomActionInputError } from '../src/shared/custom-action';

interface IndexInput {
  readonly indexName: string;
}

function recorder(failures: Error[] = []) {
  const calls: string[] = [];
  const sleeps: number[] = [];
  let clock = 0;
  const handler = customAction<IndexInput, { indexName: string }>(
    {
      parse(input) {
        const value = input as { indexName?: unknown };
        if (typeof value.indexName !== 'string') throw new Error('indexName must be a string');
        return { indexName: value.indexName };
      },
      async create(input) {
        calls.push(`create ${input.indexName}`);
        const failure = failures.shift();
        if (failure) throw failure;
        return { indexName: input.indexName };
      },
      async update(input, previous) {
        calls.push(`update ${previous.indexName} -> ${input.indexName}`);
        return { indexName: input.indexName };
      },
      async delete(input) {
        calls.push(`delete ${input.indexName}`);
      },
    },
    {
      sleep: async (ms) => {
        sleeps.push(ms);
        clock += ms;
      },
      now: () => clock,
    },
  );
  return { handler, calls, sleeps };
}

const denied = () =>
  Object.assign(new Error('not authorized to perform aoss:CreateIndex'), {
    name: 'AccessDeniedException',
  });

describe('customAction', () => {
  it('runs create, update (with the previous input) and delete from tf.action', async () => {
    const { handler, calls } = recorder();
    await expect(
      handler({ indexName: 'a', tf: { action: 'create', prev_input: null } }),
    ).resolves.toEqual({ indexName: 'a' });
    await handler({ indexName: 'b', tf: { action: 'update', prev_input: { indexName: 'a' } } });
    await expect(
      handler({ indexName: 'b', tf: { action: 'delete', prev_input: null } }),
    ).resolves.toEqual({ deleted: true });
    expect(calls).toEqual(['create a', 'update a -> b', 'delete b']);
  });

  it('retries AccessDenied with backoff while IAM propagates, then succeeds', async () => {
    const { handler, calls, sleeps } = recorder([denied(), denied(), denied()]);
    await expect(handler({ indexName: 'a', tf: { action: 'create' } })).resolves.toEqual({
      indexName: 'a',
    });
    expect(calls).toHaveLength(4);
    expect(sleeps).toEqual([1000, 2000, 4000]);
  });

  it('fails when AccessDenied outlasts the propagation window, saying the role lacks the permission', async () => {
    const { handler, calls } = recorder(Array.from({ length: 20 }, denied));
    await expect(handler({ indexName: 'a', tf: { action: 'create' } })).rejects.toThrow(
      /Custom action create failed after 8 attempt\(s\): AccessDeniedException: not authorized to perform aoss:CreateIndex\. It was still denied after 63 s.*lacks the permission/,
    );
    expect(calls).toHaveLength(8);
  });

  it('fails at once on other errors, naming the action and the error', async () => {
    const { handler, calls } = recorder([
      Object.assign(new Error('index exists with another mapping'), { name: 'ConflictException' }),
    ]);
    await expect(handler({ indexName: 'a', tf: { action: 'create' } })).rejects.toThrow(
      'Custom action create failed after 1 attempt(s): ConflictException: index exists with another mapping.',
    );
    expect(calls).toHaveLength(1);
  });

  it('fails when the event was not sent by a CRUD aws_lambda_invocation, with no operation run', async () => {
    const { handler, calls } = recorder();
    await expect(handler({ indexName: 'a' })).rejects.toThrow(
      /no "tf" object.*lifecycle_scope "CRUD"/,
    );
    await expect(handler({ indexName: 'a', tf: { action: 'read' } })).rejects.toThrow(
      'tf.action is "read"; expected "create", "update" or "delete"',
    );
    await expect(handler({ indexName: 'a', tf: { action: 'update' } })).rejects.toThrow(
      /prev_input is missing on an update/,
    );
    await expect(handler({ indexName: 7, tf: { action: 'create' } })).rejects.toThrow(
      new CustomActionInputError('the input is invalid: indexName must be a string'),
    );
    expect(calls).toEqual([]);
  });
});
