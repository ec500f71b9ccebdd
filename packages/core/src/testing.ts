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

/**
 * Makes a test file's synthesis function run once per distinct arguments, for the tests that each
 * read a different part of the same stack: synthesizing an app's stack costs 50 to 150 ms, which
 * is most of what such a test costs. Objects (a configuration: `testConfiguration` gives the same
 * frozen one for the same fixture) are told apart by identity, other arguments by value. What it
 * returns is shared between tests: read it, never change the stack or its JSON.
 */
export function synthesizedOnce<A extends unknown[], R>(
  synth: (...args: A) => R,
): (...args: A) => R {
  const results = new Map<string, R>();
  const objectIds = new WeakMap<object, number>();
  let nextObjectId = 0;
  const keyOf = (argument: unknown): string => {
    if ((typeof argument !== 'object' && typeof argument !== 'function') || argument === null)
      return JSON.stringify(argument) ?? 'undefined';
    let id = objectIds.get(argument);
    if (id === undefined) {
      id = nextObjectId++;
      objectIds.set(argument, id);
    }
    return `#${id}`;
  };
  return (...args: A): R => {
    const key = args.map(keyOf).join(',');
    if (!results.has(key)) results.set(key, synth(...args));
    return results.get(key) as R;
  };
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

/**
 * The configurations loaded so far, by their fixture's JSON: in this test file, and under the
 * unit tier's runner in the files run before it in the worker, which share this module. Writing
 * and loading one costs about 8 ms, and tests ask for the same few again and again (every
 * `testStack()` asks for the unchanged fixture), so each is loaded once and shared, frozen: a
 * test or a construct that changed a shared configuration would change it for the tests after it.
 */
const loadedConfigurations = new Map<string, PlatformConfiguration>();

/**
 * Loads a fixture configuration through the real loader, after letting the test change it. The
 * result is frozen and shared with every other call whose fixture is the same; a configuration
 * the loader rejects throws each time.
 */
export function testConfiguration(
  change?: (fixture: ConfigurationFixture) => void,
): PlatformConfiguration {
  const fixture = configurationFixture();
  change?.(fixture);
  const key = JSON.stringify(fixture);
  let config = loadedConfigurations.get(key);
  if (!config) {
    config = deepFreeze(loadPlatformConfiguration(writeConfigurationFixture(fixture)));
    loadedConfigurations.set(key, config);
  }
  return config;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
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
