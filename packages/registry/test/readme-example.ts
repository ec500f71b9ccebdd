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
      // Exactly the roles of the next environment that pull the serving image.
      downstream: next && {
        accountId: next.accountId,
        principalArns: [platformRoleArn(config, next, 'promotion')],
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
