import { type PlatformConfiguration, REQUIRED_TAGS } from '@genai-sandbox/config';
import { stackModelFromJson } from './model/stack-model';
import { BASELINE_PACK } from './packs';
import { checkStacks, type Pack } from './run';
import type { PolicyContext } from './types';

/** What the policy gate knows of a configuration: the chain's accounts, the repository, the tags. */
export function policyContextOf(config: PlatformConfiguration): PolicyContext {
  const { platform } = config;
  return {
    chainAccountIds: platform.promotionChain.flatMap(
      (name) =>
        config.environments.find((environment) => environment.name === name)?.accountId ?? [],
    ),
    githubRepository: `${platform.github.organization}/${platform.github.repository}`,
    requiredTags: REQUIRED_TAGS,
  };
}

/**
 * Runs policy packs (the baseline pack unless told) over one synthesized stack, as `platform
 * check` does over cdk.tf.json, and returns every violation as `<rule> <address>: <message>`, so
 * a construct test can assert that what the construct builds passes the gate:
 * `expect(await policyViolations(synthesizeWithMetadata(stack), stack.config)).toEqual([])`.
 */
export async function policyViolations(
  synthesized: object,
  config: PlatformConfiguration,
  packs: readonly Pack[] = [BASELINE_PACK],
): Promise<string[]> {
  const model = stackModelFromJson('construct-test', synthesized as Record<string, unknown>);
  const report = await checkStacks([{ model, packs }], policyContextOf(config));
  const [stack] = report.stacks;
  return [
    ...stack.violations.map(
      (violation) => `${violation.ruleId} ${violation.address}: ${violation.message}`,
    ),
    ...stack.unusedSuppressions.map(
      (unused) => `unused suppression of ${unused.rule} on ${unused.address}: ${unused.reason}`,
    ),
  ];
}
