import { chainPosition } from './chain';
import type { EnvironmentDefinition, PlatformConfiguration } from './types';

/**
 * The promotion chain as configuration describes it. The names and
 * ARNs of its resources are in `naming/platform-names.ts`, with every other physical name.
 */
export const MODEL_APPROVAL_EVENT = {
  source: 'aws.sagemaker',
  detailType: 'SageMaker Model Package State Change',
  approvedStatus: 'Approved',
} as const;

/** The `repository_dispatch` event type that starts promote.yml. */
export const PROMOTION_DISPATCH_EVENT = 'model-approved';

/** Every hop of the chain, in order: from -> to. */
export function promotionHops(
  config: PlatformConfiguration,
): { from: EnvironmentDefinition; to: EnvironmentDefinition }[] {
  return config.platform.promotionChain.flatMap((name) => {
    const { previous } = chainPosition(config, name);
    const to = config.environments.find((environment) => environment.name === name);
    return previous && to ? [{ from: previous, to }] : [];
  });
}

/** The workflow file (under `.github/workflows/`) that `repository_dispatch` starts, one job per environment. */
export const PROMOTION_WORKFLOW = 'promote.yml';

/** The workflow file that deploys every environment of the chain, in order, on pushes to main. */
export const DEPLOY_WORKFLOW = 'deploy.yml';

/**
 * The workflows with a job that assumes an environment's deploy role: deploy.yml in every
 * environment (and in the shared-services account, `shared`, which is outside the chain),
 * promote.yml only in those that receive promotions (all but the first of the chain). The deploy
 * role trusts exactly these, and the generated workflows use exactly these.
 */
export function deployRoleWorkflows(
  config: PlatformConfiguration,
  environmentName: string,
): string[] {
  return chainPosition(config, environmentName).previous
    ? [DEPLOY_WORKFLOW, PROMOTION_WORKFLOW]
    : [DEPLOY_WORKFLOW];
}
