import { existsSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { referencedAddresses } from './references';

export interface Suppression {
  readonly rule: string;
  readonly reason: string;
}

/** One resource of a stack, as configured in cdk.tf.json and, where a plan exists, as planned. */
export interface TfResource {
  readonly type: string;
  readonly name: string;
  /** `<type>.<name>`, the Terraform address. */
  readonly address: string;
  /** Its construct path, for people reading the report. */
  readonly constructPath?: string;
  /** Attributes as synthesized; values may hold `${...}` references. */
  readonly config: Readonly<Record<string, unknown>>;
  /** Attributes the plan knows (references resolved), when the stack has a plan.json. */
  readonly planned?: Readonly<Record<string, unknown>>;
  readonly suppressions: readonly Suppression[];
}

export interface StackModel {
  readonly name: string;
  /** `synth` when only cdk.tf.json was read; `plan` when plan.json resolved values too. */
  readonly source: 'synth' | 'plan';
  readonly resources: readonly TfResource[];
  /** Data sources, address `data.<type>.<name>`; rules with `mode: 'data'` look at them. */
  readonly dataSources: readonly TfResource[];
  /** The AWS provider's default_tags, which every taggable resource inherits. */
  readonly defaultTags: Readonly<Record<string, string>>;
  /** The AWS provider's allowed_account_ids: the stack's own account. */
  readonly accountIds: readonly string[];
}

/**
 * The value of an attribute: as planned when the plan knows it (references resolved), otherwise
 * as configured.
 */
export function attribute(resource: TfResource, name: string): unknown {
  return mergeKnown(resource.config[name], resource.planned?.[name]);
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Planned values where the plan knows them, configured values (with their `${...}` references)
 * where it does not: the plan leaves values that are only known after apply (an ARN) as null,
 * also deep inside blocks. The plan writes every block as a list; cdk.tf.json writes single
 * blocks as objects, so an object meets a one-element list.
 */
export function mergeKnown(configured: unknown, planned: unknown): unknown {
  if (planned === undefined || planned === null) return configured;
  if (Array.isArray(planned)) {
    if (isObject(configured) && planned.length === 1) return [mergeKnown(configured, planned[0])];
    if (Array.isArray(configured))
      return planned.map((item, index) => mergeKnown(configured[index], item));
    return planned;
  }
  if (isObject(planned) && isObject(configured)) {
    const merged: Record<string, unknown> = { ...configured };
    for (const [key, value] of Object.entries(planned))
      merged[key] = mergeKnown(configured[key], value);
    return merged;
  }
  return planned;
}

/**
 * Resources of `type` whose configuration refers to `target` (say, the versioning of a bucket).
 * With `via`, only that attribute counts: a bucket's logging names another bucket as its target,
 * and must not count as part of it.
 */
export function resourcesReferencing(
  stack: StackModel,
  target: TfResource,
  type: string,
  via?: string,
): TfResource[] {
  return stack.resources.filter(
    (candidate) =>
      candidate.type === type &&
      referencedAddresses(via === undefined ? candidate.config : candidate.config[via]).includes(
        target.address,
      ),
  );
}

type Json = Record<string, unknown>;

interface PlanResource {
  address: string;
  mode: string;
  type: string;
  name: string;
  values?: Json;
}

/** Builds the model from a parsed cdk.tf.json and, optionally, the parsed `terraform show -json` plan. */
export function stackModelFromJson(name: string, synthesized: Json, plan?: Json): StackModel {
  const planned = new Map<string, Json>();
  const planResources =
    (plan?.planned_values as { root_module?: { resources?: PlanResource[] } } | undefined)
      ?.root_module?.resources ?? [];
  for (const resource of planResources) {
    if (resource.mode === 'managed' && resource.values)
      planned.set(resource.address, resource.values);
  }
  const resources: TfResource[] = [];
  for (const [type, byName] of Object.entries(
    (synthesized.resource ?? {}) as Record<string, Record<string, Json>>,
  )) {
    for (const [resourceName, body] of Object.entries(byName)) {
      const { '//': meta, ...config } = body;
      const metadata = (meta ?? {}) as {
        metadata?: { path?: string };
        policy_suppressions?: Suppression[];
      };
      const address = `${type}.${resourceName}`;
      resources.push({
        type,
        name: resourceName,
        address,
        constructPath: metadata.metadata?.path,
        config,
        planned: planned.get(address),
        suppressions: metadata.policy_suppressions ?? [],
      });
    }
  }
  const dataSources: TfResource[] = [];
  for (const [type, byName] of Object.entries(
    (synthesized.data ?? {}) as Record<string, Record<string, Json>>,
  )) {
    for (const [dataName, body] of Object.entries(byName)) {
      const { '//': meta, ...config } = body;
      const metadata = (meta ?? {}) as {
        metadata?: { path?: string };
        policy_suppressions?: Suppression[];
      };
      dataSources.push({
        type,
        name: dataName,
        address: `data.${type}.${dataName}`,
        constructPath: metadata.metadata?.path,
        config,
        suppressions: metadata.policy_suppressions ?? [],
      });
    }
  }
  // A plan may also hold data sources that the JSON does not (modules); they call AWS just the same.
  for (const resource of planResources) {
    if (
      resource.mode === 'data' &&
      !dataSources.some((known) => known.address === resource.address)
    ) {
      dataSources.push({
        type: resource.type,
        name: resource.name,
        address: resource.address,
        config: {},
        suppressions: [],
      });
    }
  }
  const provider =
    ((synthesized.provider as Record<string, Json[]> | undefined)?.aws ?? [])[0] ?? {};
  const defaultTags = ((
    provider.default_tags as { tags?: Record<string, string> }[] | undefined
  )?.[0]?.tags ?? {}) as Record<string, string>;
  return {
    name,
    source: plan ? 'plan' : 'synth',
    resources,
    dataSources,
    defaultTags,
    accountIds: (provider.allowed_account_ids as string[] | undefined) ?? [],
  };
}

/** Reads `<stackDir>/cdk.tf.json` and, when present, `<stackDir>/plan.json`. */
export function loadStackModel(stackDir: string): StackModel {
  const read = (file: string) => JSON.parse(readFileSync(join(stackDir, file), 'utf8')) as Json;
  const plan = existsSync(join(stackDir, 'plan.json')) ? read('plan.json') : undefined;
  return stackModelFromJson(basename(stackDir), read('cdk.tf.json'), plan);
}
