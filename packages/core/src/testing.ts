import { loadPlatformConfiguration, type PlatformConfiguration } from '@genai-sandbox/config';
import {
  type ConfigurationFixture,
  configurationFixture,
  writeConfigurationFixture,
} from '@genai-sandbox/config/testing';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider';
import { LocalBackend, TerraformStack, Testing } from 'cdktf';
import { ConstructEnvironment, type ConstructEnvironmentProps } from './construct-environment';
import { PlatformStack } from './platform-stack';

/** The parsed `cdk.tf.json` of a stack. */
export interface SynthesizedStack {
  readonly terraform?: Record<string, unknown>;
  readonly provider?: Record<string, Record<string, unknown>[]>;
  readonly resource?: Record<string, Record<string, Record<string, unknown>>>;
  readonly data?: Record<string, Record<string, Record<string, unknown>>>;
  readonly output?: Record<string, Record<string, unknown>>;
}

/** Synthesizes a stack (running cdktf's validations) and returns its Terraform JSON, parsed. */
export function synthesize(stack: TerraformStack): SynthesizedStack {
  return JSON.parse(Testing.synth(stack, true)) as SynthesizedStack;
}

/**
 * Like `synthesize`, but keeps the `//` blocks (construct paths, policy suppressions) that
 * cdktf's Testing.synth strips and that the policy gate reads, as in cdk.tf.json.
 */
export function synthesizeWithMetadata(stack: TerraformStack): SynthesizedStack {
  synthesize(stack);
  return JSON.parse(JSON.stringify(stack.toTerraform())) as SynthesizedStack;
}

/** The resources of one Terraform type, by their logical name; empty when there are none. */
export function resourcesOfType(
  synthesized: SynthesizedStack,
  type: string,
): Record<string, Record<string, unknown>> {
  return synthesized.resource?.[type] ?? {};
}

/** The single resource of a type; throws when there is not exactly one, so tests say what they expect. */
export function onlyResourceOfType(
  synthesized: SynthesizedStack,
  type: string,
): Record<string, unknown> {
  const all = Object.values(resourcesOfType(synthesized, type));
  if (all.length !== 1) throw new Error(`expected exactly one ${type}, found ${all.length}`);
  return all[0];
}

/**
 * The items, after checking there are at least `minimum` of them: a loop of assertions over an
 * empty list passes without checking anything, so tests loop over `atLeast(n, items, what)`.
 */
export function atLeast<T>(minimum: number, items: readonly T[], what: string): readonly T[] {
  if (items.length < minimum)
    throw new Error(`expected at least ${minimum} ${what}, found ${items.length}`);
  return items;
}

/** Loads a fixture configuration through the real loader, after letting the test change it. */
export function testConfiguration(
  change?: (fixture: ConfigurationFixture) => void,
): PlatformConfiguration {
  const fixture = configurationFixture();
  change?.(fixture);
  return loadPlatformConfiguration(writeConfigurationFixture(fixture));
}

/** A PlatformStack for construct tests, in the fixture's `environment` (default dev). */
export function testStack(
  options: {
    environment?: string;
    project?: string;
    config?: PlatformConfiguration;
    app?: string;
  } = {},
): PlatformStack {
  const config = options.config ?? testConfiguration();
  const environment = config.environments.find(
    (candidate) => candidate.name === (options.environment ?? 'dev'),
  );
  if (!environment)
    throw new Error(`no environment ${options.environment} in the test configuration`);
  const project = environment.projects.find((candidate) => candidate.name === options.project);
  return new PlatformStack(Testing.app(), {
    config,
    environment,
    app: options.app ?? 'test',
    project,
  });
}

/**
 * A TerraformStack of one's own, as another team writes it: its AwsProvider (which gives the
 * region), a local backend and explicit construct environment values; no platform configuration.
 */
export function plainTestStack(values: Partial<ConstructEnvironmentProps> = {}): TerraformStack {
  const stack = new TerraformStack(Testing.app(), 'team-stack');
  new AwsProvider(stack, 'Aws', { region: 'eu-central-1', allowedAccountIds: ['210987654321'] });
  new LocalBackend(stack, { path: 'team-stack.tfstate' });
  ConstructEnvironment.attach(stack, {
    platform: 'team',
    environment: 'dev',
    accountId: '210987654321',
    ...values,
  });
  return stack;
}

export {
  evaluateIam,
  type IamDecision,
  type IamPolicies,
  type IamRequest,
  resourcePolicyAllows,
} from './iam-evaluator';
