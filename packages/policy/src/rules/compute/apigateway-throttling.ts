import {
  attribute,
  resourcesReferencing,
  type StackModel,
  type TfResource,
} from '../../model/stack-model';
import { COMPLIANT, type Finding, nonCompliant, type Rule } from '../../types';
import { type Block, blocks, numberOf, shown } from '../values';

/** Why the block does not throttle, or undefined when both limits are above 0. */
function throttlingProblem(block: Block): string | undefined {
  const rate = numberOf(block.throttling_rate_limit);
  const burst = numberOf(block.throttling_burst_limit);
  if (rate !== undefined && rate > 0 && burst !== undefined && burst > 0) return undefined;
  return `throttling_rate_limit ${shown(block.throttling_rate_limit)}, throttling_burst_limit ${shown(block.throttling_burst_limit)}`;
}

/** The method settings of a REST API stage: they refer to it, or name its API and stage. */
function methodSettingsOf(stack: StackModel, stage: TfResource): TfResource[] {
  const referring = resourcesReferencing(
    stack,
    stage,
    'aws_api_gateway_method_settings',
    'stage_name',
  );
  const same = (candidate: TfResource, name: string) =>
    attribute(candidate, name) !== undefined &&
    attribute(candidate, name) === attribute(stage, name);
  return stack.resources.filter(
    (candidate) =>
      candidate.type === 'aws_api_gateway_method_settings' &&
      (referring.includes(candidate) ||
        (same(candidate, 'rest_api_id') && same(candidate, 'stage_name'))),
  );
}

function checkRestStage(stage: TfResource, stack: StackModel): Finding {
  const settings = methodSettingsOf(stack, stage);
  if (settings.length === 0)
    return nonCompliant(
      'no aws_api_gateway_method_settings refers to this stage: its methods are limited only by the account-wide quota',
    );
  const problems: string[] = [];
  for (const candidate of settings) {
    for (const block of blocks(attribute(candidate, 'settings'))) {
      const problem = throttlingProblem(block);
      if (!problem) return COMPLIANT;
      problems.push(
        `${candidate.address} (${shown(attribute(candidate, 'method_path'))}): ${problem}`,
      );
    }
  }
  return nonCompliant(
    `no method settings of this stage set throttling_rate_limit and throttling_burst_limit above 0: ${problems.join('; ') || 'settings is empty'}`,
  );
}

function checkHttpStage(stage: TfResource): Finding {
  const defaults = blocks(attribute(stage, 'default_route_settings'));
  if (defaults.length === 0)
    return nonCompliant(
      'default_route_settings is not set: routes are limited only by the account-wide quota',
    );
  const problem = throttlingProblem(defaults[0]);
  return problem
    ? nonCompliant(`default_route_settings has ${problem}; both must be above 0`)
    : COMPLIANT;
}

export const apigatewayThrottling: Rule = {
  id: 'apigateway-throttling',
  title: 'API Gateway stages throttle requests',
  explanation:
    'Without stage throttling one client can use the whole account-wide API Gateway quota of the region, starving every other API of the account, and drive the model endpoints behind the API (and their cost) as hard as it likes.',
  fix: 'REST APIs: add an aws_api_gateway_method_settings for the stage (methodPath "*/*") with settings throttlingRateLimit and throttlingBurstLimit above 0. HTTP and WebSocket APIs: set defaultRouteSettings throttlingRateLimit and throttlingBurstLimit above 0 on the stage.',
  severity: 'error',
  resourceTypes: ['aws_api_gateway_stage', 'aws_apigatewayv2_stage'],
  check({ resource, stack }) {
    return resource.type === 'aws_api_gateway_stage'
      ? checkRestStage(resource, stack)
      : checkHttpStage(resource);
  },
};
