import type { PlatformStack } from '@genai-sandbox/core';
import { PlatformVpc } from '@genai-sandbox/networking';
import { PermissionsBoundary, PlatformKey } from '@genai-sandbox/security';

/** The network of one environment, from its configuration (environments/<env>.json). */
export function platformNetwork(stack: PlatformStack): PlatformVpc {
  const { network, availabilityZones } = stack.environment;
  const key = new PlatformKey(stack, 'PlatformKey', {
    purpose: 'platform',
    description: 'Platform data and logs',
  });
  const boundary = new PermissionsBoundary(stack, 'PermissionsBoundary');

  const vpc = new PlatformVpc(stack, 'Network', {
    cidr: network.vpcCidr,
    availabilityZones,
    internetEgress: network.internetEgress,
    interfaceEndpoints: network.interfaceEndpoints,
    flowLogRetentionDays: network.flowLogRetentionDays,
    encryptionKey: key,
    permissionsBoundary: boundary,
  });
  // A SageMaker job or endpoint then runs with:
  //   vpcConfig: { subnets: vpc.privateSubnetIds, securityGroupIds: [vpc.workloadSecurityGroupId] }
  return vpc;
}
