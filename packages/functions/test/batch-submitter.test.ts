import { createBatchSubmitter } from '../src/batch-submitter/handler';

/**
 * Handler tests run the real SDK v3 clients against @genai-sandbox/aws-test-server (see the
 * inference router's tests); add the services this function calls.
 */
describe('batch-submitter', () => {
  it('fails with a clear 400 when the request has no body', async () => {
    const result = await createBatchSubmitter({ log: () => undefined })({ body: null });
    expect(result.statusCode).toBe(400);
    expect(JSON.parse(result.body).error.code).toBe('MissingBody');
  });
});
