import {
  chainPosition,
  PROMOTION_DISPATCH_EVENT,
  promotionBusArn,
  promotionBusName,
} from '@genai-sandbox/config';
import type { PlatformStack } from '@genai-sandbox/core';
import {
  EventForwarder,
  GithubDispatch,
  modelApprovalPattern,
  PromotionBus,
} from '@genai-sandbox/eventing';
import { PermissionsBoundary, PlatformKey } from '@genai-sandbox/security';

/** One environment's part of the promotion chain: receive from the previous, forward to the next. */
export function promotionEvents(stack: PlatformStack): void {
  const { config, environment } = stack;
  const { previous, next } = chainPosition(config, environment.name);
  const groups = config.platform.modelPackageGroups.map((group) => group.name);
  const key = new PlatformKey(stack, 'PlatformKey', {
    purpose: 'platform',
    description: 'Platform data and logs',
    allowEventBridge: true,
  });
  const boundary = PermissionsBoundary.ofEnvironment(stack);

  if (next) {
    new EventForwarder(stack, 'ForwardApprovals', {
      purpose: 'forward-approvals',
      description: `Forwards approved model packages to ${next.name}`,
      eventPattern: modelApprovalPattern(groups),
      targetBusArn: promotionBusArn(config, next),
      encryptionKey: key,
      permissionsBoundary: boundary,
    });
  }
  if (previous) {
    const bus = new PromotionBus(stack, 'PromotionBus', {
      busName: promotionBusName(config, environment),
      sourceAccountId: previous.accountId,
      encryptionKey: key,
    });
    new GithubDispatch(stack, 'GithubDispatch', {
      purpose: 'github-dispatch',
      busName: bus.resource.name,
      eventPattern: modelApprovalPattern(groups, previous.accountId),
      repository: `${config.platform.github.organization}/${config.platform.github.repository}`,
      eventType: PROMOTION_DISPATCH_EVENT,
      staticPayload: { source_environment: previous.name, target_environment: environment.name },
      encryptionKey: key,
      permissionsBoundary: boundary,
    });
  }
}
