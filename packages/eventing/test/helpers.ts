import {
  onlyResourceOfType,
  resourcesOfType,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import type { PlatformStack } from '@genai-sandbox/core';
import {
  type IPermissionsBoundary,
  PermissionsBoundary,
  PlatformKey,
} from '@genai-sandbox/security';
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';

export const DEV_ACCOUNT = '111111111111';
export const TEST_ACCOUNT = '222222222222';
export const PROD_ACCOUNT = '333333333333';
export const PROD_BUS_ARN = `arn:aws:events:eu-west-1:${PROD_ACCOUNT}:event-bus/genai-prod-promotion`;

export interface Fixture {
  readonly stack: PlatformStack;
  readonly key: PlatformKey;
  readonly boundary: IPermissionsBoundary;
}

/** A test stack with the platform key (admitting EventBridge) and the environment's boundary. */
export function fixture(environment = 'test'): Fixture {
  const stack = testStack({ environment });
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowEventBridge: true,
  });
  return { stack, key, boundary: PermissionsBoundary.ofEnvironment(stack) };
}

/** Builds constructs on a fixture, synthesizes it, and gives the resources and references. */
export function synth<T>(build: (fixture: Fixture) => T, environment = 'test') {
  const built = fixture(environment);
  const construct = build(built);
  const json = synthesize(built.stack);
  /** `${type.<logical name starting with prefix>.attribute}`, the reference Terraform resolves. */
  const ref = (type: string, prefix: string, attribute: string) => {
    const names = Object.keys(resourcesOfType(json, type)).filter((name) =>
      name.startsWith(prefix),
    );
    if (names.length !== 1)
      throw new Error(`expected one ${type} starting with ${prefix}, found ${names.length}`);
    return `\${${type}.${names[0]}.${attribute}}`;
  };
  return { ...built, construct, json, ref, only: (type: string) => onlyResourceOfType(json, type) };
}

/** The statements of a policy attribute (a JSON string) of a synthesized resource. */
export function statementsOf(
  resource: Record<string, unknown>,
  attribute = 'policy',
): Record<string, unknown>[] {
  return (JSON.parse(resource[attribute] as string) as { Statement: Record<string, unknown>[] })
    .Statement;
}

/** How a token (such as an attribute of a construct) appears in the synthesized JSON. */
export function resolved(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, {
    scope: TerraformStack.of(scope),
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
}
