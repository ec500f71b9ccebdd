import type { PlatformStack, PolicyDocument } from '@genai-sandbox/core';
import {
  resourcesOfType,
  type SynthesizedStack,
  synthesize,
  testStack,
} from '@genai-sandbox/core/testing';
import { PermissionsBoundary, PlatformKey } from '@genai-sandbox/security';
import { DefaultTokenResolver, StringConcat, TerraformStack, Tokenization } from 'cdktf';
import type { IConstruct } from 'constructs';
import { PlatformVpc, type PlatformVpcProps } from '../src';

export const ZONES = ['eu-west-1a', 'eu-west-1b'];
export const CIDR = '10.10.0.0/16';

export interface Fixture {
  readonly stack: PlatformStack;
  readonly key: PlatformKey;
  readonly boundary: PermissionsBoundary;
}

/** A dev stack with the key and boundary the networking constructs need. */
export function fixture(environment = 'dev'): Fixture {
  const stack = testStack({ environment });
  const key = new PlatformKey(stack, 'Key', { purpose: 'platform', description: 'Platform data' });
  const boundary = new PermissionsBoundary(stack, 'Boundary');
  return { stack, key, boundary };
}

/** Synthesizes a PlatformVpc with valid defaults, after applying `overrides`. */
export function synthVpc(
  overrides: Partial<PlatformVpcProps> = {},
  environment = 'dev',
): { vpc: PlatformVpc; json: SynthesizedStack } {
  const { stack, key, boundary } = fixture(environment);
  const vpc = new PlatformVpc(stack, 'Vpc', {
    cidr: CIDR,
    availabilityZones: ZONES,
    encryptionKey: key,
    permissionsBoundary: boundary,
    ...overrides,
  });
  return { vpc, json: synthesize(stack) };
}

/** The resources of a type as a list, without their cdktf metadata. */
export function resources(json: SynthesizedStack, type: string): Record<string, unknown>[] {
  return Object.values(resourcesOfType(json, type)).map(({ '//': _metadata, ...rest }) => rest);
}

/** The Terraform reference `${<type>.<name>.<attribute>}` of the one resource of `type` whose name starts with `prefix`. */
export function reference(
  json: SynthesizedStack,
  type: string,
  prefix: string,
  attribute = 'id',
): string {
  const names = Object.keys(resourcesOfType(json, type)).filter((name) =>
    name.startsWith(`${prefix}_`),
  );
  if (names.length !== 1)
    throw new Error(`expected one ${type} named ${prefix}_*, found ${JSON.stringify(names)}`);
  return `\${${type}.${names[0]}.${attribute}}`;
}

/** The resource of `type` whose name starts with `prefix`. */
export function resourceNamed(
  json: SynthesizedStack,
  type: string,
  prefix: string,
): Record<string, unknown> {
  const entries = Object.entries(resourcesOfType(json, type)).filter(([name]) =>
    name.startsWith(`${prefix}_`),
  );
  if (entries.length !== 1)
    throw new Error(`expected one ${type} named ${prefix}_*, found ${entries.length}`);
  return entries[0][1];
}

/** How a token (such as an attribute of a construct) appears in the synthesized JSON. */
export function resolved(scope: IConstruct, value: unknown): unknown {
  return Tokenization.resolve(value, {
    scope: TerraformStack.of(scope),
    resolver: new DefaultTokenResolver(new StringConcat()),
  });
}

export function parsePolicy(text: unknown): PolicyDocument {
  return JSON.parse(text as string) as PolicyDocument;
}
