import type { PlatformConfiguration } from '@genai-sandbox/config';
import type { PlatformStack } from '@genai-sandbox/core';
import {
  resourcesOfType,
  type SynthesizedStack,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { PlatformKey } from '@genai-sandbox/security';

export const DEV_ACCOUNT = '111111111111';
export const TOPIC_ARN = `arn:aws:sns:eu-west-1:${DEV_ACCOUNT}:genai-dev-alarms`;

export interface Built<T> {
  readonly stack: PlatformStack;
  readonly key: PlatformKey;
  readonly construct: T;
  readonly json: SynthesizedStack;
  /** The resources of a type, without cdktf's metadata. */
  readonly all: (type: string) => Record<string, unknown>[];
  readonly only: (type: string) => Record<string, unknown>;
}

/** Builds constructs in a dev stack with a platform key, synthesizes it, and gives the resources. */
export function synth<T>(
  build: (stack: PlatformStack, key: PlatformKey) => T,
  options: { environment?: string; config?: PlatformConfiguration; project?: string } = {},
): Built<T> {
  const stack = testStack(options);
  const key = new PlatformKey(stack, 'Key', {
    purpose: 'platform',
    description: 'Platform key',
    allowEventBridge: true,
    allowAlarmNotifications: true,
  });
  const construct = build(stack, key);
  const json = synthesize(stack);
  const all = (type: string) =>
    Object.values(resourcesOfType(json, type)).map((resource) => {
      const copy = { ...resource };
      delete copy['//'];
      return copy;
    });
  const only = (type: string) => {
    const found = all(type);
    if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
    return found[0];
  };
  return { stack, key, construct, json, all, only };
}

/** The statements of a policy attribute (a JSON string). */
export function statementsOf(
  resource: Record<string, unknown>,
  attribute = 'policy',
): Record<string, unknown>[] {
  return (JSON.parse(resource[attribute] as string) as { Statement: Record<string, unknown>[] })
    .Statement;
}
