import { REQUIRED_TAGS } from '@genai-sandbox/config';
import { IamCatalog, splitAction } from '../src/iam/catalog';
import { policiesOf } from '../src/iam/policy-document';
import { type StackModel, stackModelFromJson } from '../src/model/stack-model';
import type { Finding, PolicyContext, Rule } from '../src/types';

/** dev -> test -> prod of the example configuration. */
export const CONTEXT: PolicyContext = {
  chainAccountIds: ['111111111111', '222222222222', '333333333333'],
  githubRepository: 'example-org/genai-sandbox',
  requiredTags: REQUIRED_TAGS,
};

export const DEFAULT_TAGS: Record<string, string> = {
  platform: 'genai',
  environment: 'dev',
  blueprint: 'foundation',
  project: 'shared',
  owner: 'ml-platform-team',
  'cost-center': 'cc-4711',
};

type Resources = Record<string, Record<string, Record<string, unknown>>>;

/**
 * A stack as cdk.tf.json would hold it: `resource` by type and name, the dev provider with the
 * platform default tags, and optionally data sources and a plan.
 */
export function stackOf(
  resource: Resources,
  extra: {
    data?: Resources;
    plan?: Record<string, unknown>;
    defaultTags?: Record<string, string>;
  } = {},
): StackModel {
  return stackModelFromJson(
    'test-stack',
    {
      provider: {
        aws: [
          {
            region: 'eu-west-1',
            allowed_account_ids: ['111111111111'],
            default_tags: [{ tags: extra.defaultTags ?? DEFAULT_TAGS }],
          },
        ],
      },
      resource,
      ...(extra.data ? { data: extra.data } : {}),
    },
    extra.plan,
  );
}

/** Runs one rule on the resource at `address` with the IAM catalogue it needs. */
export async function check(
  rule: Rule,
  stack: StackModel,
  address: string,
  context: PolicyContext = CONTEXT,
): Promise<Finding[]> {
  const resource = stack.resources.find((candidate) => candidate.address === address);
  if (!resource) throw new Error(`no resource ${address} in the fixture`);
  const services = new Set<string>();
  const keys = new Set<string>();
  for (const candidate of stack.resources) {
    for (const policy of policiesOf(candidate)) {
      for (const statement of policy.statements) {
        for (const action of [...statement.actions, ...statement.notActions])
          services.add(splitAction(action)[0]);
        for (const condition of statement.conditions) keys.add(condition.key);
      }
    }
  }
  const iam = await IamCatalog.load(services, keys);
  return [rule.check({ resource, stack, context, iam })].flat();
}

/** The messages of the non-compliant findings; `[]` means compliant or not applicable. */
export async function violations(
  rule: Rule,
  stack: StackModel,
  address: string,
  context?: PolicyContext,
): Promise<string[]> {
  return (await check(rule, stack, address, context)).flatMap((finding) =>
    finding.status === 'non-compliant' ? [finding.message] : [],
  );
}

/** Renders a policy document the way the constructs do. */
export function policy(...statements: Record<string, unknown>[]): string {
  return JSON.stringify({ Version: '2012-10-17', Statement: statements });
}
