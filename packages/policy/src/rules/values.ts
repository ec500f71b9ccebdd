export type Block = Readonly<Record<string, unknown>>;

const isBlock = (value: unknown): value is Block =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The blocks of a nested block attribute as a list: cdktf writes a block of at most one item as
 * an object (`tracing_config: {mode: "Active"}`), a plan as a list of one.
 */
export function blocks(value: unknown): Block[] {
  return value === undefined || value === null ? [] : [value].flat().filter(isBlock);
}

/** The blocks `name` of each of `parents`, for paths such as destination_config.on_failure. */
export function childBlocks(parents: readonly Block[], name: string): Block[] {
  return parents.flatMap((parent) => blocks(parent[name]));
}

/** A non-empty string: a literal or a `${...}` reference that Terraform resolves. */
export function isSet(value: unknown): value is string {
  return typeof value === 'string' && value.trim() !== '';
}

/** `alias/aws/sns` or its ARN: a key AWS manages, whose key policy nobody can change. */
export function isAwsManagedKeyAlias(key: string): boolean {
  return /(^|:)alias\/aws\//.test(key);
}

/** A number, or a string of one (plan JSON and hand-written JSON differ); otherwise undefined. */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return value;
  if (typeof value === 'string' && /^-?\d+(\.\d+)?$/.test(value.trim())) return Number(value);
  return undefined;
}

/** How a value reads in a message: strings bare, everything else as JSON, missing as "not set". */
export function shown(value: unknown): string {
  if (value === undefined || value === null) return 'not set';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
