import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * EventBridge as the synthesized stacks configure it, for tests that follow an event across
 * accounts: the rules, targets and API destinations of each stack's cdk.tf.json decide where an
 * event goes, so a wrong pattern, bus or input template in the real constructs changes the route.
 * Only what the platform's promotion rules use is interpreted (exact-value patterns, buses of other
 * accounts, API destinations with input transformers); anything else fails loudly.
 */

type Json = Record<string, unknown>;

export interface AwsEvent {
  readonly account: string;
  readonly source: string;
  readonly 'detail-type': string;
  readonly detail: Json;
  readonly [field: string]: unknown;
}

/** An API destination call an event led to: the request EventBridge sends. */
export interface DestinationCall {
  /** The environment whose stack holds the rule that sent it. */
  readonly environment: string;
  readonly rule: string;
  readonly method: string;
  readonly endpoint: string;
  readonly body: Json;
}

interface Stack {
  readonly environment: string;
  readonly account: string;
  readonly resources: Record<string, Record<string, Json>>;
}

/** The stacks of `<out>/stacks/<name>/cdk.tf.json`, by environment and account. */
export function loadStacks(
  out: string,
  stacks: readonly { name: string; environment: string; account: string }[],
): Stack[] {
  return stacks.map(({ name, environment, account }) => {
    const json = JSON.parse(readFileSync(join(out, 'stacks', name, 'cdk.tf.json'), 'utf8'));
    return { environment, account, resources: json.resource ?? {} };
  });
}

/** EventBridge's matching for exact values: every field of the pattern must hold one of its values. */
export function matchesPattern(pattern: Json, event: Json): boolean {
  return Object.entries(pattern).every(([field, expected]) => {
    const actual = event[field];
    if (Array.isArray(expected)) {
      if (expected.some((value) => typeof value === 'object' && value !== null))
        throw new Error(`content filters are not interpreted here: ${JSON.stringify(expected)}`);
      const values = Array.isArray(actual) ? actual : [actual];
      return values.some((value) => expected.includes(value));
    }
    if (typeof expected === 'object' && expected !== null)
      return (
        typeof actual === 'object' &&
        actual !== null &&
        matchesPattern(expected as Json, actual as Json)
      );
    throw new Error(`a pattern field holds ${JSON.stringify(expected)}: not a list or an object`);
  });
}

/** `${aws_x.id.attribute}` -> the resource's own attribute, for references within one stack. */
function dereference(stack: Stack, value: unknown, attribute: string): unknown {
  const match = /^\$\{([a-z0-9_]+)\.([A-Za-z0-9_]+)\.([a-z_]+)\}$/.exec(String(value));
  if (!match) return value;
  const [, type, id, referenced] = match;
  if (referenced !== attribute) throw new Error(`unexpected reference ${String(value)}`);
  return { resource: stack.resources[type]?.[id], type, id };
}

function referencedResource(stack: Stack, value: unknown, attribute: string) {
  const found = dereference(stack, value, attribute);
  return typeof found === 'object' && found !== null
    ? (found as { resource?: Json; type: string; id: string })
    : undefined;
}

/** An input transformer: `<name>` placeholders outside quotes take the JSON value of their path. */
function transform(transformer: Json, event: Json): Json {
  const paths = (transformer.input_paths ?? {}) as Record<string, string>;
  let text = String(transformer.input_template);
  for (const [name, path] of Object.entries(paths)) {
    if (!/^\$(\.[A-Za-z0-9_-]+)+$/.test(path)) throw new Error(`path ${path} not interpreted`);
    const value = path
      .slice(2)
      .split('.')
      .reduce<unknown>((node, key) => (node as Json | undefined)?.[key], event);
    text = text.split(`<${name}>`).join(JSON.stringify(value ?? null));
  }
  return JSON.parse(text) as Json;
}

/**
 * Delivers an event to a bus of an account and follows every matching rule: to the buses of other
 * accounts (the event keeps its account, as EventBridge does) and to API destinations.
 */
export function deliver(
  stacks: readonly Stack[],
  event: AwsEvent,
  to: { account: string; bus: string } = { account: event.account, bus: 'default' },
): DestinationCall[] {
  const calls: DestinationCall[] = [];
  for (const stack of stacks.filter((candidate) => candidate.account === to.account)) {
    for (const [ruleId, rule] of Object.entries(stack.resources.aws_cloudwatch_event_rule ?? {})) {
      const busRef = rule.event_bus_name ?? 'default';
      const bus = referencedResource(stack, busRef, 'name')?.resource?.name ?? busRef;
      if (bus !== to.bus || !rule.event_pattern) continue;
      if (!matchesPattern(JSON.parse(String(rule.event_pattern)), event as unknown as Json))
        continue;
      const targets = Object.values(stack.resources.aws_cloudwatch_event_target ?? {}).filter(
        (target) => target.rule === `\${aws_cloudwatch_event_rule.${ruleId}.name}`,
      );
      for (const target of targets) {
        const destination = referencedResource(stack, target.arn, 'arn');
        if (destination?.type === 'aws_cloudwatch_event_api_destination') {
          const api = destination.resource as Json;
          calls.push({
            environment: stack.environment,
            rule: String(rule.name),
            method: String(api.http_method),
            endpoint: String(api.invocation_endpoint),
            body: target.input_transformer
              ? transform(target.input_transformer as Json, event as unknown as Json)
              : (event as unknown as Json),
          });
          continue;
        }
        const busArn = /^arn:aws:events:[a-z0-9-]+:(\d{12}):event-bus\/(.+)$/.exec(
          String(target.arn),
        );
        if (!busArn) throw new Error(`target ${String(target.arn)} is not interpreted here`);
        calls.push(...deliver(stacks, event, { account: busArn[1], bus: busArn[2] }));
      }
    }
  }
  return calls;
}

/** The event SageMaker's model registry sends when a package's approval status changes. */
export function modelPackageStateChange(
  arn: string,
  status: 'Approved' | 'PendingManualApproval' | 'Rejected',
): AwsEvent {
  const match = /^arn:aws:sagemaker:([a-z0-9-]+):(\d{12}):model-package\/([^/]+)\/(\d+)$/.exec(arn);
  if (!match) throw new Error(`${arn} is not a versioned model package ARN`);
  const [, region, account, group, version] = match;
  return {
    version: '0',
    id: `event-${group}-${version}-${status}`,
    'detail-type': 'SageMaker Model Package State Change',
    source: 'aws.sagemaker',
    account,
    time: '2026-12-02T10:00:00Z',
    region,
    resources: [arn],
    detail: {
      ModelPackageGroupName: group,
      ModelPackageVersion: Number(version),
      ModelPackageArn: arn,
      ModelApprovalStatus: status,
      ModelPackageStatus: 'Completed',
    },
  };
}
