import { onlyResourceOfType, synthesize, testStack } from '@genai-sandbox/core/testing';

/** The next environment of the fixture's chain (dev -> test): its account and promotion role. */
export const TEST_ACCOUNT = '222222222222';
export const TEST_PROMOTION_ROLE = `arn:aws:iam::${TEST_ACCOUNT}:role/genai-test-promotion`;

/** A construct built in a fresh test stack, synthesized; `only(type)` is the single resource of a type. */
export function synth<T>(build: (stack: ReturnType<typeof testStack>) => T, environment = 'dev') {
  const stack = testStack({ environment });
  const construct = build(stack);
  const json = synthesize(stack);
  return { stack, construct, json, only: (type: string) => onlyResourceOfType(json, type) };
}

/** The statements of a policy attribute (a JSON string) of a synthesized resource. */
export function statementsOf(
  resource: Record<string, unknown>,
  attribute: string,
): Record<string, unknown>[] {
  return (JSON.parse(resource[attribute] as string) as { Statement: Record<string, unknown>[] })
    .Statement;
}
