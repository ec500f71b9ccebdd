import {
  chainPosition,
  type EnvironmentDefinition,
  MODEL_PACKAGE_ARN_PATTERN,
  type PlatformConfiguration,
} from '@genai-sandbox/config';
import { didYouMean, UsageError } from '../errors';

/** A checked promotion request: one hop of the chain and a package of the source registry. */
export interface PromotionRequest {
  readonly from: EnvironmentDefinition;
  readonly to: EnvironmentDefinition;
  readonly sourceArn: string;
  readonly group: string;
  readonly version: string;
}

const EXAMPLE_ARN = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/genai-llm-finetuned/3';

/**
 * Checks everything the command line says before any AWS call: both environments exist, `--to` is
 * the next environment of the chain after `--from`, and the ARN is a versioned package of a group of
 * the platform in the source environment's account and region.
 */
export function checkRequest(
  config: PlatformConfiguration,
  args: { from?: string; to?: string; modelPackageArn?: string },
): PromotionRequest {
  const chain = config.platform.promotionChain;
  const example = `Example: --from ${chain[0]} --to ${chain[1] ?? chain[0]} --model-package-arn ${EXAMPLE_ARN}.`;
  const missing = (['from', 'to', 'model-package-arn'] as const).filter(
    (name) => (name === 'model-package-arn' ? args.modelPackageArn : args[name]) === undefined,
  );
  if (missing.length > 0) {
    throw new UsageError(
      `"platform promote" needs ${missing.map((name) => `--${name}`).join(', ')}. ${example}`,
    );
  }
  const { from, to } = checkHop(config, args.from as string, args.to as string);

  const arn = args.modelPackageArn as string;
  const match = MODEL_PACKAGE_ARN_PATTERN.exec(arn);
  if (!match) {
    throw new UsageError(
      `Option --model-package-arn received "${arn}", which is not a versioned model package ARN. Allowed: ` +
        `arn:aws:sagemaker:<region>:<account>:model-package/<group>/<version>, such as ${EXAMPLE_ARN}.`,
    );
  }
  const [, region, account, group, version] = match;
  if (account !== from.accountId || region !== from.region) {
    throw new UsageError(
      `Option --model-package-arn received ${arn}, a package of account ${account} in ${region}, but the source ` +
        `environment "${from.name}" is account ${from.accountId} in ${from.region} (${from.name}.json). ` +
        `Give the ARN of the package in ${from.name}'s registry.`,
    );
  }
  const groups = config.platform.modelPackageGroups.map(({ name }) => name);
  if (!groups.includes(group)) {
    throw new UsageError(
      `Option --model-package-arn received ${arn}, a package of group "${group}", which is not a model package ` +
        `group of platform.json.${didYouMean(group, groups)} Allowed groups: ${groups.join(', ')}.`,
    );
  }
  return { from, to, sourceArn: arn, group, version };
}

/**
 * `--to` is the environment right after `--from` on the promotion chain: a promotion, of a model
 * or of GenAI settings, never skips a stage.
 */
export function checkHop(
  config: PlatformConfiguration,
  fromName: string,
  toName: string,
): { from: EnvironmentDefinition; to: EnvironmentDefinition } {
  const chain = config.platform.promotionChain;
  const from = environment(config, 'from', fromName);
  const to = environment(config, 'to', toName);
  const next = chainPosition(config, from.name).next;
  if (!next || next.name !== to.name) {
    throw new UsageError(
      `Cannot promote from "${from.name}" to "${to.name}": a promotion goes one hop along the promotion chain ` +
        `${chain.join(' -> ')} (platform.json promotionChain) and no stage may be skipped. ` +
        (next
          ? `From "${from.name}" the next environment is "${next.name}": use --to ${next.name}.`
          : `"${from.name}" is ${chain.includes(from.name) ? 'the last environment of the chain' : 'not on the chain'}; nothing is promoted from it.`),
    );
  }
  return { from, to };
}

function environment(
  config: PlatformConfiguration,
  flag: 'from' | 'to',
  name: string,
): EnvironmentDefinition {
  const found = config.environments.find((candidate) => candidate.name === name);
  if (found) return found;
  const names = config.environments.map((candidate) => candidate.name);
  throw new UsageError(
    `Unknown environment "${name}" in --${flag}.${didYouMean(name, names)} Environments: ${names.join(', ')}.`,
  );
}
