import { chainPosition, platformRoleArn } from '@genai-sandbox/config';
import type { PlatformStack } from '@genai-sandbox/core';
import { ContainerRepository, ModelPackageGroup } from '@genai-sandbox/registry';
import { PlatformKey } from '@genai-sandbox/security';

/** The registry of one environment, readable by the next one of the promotion chain. */
export function platformRegistry(stack: PlatformStack): ModelPackageGroup[] {
  const { config, environment } = stack;
  const { next } = chainPosition(config, environment.name);
  const key = new PlatformKey(stack, 'PlatformKey', {
    purpose: 'platform',
    description: 'Platform data and logs',
  });

  return config.platform.modelPackageGroups.map((group) => {
    new ContainerRepository(stack, `Containers-${group.name}`, {
      purpose: group.name,
      encryptionKey: key,
      // The next environment's SageMaker execution roles pull the serving image.
      downstream: next && {
        accountId: next.accountId,
        principalArns: [
          `arn:aws:iam::${next.accountId}:role/${config.platform.name}-${next.name}-*`,
        ],
      },
    });
    return new ModelPackageGroup(stack, `Models-${group.name}`, {
      groupName: group.name,
      description: group.description,
      // The next environment's promotion role reads approved packages and registers copies.
      downstream: next && {
        accountId: next.accountId,
        principalArns: [platformRoleArn(config, next, 'promotion')],
      },
    });
  });
}
